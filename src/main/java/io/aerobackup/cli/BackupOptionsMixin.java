package io.aerobackup.cli;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.PartitionRange;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.BackupSpec;
import io.aerobackup.job.Incremental;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The backup options, shared by {@code aerobackup backup} and the {@code flink run} entry point. */
public final class BackupOptionsMixin {
    @Option(names = "--hosts", required = true, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Seed nodes of the cluster.")
    String hosts;

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

    @Option(names = "--max-records", defaultValue = "0", description = "Stop after about N records (0: all).")
    long maxRecords;

    @Option(names = "--records-per-second", defaultValue = "0",
            description = "Job-wide read rate limit (0: none); also the server's per-node scan limit.")
    int recordsPerSecond;

    @Option(names = "--socket-timeout", defaultValue = "10000", paramLabel = "MS", description = "Socket timeout.")
    long socketTimeoutMs;

    @Option(names = "--total-timeout", defaultValue = "0", paramLabel = "MS", description = "Total scan timeout (0: none).")
    long totalTimeoutMs;

    @Option(names = "--max-retries", defaultValue = "5", description = "Retries of a failed partition scan.")
    int maxRetries;

    @Option(names = "--connect-timeout", defaultValue = "5000", paramLabel = "MS",
            description = "How long to wait for the cluster at start.")
    long connectTimeoutMs;

    @Option(names = "--compress", defaultValue = "zstd", paramLabel = "CODEC",
            description = "zstd (default), snappy, gzip or none.")
    String compression;

    @Option(names = "--compression-level", paramLabel = "LEVEL",
            description = "ZSTD level (1-22, default 1: the fastest; higher levels save a few percent of space).")
    Integer compressionLevel;

    @Option(names = "--file-size", defaultValue = "256", paramLabel = "MiB", description = "Roll data files at about this size.")
    long fileSizeMiB;

    @Option(names = "--row-group-size", defaultValue = "64", paramLabel = "MiB", description = "Parquet row group size.")
    int rowGroupMiB;

    @Option(names = "--parallelism", defaultValue = "0", description = "Flink parallelism (0: the environment's default).")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "10", paramLabel = "SECONDS",
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

    @Option(names = "--clock-skew-margin", defaultValue = "10", paramLabel = "SECONDS",
            description = "Incremental windows overlap by this much, so node clock skew loses nothing.")
    long skewMarginSeconds;

    /** Validates everything and builds the run's spec; an IllegalArgumentException names the bad option. */
    public BackupSpec toSpec() {
        ConnectionOptions connection = new ConnectionOptions(hosts, Duration.ofMillis(connectTimeoutMs));
        ScanOptions.Builder scan = ScanOptions.builder(namespace).sets(sets).bins(bins).noBins(noBins)
                .filterExpression(filterExpression).maxRecords(maxRecords).recordsPerSecond(recordsPerSecond)
                .timeouts(Duration.ofMillis(socketTimeoutMs), Duration.ofMillis(totalTimeoutMs))
                .maxRetries(maxRetries)
                .modifiedWindow(modifiedAfter == null ? null : TimeArguments.parse("--modified-after", modifiedAfter).toEpochMilli(),
                        modifiedBefore == null ? null : TimeArguments.parse("--modified-before", modifiedBefore).toEpochMilli());
        if (partitions != null) {
            scan.partitions(PartitionRange.parseList(partitions));
        }
        if (fileSizeMiB < 1) {
            throw new IllegalArgumentException("--file-size must be at least 1 MiB, was " + fileSizeMiB);
        }
        if (checkpointSeconds < 0) {
            throw new IllegalArgumentException("--checkpoint-interval must be 0 or more, was " + checkpointSeconds);
        }
        int level = compressionLevel != null ? compressionLevel : ParquetWriteOptions.COMPRESSION_LEVEL.defaultValue();
        ParquetWriteOptions parquet = ParquetWriteOptions.of(compression, level, rowGroupMiB * 1024L * 1024L);
        if ((cumulative || fullIfMissing) && !incremental) {
            throw new IllegalArgumentException("--cumulative and --full-if-missing need --incremental");
        }
        if (skewMarginSeconds < 0) {
            throw new IllegalArgumentException("--clock-skew-margin must be 0 or more, was " + skewMarginSeconds);
        }
        return new BackupSpec(connection, scan.build(), destination, parquet, fileSizeMiB * 1024 * 1024,
                parallelism, Duration.ofSeconds(checkpointSeconds), optionsUsed(),
                new Incremental(incremental, cumulative, fullIfMissing, Duration.ofSeconds(skewMarginSeconds)));
    }

    /** The options as given, for the manifest (no secrets are ever among them). */
    private Map<String, String> optionsUsed() {
        Map<String, String> used = new LinkedHashMap<>();
        used.put("hosts", hosts);
        used.put("compress", compression);
        used.put("compression-level", compressionLevel != null ? compressionLevel.toString()
                : ParquetWriteOptions.COMPRESSION_LEVEL.defaultValue().toString());
        used.put("file-size-mib", Long.toString(fileSizeMiB));
        if (partitions != null) {
            used.put("partitions", partitions);
        }
        if (incremental) {
            used.put("incremental", cumulative ? "cumulative" : "true");
            used.put("clock-skew-margin-seconds", Long.toString(skewMarginSeconds));
        }
        if (!sets.isEmpty()) {
            used.put("set", String.join(",", sets));
        }
        if (!bins.isEmpty()) {
            used.put("bins", String.join(",", bins));
        }
        if (noBins) {
            used.put("no-bins", "true");
        }
        if (filterExpression != null) {
            used.put("filter-exp", filterExpression);
        }
        if (maxRecords > 0) {
            used.put("max-records", Long.toString(maxRecords));
        }
        if (recordsPerSecond > 0) {
            used.put("records-per-second", Integer.toString(recordsPerSecond));
        }
        return used;
    }
}
