package io.aerobackup.job.replicate;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.OptionValues;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.crypto.EncryptionChecks;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.execution.ExecutionOptions;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.changefeed.ChangeFeedJobOptions;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DelegatingConfiguration;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The options of a replication run, as {@code aerobackup replicate} and {@code flink run ...
 * ReplicateJob} take them (keys are the flags without dashes), and their reading into a
 * {@link ReplicationSpec}. The source cluster takes the connection options of a backup
 * ({@code --hosts}, TLS, login); the destination the same options prefixed with {@code to-}
 * ({@code --to-hosts}, {@code --to-tls-enable}, {@code --to-user}, ...).
 */
public final class ReplicateJobOptions {
    /** Where the destination's options are: {@code to-} + the connection option's key. */
    public static final String DESTINATION_PREFIX = "to-";
    /** NS or NS,DESTINATION_NS. */
    public static final ConfigOption<String> NAMESPACE = ConfigOptions.key("namespace").stringType().noDefaultValue();
    /** A catalog root the rounds are also committed to as backups; none: no backups. */
    public static final ConfigOption<String> BACKUP_TO = ConfigOptions.key("backup-to").stringType()
            .noDefaultValue();
    /** Where the status file is written (any Flink file system URI); none: next to the backups with
     * {@link #BACKUP_TO} ({@link StatusLocation#inCatalog}), else no status file. */
    public static final ConfigOption<String> STATUS_TO = ConfigOptions.key("status-to").stringType()
            .noDefaultValue();
    /** Milliseconds; 0: the client's default. One batch to the destination, one conflict read on the source. */
    public static final ConfigOption<Long> WRITE_TIMEOUT = ConfigOptions.key("write-timeout").longType()
            .defaultValue(0L);

    /**
     * The destination's connection: every option of {@link ConnectionOptions#OPTIONS} (TLS and login
     * included) with the prefix; read back through the unprefixed options, which check the values.
     */
    public static final List<ConfigOption<?>> DESTINATION_OPTIONS = ConnectionOptions.OPTIONS.stream()
            .map(ReplicateJobOptions::destinationOption).toList();
    public static final ConfigOption<String> TO_HOSTS = ConfigOptions.key(DESTINATION_PREFIX
            + ConnectionOptions.HOSTS.key()).stringType().noDefaultValue();

    /**
     * The source scan's options that apply (the sets; timeouts and retries, which the destination's
     * writes share: {@code --max-retries} is one option for both).
     */
    public static final List<ConfigOption<?>> SCAN_OPTIONS = List.of(ScanOptions.SET, ScanOptions.SOCKET_TIMEOUT,
            ScanOptions.TOTAL_TIMEOUT, ScanOptions.MAX_RETRIES);
    /** How the destination is written. */
    public static final List<ConfigOption<?>> WRITE_OPTIONS = List.of(RestoreWriteOptions.BATCH_SIZE,
            RestoreWriteOptions.MAX_IN_FLIGHT, RestoreWriteOptions.IGNORE_RECORD_ERRORS,
            RestoreWriteOptions.DURABLE_DELETES, WRITE_TIMEOUT);
    public static final List<ConfigOption<?>> OPTIONS = List.of(NAMESPACE, ChangeFeedJobOptions.INTERVAL,
            ChangeFeedJobOptions.CHECKPOINT_INTERVAL, ChangeFeedJobOptions.CLOCK_SKEW_MARGIN, BACKUP_TO, STATUS_TO);

    /** Every option of a replication run, the restart policy's and (for --backup-to) the files' included. */
    public static final List<ConfigOption<?>> ALL = Stream.of(ConnectionOptions.OPTIONS, DESTINATION_OPTIONS,
            OPTIONS, SCAN_OPTIONS, WRITE_OPTIONS, ParquetWriteOptions.OPTIONS, EncryptionOptions.OPTIONS,
            ExecutionOptions.OPTIONS, RestartPolicy.OPTIONS).flatMap(List::stream).toList();

    private ReplicateJobOptions() {
    }

    /** {@code option} under the destination's prefix: a flag stays a flag, anything else is read as text. */
    private static ConfigOption<?> destinationOption(ConfigOption<?> option) {
        String key = DESTINATION_PREFIX + option.key();
        if (option.hasDefaultValue() && option.defaultValue() instanceof Boolean flag) {
            return ConfigOptions.key(key).booleanType().defaultValue(flag);
        }
        ConfigOptions.TypedConfigOptionBuilder<String> text = ConfigOptions.key(key).stringType();
        return option.hasDefaultValue() ? text.defaultValue(String.valueOf(option.defaultValue()))
                : text.noDefaultValue();
    }

    /** The source namespace and the one it is written into, as {@code --namespace NS[,DESTINATION_NS]} gives them. */
    public record Namespaces(String source, String destination) {
    }

    /** Reads {@code NS} or {@code NS,DESTINATION_NS}; an IllegalArgumentException names the option. */
    public static Namespaces namespaces(String value) {
        String[] names = value.split(",", -1);
        if (names.length > 2 || names[0].isBlank() || (names.length == 2 && names[1].isBlank())) {
            throw new IllegalArgumentException("--namespace must be NS or NS,DESTINATION_NS, was '" + value + "'");
        }
        String source = names[0].trim();
        return new Namespaces(source, names.length == 2 ? names[1].trim() : source);
    }

