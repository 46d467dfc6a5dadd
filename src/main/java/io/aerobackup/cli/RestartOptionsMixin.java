package io.aerobackup.cli;

import io.aerobackup.job.RestartPolicy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * How often a job may restart before the run fails ({@link RestartPolicy}; the defaults are the
 * ConfigOptions' own), shared by backup and restore, and the local Flink environment built with it.
 */
public final class RestartOptionsMixin {
    @Option(names = "--restart-attempts", paramLabel = "N", description = "Restarts a backup or restore job may make"
            + " after a failure before the run fails with its cause (default 3).")
    Integer attempts;

    @Option(names = "--restart-delay", paramLabel = "SECONDS", description = "Wait before each restart (default 2).")
    Double delaySeconds;

    @Option(names = "--max-failures", paramLabel = "N", description = "With --continuous: failures tolerated within"
            + " --failure-interval before the change feed stops with its cause (default 10).")
    Integer maxFailures;

    @Option(names = "--failure-interval", paramLabel = "MINUTES", description = "With --continuous: the window of"
            + " --max-failures (default 30).")
    Double failureIntervalMinutes;

    /** For runs that are not a change feed: its failure-rate options make no sense there. */
    public void rejectFeedOptions() {
        if (maxFailures != null || failureIntervalMinutes != null) {
            throw new IllegalArgumentException("--max-failures and --failure-interval limit the change feed's"
                    + " restarts and need --continuous; bounded runs use --restart-attempts");
        }
    }

    /** Validates the options; an IllegalArgumentException names the bad one. */
    public RestartPolicy toPolicy() {
        RestartPolicy defaults = RestartPolicy.defaults();
        if (delaySeconds != null && (delaySeconds < 0 || delaySeconds > 3600)) {
            throw new IllegalArgumentException("--restart-delay must be in [0, 3600] seconds, was " + delaySeconds);
        }
        if (failureIntervalMinutes != null && failureIntervalMinutes <= 0) {
            throw new IllegalArgumentException("--failure-interval must be positive, was " + failureIntervalMinutes);
        }
        try {
            return new RestartPolicy(attempts != null ? attempts : defaults.attempts(),
                    delaySeconds != null ? Duration.ofMillis(Math.round(delaySeconds * 1000)) : defaults.delay(),
                    maxFailures != null ? maxFailures : defaults.maxFailures(),
                    failureIntervalMinutes != null ? Duration.ofMillis(Math.round(failureIntervalMinutes * 60_000))
                            : defaults.failureInterval());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("restart attempts", "--restart-attempts")
                    .replace("the change feed's max failures", "--max-failures"), e);
        }
    }

    /**
     * The environment with the bounded or the feed's restart strategy: under {@code flink run} the
     * cluster's; otherwise a local cluster whose REST endpoint is on a free loopback port, so the
     * run can read its job's failure history (restarts and their causes) while it waits.
     */
    public StreamExecutionEnvironment environment(boolean continuous, boolean local) {
        return environment(continuous, local, new Configuration());
    }

    /** As above, on top of Flink settings of the command ({@link FlinkConfigMixin}); the restart options win. */
    public StreamExecutionEnvironment environment(boolean continuous, boolean local, Configuration settings) {
        RestartPolicy policy = toPolicy();
        Configuration config = new Configuration(settings);
        config.addAll(continuous ? policy.unbounded() : policy.bounded());
        if (local) {
            int port = freePort();
            config.set(RestOptions.ADDRESS, "127.0.0.1");
            config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            config.set(RestOptions.PORT, port);
            config.set(RestOptions.BIND_PORT, String.valueOf(port));
            // The REST API caches a job's state this long (default 3 s); a restart should show at once.
            config.set(WebOptions.REFRESH_INTERVAL, Duration.ofMillis(200));
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(config);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free local port for Flink's REST endpoint", e);
        }
    }
}
