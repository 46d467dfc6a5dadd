package io.aerobackup.cli;

import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import picocli.CommandLine.Option;

/**
 * The continuous change feed's options of {@code aerobackup backup}. Declarations only: defaults and
 * checks are {@code ChangeFeedJobOptions}', which {@code flink run ... BackupJob} reads too.
 */
public final class ChangeFeedOptionsMixin {
    @Option(names = "--continuous", description = {"Run the change feed: a full snapshot when the destination has"
            + " no chain yet, then a delta of what changed every --interval, committed on checkpoints, until"
            + " cancelled or stopped with a savepoint."})
    boolean continuous;

    @Option(names = "--interval", paramLabel = "SECONDS",
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

    @Option(names = FullSnapshotTriggers.MAX_DELTAS_OPTION, paramLabel = "N",
            description = "With --continuous: a full snapshot once the chain has N deltas since the last full (0: off).")
    int maxDeltas;

    @Option(names = FullSnapshotTriggers.MAX_CHANGE_OPTION, paramLabel = "PERCENT",
            description = "With --continuous: a full snapshot once the deltas since the last full hold more than"
                    + " PERCENT of its records (0: off).")
    int maxChangePercent;

    @Option(names = FullSnapshotTriggers.USED_SPACE_OPTION, paramLabel = "PERCENT",
            description = "With --continuous: a full snapshot when the namespace's used space crosses PERCENT (0: off).")
    int usedSpacePercent;
}