    /** Validates everything and builds the run's spec; an IllegalArgumentException names the bad option. */
    public static ReplicationSpec toSpec(ReadableConfig config) {
        Namespaces namespaces = namespaces(OptionValues.required(config, NAMESPACE));
        String sourceNamespace = namespaces.source();
        String destinationNamespace = namespaces.destination();
        ConnectionOptions source = ConnectionOptions.from(config);
        ConnectionOptions destination = destination(config);
        ScanOptions scan = ScanOptions.from(sourceNamespace, config);
        long intervalSeconds = config.get(ChangeFeedJobOptions.INTERVAL);
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("--interval must be at least 1 second, was " + intervalSeconds);
        }
        long checkpointSeconds = config.get(ChangeFeedJobOptions.CHECKPOINT_INTERVAL);
        if (checkpointSeconds < 1) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 1 second (replication applies"
                    + " its rounds on checkpoints), was " + checkpointSeconds);
        }
        long skewSeconds = config.get(ChangeFeedJobOptions.CLOCK_SKEW_MARGIN);
        if (skewSeconds < 0) {
            throw new IllegalArgumentException("--clock-skew-margin must be 0 or more, was " + skewSeconds);
        }
        long writeTimeout = config.get(WRITE_TIMEOUT);
        if (writeTimeout < 0) {
            throw new IllegalArgumentException("--write-timeout must be 0 or more milliseconds, was " + writeTimeout);
        }
        String backupTo = config.get(BACKUP_TO);
        ParquetWriteOptions parquet = null;
        if (backupTo != null) {
            if (backupTo.isBlank()) {
                throw new IllegalArgumentException("--backup-to needs a catalog root (a folder or a file system URI)");
            }
            parquet = ParquetWriteOptions.fromConfig(config);
            EncryptionChecks.checkWriteKey(parquet.encryption());
        }
        String statusTo = config.get(STATUS_TO);
        if (statusTo != null && statusTo.isBlank()) {
            throw new IllegalArgumentException("--status-to needs a file path or URI");
        }
        if (statusTo == null && backupTo != null) {
            statusTo = StatusLocation.inCatalog(backupTo, sourceNamespace, destinationNamespace);
        }
        RestoreWriteOptions write = RestoreWriteOptions.builder(destinationNamespace)
                .batchSize(config.get(RestoreWriteOptions.BATCH_SIZE))
                .maxBatchesInFlight(config.get(RestoreWriteOptions.MAX_IN_FLIGHT))
                .maxRetries(config.get(ScanOptions.MAX_RETRIES))
                .ignoredResultCodes(RestoreWriteOptions.parseCodes(
                        OptionValues.list(config, RestoreWriteOptions.IGNORE_RECORD_ERRORS)))
                .durableDeletes(config.get(RestoreWriteOptions.DURABLE_DELETES))
                .build();
        return new ReplicationSpec(source, scan, destination, destinationNamespace,
                Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(skewSeconds),
                Duration.ofSeconds(checkpointSeconds), config.get(ExecutionOptions.PARALLELISM), backupTo, parquet,
                ParquetWriteOptions.maxFileBytes(config), optionsUsed(config, destinationNamespace), statusTo, write,
                Duration.ofMillis(writeTimeout));
    }

    /** The destination's connection, read from the {@code to-} options; errors name those. */
    public static ConnectionOptions destination(ReadableConfig config) {
        if (config.get(TO_HOSTS) == null) {
            throw new IllegalArgumentException("--to-hosts is required: the destination cluster, host:port[,...]");
        }
        Configuration all = Configuration.fromMap(config.toMap());
        try {
            return ConnectionOptions.from(new DelegatingConfiguration(all, DESTINATION_PREFIX));
        } catch (IllegalArgumentException e) {
            // The connection's messages name the unprefixed flags.
            throw new IllegalArgumentException(String.valueOf(e.getMessage()).replace("--", "--" + DESTINATION_PREFIX),
                    e);
        }
    }

    /** What the backups' manifests record (no secrets: hosts, TLS on, who logged in). */
    private static Map<String, String> optionsUsed(ReadableConfig config, String destinationNamespace) {
        Map<String, String> used = new LinkedHashMap<>();
        used.put("hosts", config.get(ConnectionOptions.HOSTS));
        used.put("replicatedTo", config.get(TO_HOSTS) + "/" + destinationNamespace);
        List<String> sets = OptionValues.list(config, ScanOptions.SET);
        if (!sets.isEmpty()) {
            used.put("set", String.join(",", sets));
        }
        used.put("compress", config.get(ParquetWriteOptions.COMPRESSION));
        used.put("compression-level", config.get(ParquetWriteOptions.COMPRESSION_LEVEL).toString());
        used.put("file-size-mib", config.get(ParquetWriteOptions.FILE_SIZE).toString());
        if (EncryptionOptions.from(config).enabled()) {
            used.put("encryption", EncryptionChecks.ALGORITHM);
        }
        return used;
    }
}
