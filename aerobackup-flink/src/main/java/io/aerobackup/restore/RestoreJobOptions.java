package io.aerobackup.restore;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.OptionValues;
import io.aerobackup.config.TimeArguments;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.execution.ExecutionOptions;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The options of a restore run that are neither the connection's nor the writes': which backup,
 * from where, into which namespace; and {@link #ALL}, every option {@code aerobackup restore} and
 * {@code flink run ... RestoreJob} take. Keys are the flags without dashes.
 */
public final class RestoreJobOptions {
    public static final ConfigOption<String> FROM = ConfigOptions.key("from").stringType().noDefaultValue();
    /** NS or NS,TARGET (as asrestore). */
    public static final ConfigOption<String> NAMESPACE = ConfigOptions.key("namespace").stringType().noDefaultValue();
    public static final ConfigOption<String> BACKUP = ConfigOptions.key("backup").stringType().noDefaultValue();
    /** UTC ISO-8601 or epoch seconds. */
    public static final ConfigOption<String> TIME = ConfigOptions.key("time").stringType().noDefaultValue();
    public static final ConfigOption<Boolean> INDEXES_LAST = ConfigOptions.key("indexes-last").booleanType()
            .defaultValue(false);
    public static final ConfigOption<Boolean> NO_INDEXES = ConfigOptions.key("no-indexes").booleanType()
            .defaultValue(false);
    public static final ConfigOption<Boolean> VALIDATE = ConfigOptions.key("validate").booleanType()
            .defaultValue(false);
    public static final List<ConfigOption<?>> OPTIONS = List.of(FROM, NAMESPACE, BACKUP, TIME, INDEXES_LAST,
            NO_INDEXES, VALIDATE);

    /** Every option of a restore run, the restart policy's included. */
    public static final List<ConfigOption<?>> ALL = Stream.of(ConnectionOptions.OPTIONS, OPTIONS,
            RestoreWriteOptions.OPTIONS, ExecutionOptions.OPTIONS, RestartPolicy.OPTIONS, EncryptionOptions.OPTIONS)
            .flatMap(List::stream)
            .toList();

    private RestoreJobOptions() {
    }

    /** Validates everything and builds the run's spec; an IllegalArgumentException names the bad option. */
    public static RestoreSpec toSpec(ReadableConfig config) {
        String backupId = config.get(BACKUP);
        String time = config.get(TIME);
        if (backupId != null && time != null) {
            throw new IllegalArgumentException("--backup and --time cannot be used together");
        }
        String namespace = OptionValues.required(config, NAMESPACE);
        String[] names = namespace.split(",");
        if (names.length > 2 || names[0].isBlank()) {
            throw new IllegalArgumentException("--namespace must be NS or NS,TARGET, was '" + namespace + "'");
        }
        String source = names[0].trim();
        String target = names.length == 2 ? names[1].trim() : source;
        Instant at = time == null ? null : TimeArguments.parse(OptionValues.flag(TIME), time);
        RestoreWriteOptions write = RestoreWriteOptions.from(target, config);
        return new RestoreSpec(ConnectionOptions.from(config), OptionValues.required(config, FROM), source, backupId,
                at, write, config.get(ExecutionOptions.PARALLELISM), config.get(VALIDATE), config.get(INDEXES_LAST),
                !config.get(NO_INDEXES), EncryptionOptions.from(config));
    }
}
