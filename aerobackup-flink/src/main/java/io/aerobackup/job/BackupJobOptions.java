package io.aerobackup.job;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.OptionValues;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.config.SecurityOptions;
import io.aerobackup.crypto.EncryptionChecks;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.execution.ExecutionOptions;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.changefeed.ChangeFeedJobOptions;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.spec.Incremental;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The options of a backup run that are neither the connection's, the scan's nor the files':
 * what to back up where, checkpoints and incrementals; and {@link #ALL}, every option
 * {@code aerobackup backup} and {@code flink run ... BackupJob} take. Keys are the flags without dashes.
 */
public final class BackupJobOptions {
    public static final ConfigOption<String> NAMESPACE = ConfigOptions.key("namespace").stringType().noDefaultValue();
    /** The catalog root: a folder or any Flink file system URI. */
    public static final ConfigOption<String> TO = ConfigOptions.key("to").stringType().noDefaultValue();
    /** Seconds; 0: commit only at the end. */
    public static final ConfigOption<Long> CHECKPOINT_INTERVAL = ChangeFeedJobOptions.CHECKPOINT_INTERVAL;
    public static final ConfigOption<Boolean> INCREMENTAL = ConfigOptions.key("incremental").booleanType()
            .defaultValue(false);
    public static final ConfigOption<Boolean> CUMULATIVE = ConfigOptions.key("cumulative").booleanType()
            .defaultValue(false);
    public static final ConfigOption<Boolean> FULL_IF_MISSING = ConfigOptions.key("full-if-missing").booleanType()
            .defaultValue(false);
    /** Seconds. */
    public static final ConfigOption<Long> CLOCK_SKEW_MARGIN = ChangeFeedJobOptions.CLOCK_SKEW_MARGIN;
    public static final List<ConfigOption<?>> OPTIONS = List.of(NAMESPACE, TO, CHECKPOINT_INTERVAL, INCREMENTAL,
            CUMULATIVE, FULL_IF_MISSING, CLOCK_SKEW_MARGIN);

    /** Every option of a backup run, the change feed's and the restart policy's included. */
    public static final List<ConfigOption<?>> ALL = Stream.of(ConnectionOptions.OPTIONS, ScanOptions.OPTIONS,
            ParquetWriteOptions.OPTIONS, OPTIONS, ExecutionOptions.OPTIONS, ChangeFeedJobOptions.OPTIONS,
            RestartPolicy.OPTIONS, EncryptionOptions.OPTIONS).flatMap(List::stream).toList();

    private BackupJobOptions() {
    }

    /** Validates everything and builds the run's spec; an IllegalArgumentException names the bad option. */
    public static BackupSpec toSpec(ReadableConfig config) {
        ConnectionOptions connection = ConnectionOptions.from(config);
        ScanOptions scan = ScanOptions.from(OptionValues.required(config, NAMESPACE), config);
        String destination = OptionValues.required(config, TO);
        long maxFileBytes = ParquetWriteOptions.maxFileBytes(config);
        long checkpointSeconds = config.get(CHECKPOINT_INTERVAL);
        if (checkpointSeconds < 0) {
            throw new IllegalArgumentException("--checkpoint-interval must be 0 or more, was " + checkpointSeconds);
        }
        ParquetWriteOptions parquet = ParquetWriteOptions.fromConfig(config);
        EncryptionChecks.checkWriteKey(parquet.encryption());
        boolean incremental = config.get(INCREMENTAL);
        boolean cumulative = config.get(CUMULATIVE);
        boolean fullIfMissing = config.get(FULL_IF_MISSING);
        if ((cumulative || fullIfMissing) && !incremental) {
            throw new IllegalArgumentException("--cumulative and --full-if-missing need --incremental");
        }
        long skewMarginSeconds = config.get(CLOCK_SKEW_MARGIN);
        if (skewMarginSeconds < 0) {
            throw new IllegalArgumentException("--clock-skew-margin must be 0 or more, was " + skewMarginSeconds);
        }
        return new BackupSpec(connection, scan, destination, parquet, maxFileBytes,
                config.get(ExecutionOptions.PARALLELISM), Duration.ofSeconds(checkpointSeconds), optionsUsed(config),
                new Incremental(incremental, cumulative, fullIfMissing, Duration.ofSeconds(skewMarginSeconds)));
    }

    /** The options as given, for the manifest (no secrets are ever among them). */
    private static Map<String, String> optionsUsed(ReadableConfig config) {
        Map<String, String> used = new LinkedHashMap<>();
        used.put("hosts", config.get(ConnectionOptions.HOSTS));
        SecurityOptions security = SecurityOptions.from(config);
        if (security.tls()) {
            used.put("tls", "true");
        }
        if (security.login()) {
            // who logged in and how; where the password came from and the password itself never
            used.put("auth", security.authMode().name());
            if (security.user() != null) {
                used.put("user", security.user());
            }
        }
        used.put("compress", config.get(ParquetWriteOptions.COMPRESSION));
        used.put("compression-level", config.get(ParquetWriteOptions.COMPRESSION_LEVEL).toString());
        used.put("file-size-mib", config.get(ParquetWriteOptions.FILE_SIZE).toString());
        if (EncryptionOptions.from(config).enabled()) {
            used.put("encryption", EncryptionChecks.ALGORITHM); // the key's id is the manifest's encryptionKeyId
        }
        config.getOptional(ScanOptions.PARTITION_LIST).ifPresent(partitions -> used.put("partitions", partitions));
        if (config.get(INCREMENTAL)) {
            used.put("incremental", config.get(CUMULATIVE) ? "cumulative" : "true");
            used.put("clock-skew-margin-seconds", config.get(CLOCK_SKEW_MARGIN).toString());
        }
        List<String> sets = OptionValues.list(config, ScanOptions.SET);
        if (!sets.isEmpty()) {
            used.put("set", String.join(",", sets));
        }
        List<String> bins = OptionValues.list(config, ScanOptions.BINS);
        if (!bins.isEmpty()) {
            used.put("bins", String.join(",", bins));
        }
        if (config.get(ScanOptions.NO_BINS)) {
            used.put("no-bins", "true");
        }
        config.getOptional(ScanOptions.FILTER_EXP).ifPresent(filter -> used.put("filter-exp", filter));
        if (config.get(ScanOptions.MAX_RECORDS) > 0) {
            used.put("max-records", config.get(ScanOptions.MAX_RECORDS).toString());
        }
        if (config.get(ScanOptions.RECORDS_PER_SECOND) > 0) {
            used.put("records-per-second", config.get(ScanOptions.RECORDS_PER_SECOND).toString());
        }
        return used;
    }
}
