package io.aerobackup.cli;

import io.aerobackup.config.TimeArguments;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.restore.RestoreSpec;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The restore options, shared by {@code aerobackup restore} and the {@code flink run} entry point. */
public final class RestoreOptionsMixin {
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

    @Option(names = "--hosts", required = true, paramLabel = "HOST:PORT[,HOST:PORT]", description = "Target cluster.")
    String hosts;

    @Option(names = "--set", split = ",", paramLabel = "SET", description = "Restore only these sets.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--set-map", split = ",", paramLabel = "OLD=NEW", description = "Restore set OLD as NEW.")
    List<String> setMap = new ArrayList<>();

    @Option(names = "--bins", split = ",", paramLabel = "BIN", description = "Restore only these bins.")
    List<String> bins = new ArrayList<>();

    @Option(names = "--no-generation", description = "Overwrite records even when the target's generation is newer.")
    boolean noGeneration;

    @Option(names = "--mode", defaultValue = "update", paramLabel = "MODE",
            description = "update (merge bins, default), replace (whole records) or create-only (leave existing records).")
    String mode;

    @Option(names = "--extra-ttl", defaultValue = "0", paramLabel = "SECONDS", description = "Add to every record's TTL.")
    int extraTtl;

    @Option(names = "--ignore-record-errors", split = ",", paramLabel = "CODE",
            description = "Result codes to count and skip instead of failing, e.g. 13 (record too big).")
    List<Integer> ignoredCodes = new ArrayList<>();

    @Option(names = "--records-per-second", defaultValue = "0", description = "Write rate limit (0: none).")
    int recordsPerSecond;

    @Option(names = "--batch-size", defaultValue = "128", description = "Records per batch write.")
    int batchSize;

    @Option(names = "--max-in-flight", defaultValue = "4", description = "Batches in flight per writer.")
    int maxInFlight;

    @Option(names = "--max-retries", defaultValue = "5", description = "Retries of transient write errors.")
    int maxRetries;

    @Option(names = "--durable-deletes", description = "Apply DELETE rows as durable deletes (Enterprise Edition).")
    boolean durableDeletes;

    @Option(names = "--indexes-last", description = "Create secondary indexes after the records, not before.")
    boolean indexesLast;

    @Option(names = "--no-indexes", description = "Restore neither secondary indexes nor UDFs.")
    boolean noIndexes;

    @Option(names = "--validate", description = "Read and check every file; write nothing.")
    boolean validate;

    @Option(names = "--parallelism", defaultValue = "0", description = "Flink parallelism (0: the environment's default).")
    int parallelism;

    @Option(names = "--connect-timeout", defaultValue = "5000", paramLabel = "MS", description = "Wait for the cluster.")
    long connectTimeoutMs;

    public RestoreSpec toSpec() {
        if (backupId != null && time != null) {
            throw new IllegalArgumentException("--backup and --time cannot be used together");
        }
        String[] names = namespace.split(",");
        if (names.length > 2 || names[0].isBlank()) {
            throw new IllegalArgumentException("--namespace must be NS or NS,TARGET, was '" + namespace + "'");
        }
        String source = names[0].trim();
        String target = names.length == 2 ? names[1].trim() : source;
        Instant at = time == null ? null : TimeArguments.parse("--time", time);
        RestoreWriteOptions write = RestoreWriteOptions.builder(target)
                .setRemap(parseSetMap())
                .setFilter(new HashSet<>(sets))
                .binFilter(new HashSet<>(bins))
                .generationCheck(!noGeneration)
                .mode(parseMode())
                .extraTtlSeconds(extraTtl)
                .ignoredResultCodes(Set.copyOf(ignoredCodes))
                .batchSize(batchSize)
                .maxBatchesInFlight(maxInFlight)
                .maxRetries(maxRetries)
                .recordsPerSecond(recordsPerSecond)
                .durableDeletes(durableDeletes)
                .build();
        return new RestoreSpec(new ConnectionOptions(hosts, Duration.ofMillis(connectTimeoutMs)), from, source, backupId,
                at, write, parallelism, validate, indexesLast, !noIndexes);
    }

    private RestoreWriteOptions.Mode parseMode() {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "update":
                return RestoreWriteOptions.Mode.UPDATE;
            case "replace":
                return RestoreWriteOptions.Mode.REPLACE;
            case "create-only":
                return RestoreWriteOptions.Mode.CREATE_ONLY;
            default:
                throw new IllegalArgumentException("--mode must be update, replace or create-only, was '" + mode + "'");
        }
    }

    private Map<String, String> parseSetMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : setMap) {
            String[] pair = entry.split("=");
            if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                throw new IllegalArgumentException("--set-map entry '" + entry + "' is not OLD=NEW");
            }
            map.put(pair[0].trim(), pair[1].trim());
        }
        return map;
    }
}
