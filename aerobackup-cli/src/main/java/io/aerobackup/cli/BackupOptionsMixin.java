package io.aerobackup.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The backup options of {@code aerobackup backup}, the same that {@code flink run ... BackupJob}
 * takes. Declarations only: the defaults and the checks are in the ConfigOptions that
 * {@code BackupJobOptions.ALL} lists, which {@link GivenOptions} fills.
 */
public final class BackupOptionsMixin {
    @Mixin
    ConnectionOptionsMixin connection;

    @Mixin
    ParquetFileOptionsMixin files;

    @Mixin
    ParallelismMixin parallelism;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Namespace to back up.")
    String namespace;

    @Option(names = "--to", required = true, paramLabel = "URI",
            description = "Catalog root: a folder or any Flink file system URI (file://, s3://, ...).")
    String destination;

    @Option(names = "--set", split = ",", paramLabel = "SET", description = "Set(s) to back up (default: all).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--bins", split = ",", paramLabel = "BIN", description = "Bins to back up (default: all).")
    List<String> bins = new ArrayList<>();

    @Option(names = "--no-bins", description = "Back up record metadata only (digest, key, generation, TTL).")
    boolean noBins;

    @Option(names = "--partitions", paramLabel = "LIST",
            description = "Partitions to back up: ranges and ids, e.g. 0-1023,2048,3000-3099 (default: 0-4095).")
    String partitions;

    @Option(names = "--filter-exp", paramLabel = "BASE64", description = "Filter expression, base64 as Aerospike tools take it.")
    String filterExpression;

    @Option(names = "--modified-after", paramLabel = "TIME",
            description = "Only records last updated at or after TIME (UTC ISO-8601 or epoch seconds).")
    String modifiedAfter;

    @Option(names = "--modified-before", paramLabel = "TIME", description = "Only records last updated before TIME.")
    String modifiedBefore;

    @Option(names = "--max-records", description = "Stop after about N records (0: all).")
    long maxRecords;

    @Option(names = "--records-per-second",
            description = "Job-wide read rate limit (0: none); also the server's per-node scan limit.")
    int recordsPerSecond;

    @Option(names = "--socket-timeout", paramLabel = "MS", description = "Socket timeout.")
    long socketTimeoutMs;

    @Option(names = "--total-timeout", paramLabel = "MS", description = "Total scan timeout (0: none).")
    long totalTimeoutMs;

    @Option(names = "--max-retries", description = "Retries of a failed partition scan.")
    int maxRetries;

    @Option(names = "--checkpoint-interval", paramLabel = "SECONDS",
            description = "Checkpoint interval: a restart reads again at most this much; the change feed commits"
                    + " its rounds on checkpoints, full and incremental backups commit at the end (0: no checkpoints).")
    long checkpointSeconds;

    @Option(names = "--incremental",
            description = "Back up only what changed since the latest committed backup of the namespace (a delta).")
    boolean incremental;

    @Option(names = "--cumulative", description = "With --incremental: changes since the last full backup.")
    boolean cumulative;

    @Option(names = "--full-if-missing", description = "With --incremental: take a full backup when there is none yet.")
    boolean fullIfMissing;

    @Option(names = "--clock-skew-margin", paramLabel = "SECONDS",
            description = "Incremental windows overlap by this much, so node clock skew loses nothing.")
    long skewMarginSeconds;
}
