package io.aerobackup.execution;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.List;

/**
 * How often a job may restart before it fails for good. Flink's default with checkpointing is to
 * restart forever, so a backup whose cluster is gone or whose disk is full would never end: bounded
 * jobs (backup, incremental, restore) get a fixed number of attempts with a delay, the continuous
 * change feed a failure rate (it is meant to run forever, but not to fail forever).
 *
 * @param attempts      restarts a bounded job may make (0: fail at the first error)
 * @param delay         wait before each restart
 * @param maxFailures   failures the change feed tolerates within {@code failureInterval}
 * @param failureInterval the change feed's failure-rate window
 */
public record RestartPolicy(int attempts, Duration delay, int maxFailures, Duration failureInterval) {
    // Keys are the command line's flags without dashes, in its units (seconds, minutes).
    public static final ConfigOption<Integer> ATTEMPTS = ConfigOptions.key("restart-attempts").intType()
            .defaultValue(3).withDescription("Restarts a bounded job (backup, restore) may make before it fails.");
    public static final ConfigOption<Double> DELAY_SECONDS = ConfigOptions.key("restart-delay").doubleType()
            .defaultValue(2.0).withDescription("Seconds to wait before each restart.");
    public static final ConfigOption<Integer> MAX_FAILURES = ConfigOptions.key("max-failures")
            .intType().defaultValue(10)
            .withDescription("Failures the change feed tolerates within failure-interval.");
    public static final ConfigOption<Double> FAILURE_INTERVAL_MINUTES = ConfigOptions.key("failure-interval")
            .doubleType().defaultValue(30.0).withDescription("The change feed's failure-rate window in minutes.");
    public static final List<ConfigOption<?>> OPTIONS = List.of(ATTEMPTS, DELAY_SECONDS, MAX_FAILURES,
            FAILURE_INTERVAL_MINUTES);

    public RestartPolicy {
        if (attempts < 0 || attempts > 1000) {
            throw new IllegalArgumentException("restart attempts must be in [0, 1000], was " + attempts);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the restart delay must not be negative, was " + delay);
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("the change feed's max failures must be at least 1, was " + maxFailures);
        }
        if (failureInterval.isNegative() || failureInterval.isZero()) {
            throw new IllegalArgumentException("the failure-rate interval must be positive, was " + failureInterval);
        }
    }

    public static RestartPolicy defaults() {
        return from(new Configuration());
    }

    /** The policy the options in {@code config} describe; an IllegalArgumentException names the bad flag. */
    public static RestartPolicy from(ReadableConfig config) {
        double delaySeconds = config.get(DELAY_SECONDS);
        if (delaySeconds < 0 || delaySeconds > 3600) {
            throw new IllegalArgumentException("--restart-delay must be in [0, 3600] seconds, was " + delaySeconds);
        }
        double intervalMinutes = config.get(FAILURE_INTERVAL_MINUTES);
        if (intervalMinutes <= 0) {
            throw new IllegalArgumentException("--failure-interval must be positive, was " + intervalMinutes);
        }
        try {
            return new RestartPolicy(config.get(ATTEMPTS), Duration.ofMillis(Math.round(delaySeconds * 1000)),
                    config.get(MAX_FAILURES), Duration.ofMillis(Math.round(intervalMinutes * 60_000)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("restart attempts", "--restart-attempts")
                    .replace("the change feed's max failures", "--max-failures"), e);
        }
    }

    /** For runs that are not a change feed: its failure-rate options make no sense there. */
    public static void rejectFeedOptions(ReadableConfig config) {
        if (config.getOptional(MAX_FAILURES).isPresent() || config.getOptional(FAILURE_INTERVAL_MINUTES).isPresent()) {
            throw new IllegalArgumentException("--max-failures and --failure-interval limit the change feed's"
                    + " restarts and need --continuous; bounded runs use --restart-attempts");
        }
    }

    /** Flink's restart-strategy settings for the change feed ({@code continuous}) or a bounded job. */
    public Configuration flinkConfiguration(boolean continuous) {
        return continuous ? unbounded() : bounded();
    }

    /** Flink's restart-strategy settings for a bounded job. */
    public Configuration bounded() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, attempts);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, delay);
        return config;
    }

    /** Flink's restart-strategy settings for the change feed. */
    public Configuration unbounded() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, maxFailures);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, failureInterval);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, delay);
        return config;
    }

    /** The most restarts a job of this configuration makes before failing, or -1 when not limited by a count. */
    public static int maxRestarts(ReadableConfig config) {
        boolean fixed = config.getOptional(RestartStrategyOptions.RESTART_STRATEGY)
                .map(type -> type.equals("fixed-delay") || type.equals("fixeddelay")).orElse(false);
        return fixed ? config.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS) : -1;
    }

    /**
     * Gives a job the bounded default when whoever built the environment set no restart strategy
     * (tests and embedding code); the command line always sets one from its options.
     */
    public static void applyDefaultIfUnset(StreamExecutionEnvironment env, boolean unbounded) {
        if (!env.getConfiguration().getOptional(RestartStrategyOptions.RESTART_STRATEGY).isPresent()) {
            env.configure(unbounded ? defaults().unbounded() : defaults().bounded());
        }
    }
}
