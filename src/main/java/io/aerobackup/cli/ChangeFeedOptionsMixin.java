package io.aerobackup.cli;

import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/** The continuous change feed's options, shared by {@code aerobackup backup} and the BackupJob main. */
public final class ChangeFeedOptionsMixin {
    @Option(names = "--continuous", description = {"Run the change feed: a full snapshot when the destination has"
            + " no chain yet, then a delta of what changed every --interval, committed on checkpoints, until"
            + " cancelled or stopped with a savepoint."})
    boolean continuous;

    @Option(names = "--interval", defaultValue = "60", paramLabel = "SECONDS",
            description = "With --continuous: rounds start this far apart (default ${DEFAULT-VALUE}).")
    long intervalSeconds;

    @Option(names = "--capture-deletes", description = "With --continuous: each delta round also sweeps every"
            + " partition's digests (no bin data) and writes DELETE rows for records that vanished (expiries are"
            + " counted, not written).")
    boolean captureDeletes;

    @Option(names = FullSnapshotTriggers.SCHEDULE_OPTION, paramLabel = "CRON",
            description = "With --continuous: take a full snapshot on this UNIX cron schedule, e.g. \"0 2 * * *\".")
    String schedule;

    @Option(names = FullSnapshotTriggers.ZONE_OPTION, paramLabel = "ZONE",
            description = "Time zone of " + FullSnapshotTriggers.SCHEDULE_OPTION + " (default UTC).")
    String zone;

    @Option(names = FullSnapshotTriggers.MAX_DELTAS_OPTION, defaultValue = "0", paramLabel = "N",
            description = "With --continuous: a full snapshot once the chain has N deltas since the last full (0: off).")
    int maxDeltas;

    @Option(names = FullSnapshotTriggers.MAX_CHANGE_OPTION, defaultValue = "0", paramLabel = "PERCENT",
            description = "With --continuous: a full snapshot once the deltas since the last full hold more than"
                    + " PERCENT of its records (0: off).")
    int maxChangePercent;

    @Option(names = FullSnapshotTriggers.USED_SPACE_OPTION, defaultValue = "0", paramLabel = "PERCENT",
            description = "With --continuous: a full snapshot when the namespace's used space crosses PERCENT (0: off).")
    int usedSpacePercent;

    public boolean continuous() {
        return continuous;
    }

    /** Validates the options; an IllegalArgumentException names the bad one. */
    public ChangeFeedOptions toOptions(String destination, Duration skewMargin) {
        boolean anyFeedOption = captureDeletes || schedule != null || zone != null || maxDeltas != 0
                || maxChangePercent != 0 || usedSpacePercent != 0;
        if (!continuous && anyFeedOption) {
            throw new IllegalArgumentException("--capture-deletes and the full-snapshot triggers need --continuous");
        }
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("--interval must be at least 1 second, was " + intervalSeconds);
        }
        FullSnapshotTriggers triggers = FullSnapshotTriggers.of(schedule, maxDeltas, maxChangePercent,
                usedSpacePercent);
        if (zone != null) {
            try {
                triggers = triggers.withZone(ZoneId.of(zone));
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException(FullSnapshotTriggers.ZONE_OPTION + " '" + zone
                        + "' is not a time zone (use a region such as Europe/Berlin, or UTC)");
            }
        }
        return new ChangeFeedOptions(destination, Duration.ofSeconds(intervalSeconds), skewMargin, captureDeletes,
                triggers, Clock.systemUTC());
    }
}
