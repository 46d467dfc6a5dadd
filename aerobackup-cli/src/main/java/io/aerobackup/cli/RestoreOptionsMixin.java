package io.aerobackup.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The restore options of {@code aerobackup restore}, the same that {@code flink run ... RestoreJob}
 * takes. Declarations only: the defaults and the checks are in the ConfigOptions that
 * {@code RestoreJobOptions.ALL} lists, which {@link GivenOptions} fills.
 */
public final class RestoreOptionsMixin {
    @Mixin
    ConnectionOptionsMixin connection;

    @Mixin
    ParallelismMixin parallelism;

    @Option(names = "--from", required = true, paramLabel = "URI", description = "Catalog root to restore from.")
    String from;

    @Option(names = "--namespace", required = true, paramLabel = "NS[,TARGET]",
            description = "Namespace of the backup, and optionally the namespace to restore into (as asrestore: src,dst).")
    String namespace;

    @Option(names = "--backup", paramLabel = "ID", description = "Backup to restore (a delta id restores its whole chain).")
    String backupId;

    @Option(names = "--time", paramLabel = "TIME",
            description = "Restore the latest chain point at or before TIME (UTC ISO-8601 or epoch seconds).")
    String time;


    @Option(names = "--set", split = ",", paramLabel = "SET", description = "Restore only these sets.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--set-map", split = ",", paramLabel = "OLD=NEW", description = "Restore set OLD as NEW.")
    List<String> setMap = new ArrayList<>();

    @Option(names = "--bins", split = ",", paramLabel = "BIN", description = "Restore only these bins.")
    List<String> bins = new ArrayList<>();

    @Option(names = "--no-generation", description = "Overwrite records even when the target's generation is newer.")
    boolean noGeneration;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "update (merge bins), replace (whole records) or create-only (leave existing records); default ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--extra-ttl", paramLabel = "SECONDS", description = "Add to every record's TTL.")
    int extraTtl;

    @Option(names = "--ignore-record-errors", split = ",", paramLabel = "CODE",
            description = "Result codes to count and skip instead of failing, e.g. 13 (record too big).")
    List<Integer> ignoredCodes = new ArrayList<>();

    @Option(names = "--records-per-second", description = "Write rate limit (0: none).")
    int recordsPerSecond;

    @Option(names = "--batch-size", description = "Records per batch write.")
    int batchSize;

    @Option(names = "--max-in-flight", description = "Batches in flight per writer.")
    int maxInFlight;

    @Option(names = "--max-retries", description = "Retries of transient write errors.")
    int maxRetries;

    @Option(names = "--durable-deletes", description = "Apply DELETE rows as durable deletes (Enterprise Edition).")
    boolean durableDeletes;

    @Option(names = "--indexes-last", description = "Create secondary indexes after the records, not before.")
    boolean indexesLast;

    @Option(names = "--no-indexes", description = "Restore neither secondary indexes nor UDFs.")
    boolean noIndexes;

    @Option(names = "--validate", description = "Read and check every file; write nothing.")
    boolean validate;

}
