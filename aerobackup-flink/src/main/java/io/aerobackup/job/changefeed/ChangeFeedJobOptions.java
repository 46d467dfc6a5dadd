package io.aerobackup.job.changefeed;

import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.spec.Incremental;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The continuous change feed's options, as {@code aerobackup backup} and {@code flink run} take
 * them (keys are the flags without dashes), and their reading into {@link ChangeFeedOptions}.
 */
public final class ChangeFeedJobOptions {
    public static final ConfigOption<Boolean> CONTINUOUS = ConfigOptions.key("continuous").booleanType()
            .defaultValue(false);
    /**
     * Seconds between checkpoints; 0: a bounded backup commits only at the end. Declared here (not in
     * BackupJobOptions, which uses it) so that replication's options share it without a package cycle.
     */
    public static final ConfigOption<Long> CHECKPOINT_INTERVAL = ConfigOptions.key("checkpoint-interval").longType()
            .defaultValue(10L);
    /** Seconds a window stops short of its round's start (and, for an incremental, starts before its parent's end). */
    public static final ConfigOption<Long> CLOCK_SKEW_MARGIN = ConfigOptions.key("clock-skew-margin").longType()
            .defaultValue(Incremental.DEFAULT_SKEW_MARGIN.toSeconds());
    /** Seconds between the starts of two rounds. */
    public static final ConfigOption<Long> INTERVAL = ConfigOptions.key("interval").longType().defaultValue(60L);
    public static final ConfigOption<Boolean> CAPTURE_DELETES = ConfigOptions.key("capture-deletes").booleanType()
            .defaultValue(false);
    public static final ConfigOption<String> FULL_SCHEDULE = ConfigOptions
            .key(key(FullSnapshotTriggers.SCHEDULE_OPTION)).stringType().noDefaultValue();
    /** None: UTC. */
    public static final ConfigOption<String> FULL_SCHEDULE_ZONE = ConfigOptions
            .key(key(FullSnapshotTriggers.ZONE_OPTION)).stringType().noDefaultValue();
    /** 0: off. */
    public static final ConfigOption<Integer> FULL_AFTER_DELTAS = ConfigOptions
            .key(key(FullSnapshotTriggers.MAX_DELTAS_OPTION)).intType().defaultValue(0);
    /** 0: off. */
    public static final ConfigOption<Integer> FULL_AFTER_CHANGE_PERCENT = ConfigOptions
            .key(key(FullSnapshotTriggers.MAX_CHANGE_OPTION)).intType().defaultValue(0);
    /** 0: off. */
    public static final ConfigOption<Integer> FULL_AT_USED_SPACE_PERCENT = ConfigOptions
            .key(key(FullSnapshotTriggers.USED_SPACE_OPTION)).intType().defaultValue(0);
    public static final List<ConfigOption<?>> OPTIONS = List.of(CONTINUOUS, INTERVAL, CAPTURE_DELETES, FULL_SCHEDULE,
            FULL_SCHEDULE_ZONE, FULL_AFTER_DELTAS, FULL_AFTER_CHANGE_PERCENT, FULL_AT_USED_SPACE_PERCENT);

    private ChangeFeedJobOptions() {
    }

    public static boolean continuous(ReadableConfig config) {
        return config.get(CONTINUOUS);
    }

    /**
     * The feed of the backup {@code spec} describes, also when it is not {@link #continuous}: the
     * options are validated either way. An IllegalArgumentException names the bad one.
     */
    public static ChangeFeedOptions toOptions(ReadableConfig config, BackupSpec spec) {
        if (continuous(config) && spec.incremental().enabled()) {
            throw new IllegalArgumentException("--continuous takes its own deltas; drop --incremental");
        }
        return toOptions(config, spec.destination(), spec.incremental().skewMargin());
    }

    private static ChangeFeedOptions toOptions(ReadableConfig config, String destination, Duration skewMargin) {
        String schedule = config.get(FULL_SCHEDULE);
        String zone = config.get(FULL_SCHEDULE_ZONE);
        boolean anyFeedOption = config.get(CAPTURE_DELETES) || schedule != null || zone != null
                || config.get(FULL_AFTER_DELTAS) != 0 || config.get(FULL_AFTER_CHANGE_PERCENT) != 0
                || config.get(FULL_AT_USED_SPACE_PERCENT) != 0;
        if (!continuous(config) && anyFeedOption) {
            throw new IllegalArgumentException("--capture-deletes and the full-snapshot triggers need --continuous");
        }
        long intervalSeconds = config.get(INTERVAL);
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("--interval must be at least 1 second, was " + intervalSeconds);
        }
        FullSnapshotTriggers triggers = FullSnapshotTriggers.of(schedule, config.get(FULL_AFTER_DELTAS),
                config.get(FULL_AFTER_CHANGE_PERCENT), config.get(FULL_AT_USED_SPACE_PERCENT));
        if (zone != null) {
            try {
                triggers = triggers.withZone(ZoneId.of(zone));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(FullSnapshotTriggers.ZONE_OPTION + " '" + zone
                        + "' is not a time zone (use a region such as Europe/Berlin, or UTC)");
            }
        }
        return new ChangeFeedOptions(destination, Duration.ofSeconds(intervalSeconds), skewMargin,
                config.get(CAPTURE_DELETES), triggers, Clock.systemUTC());
    }

    private static String key(String flag) {
        return flag.substring("--".length());
    }
}
