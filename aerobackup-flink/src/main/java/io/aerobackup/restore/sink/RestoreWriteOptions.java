package io.aerobackup.restore.sink;

import io.aerobackup.config.OptionValues;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How restored records are written, in asrestore's terms: generation check (default on,
 * {@code --no-generation} turns it off), {@code --mode update|replace|create-only}, {@code --extra-ttl},
 * set remap and set/bin filters, ignored result codes, batching, retries and a rate limit.
 * Immutable and serializable; built with {@link #builder(String)}, whose setters validate and name
 * the option at fault.
 */
public final class RestoreWriteOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    // Keys are the command line's flags without dashes; lists are comma-separated.
    public static final ConfigOption<String> SET = ConfigOptions.key("set").stringType().noDefaultValue();
    /** OLD=NEW pairs. */
    public static final ConfigOption<String> SET_MAP = ConfigOptions.key("set-map").stringType().noDefaultValue();
    public static final ConfigOption<String> BINS = ConfigOptions.key("bins").stringType().noDefaultValue();
    public static final ConfigOption<Boolean> NO_GENERATION = ConfigOptions.key("no-generation").booleanType()
            .defaultValue(false);
    /** update, replace or create-only. */
    public static final ConfigOption<String> MODE = ConfigOptions.key("mode").stringType().defaultValue("update");
    /** Seconds. */
    public static final ConfigOption<Integer> EXTRA_TTL = ConfigOptions.key("extra-ttl").intType().defaultValue(0);
    /** Result codes. */
    public static final ConfigOption<String> IGNORE_RECORD_ERRORS = ConfigOptions.key("ignore-record-errors")
            .stringType().noDefaultValue();
    /** 0: no limit. */
    public static final ConfigOption<Integer> RECORDS_PER_SECOND = ConfigOptions.key("records-per-second").intType()
            .defaultValue(0);
    public static final ConfigOption<Integer> BATCH_SIZE = ConfigOptions.key("batch-size").intType().defaultValue(128);
    public static final ConfigOption<Integer> MAX_IN_FLIGHT = ConfigOptions.key("max-in-flight").intType()
            .defaultValue(4);
    public static final ConfigOption<Integer> MAX_RETRIES = ConfigOptions.key("max-retries").intType().defaultValue(5);
    public static final ConfigOption<Boolean> DURABLE_DELETES = ConfigOptions.key("durable-deletes").booleanType()
            .defaultValue(false);
    public static final List<ConfigOption<?>> OPTIONS = List.of(SET, SET_MAP, BINS, NO_GENERATION, MODE, EXTRA_TTL,
            IGNORE_RECORD_ERRORS, RECORDS_PER_SECOND, BATCH_SIZE, MAX_IN_FLIGHT, MAX_RETRIES, DURABLE_DELETES);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);

    /** What to do when the target already holds the record; maps onto RecordExistsAction. */
    public enum Mode {
        /** Merge the backup's bins into the existing record. */
        UPDATE,
        /** Replace the whole existing record. */
        REPLACE,
        /** Write only records the target does not have. */
        CREATE_ONLY
    }

    private final String namespace;
    private final Map<String, String> setRemap;
    private final Set<String> setFilter;
    private final Set<String> binFilter;
    private final boolean generationCheck;
    private final Mode mode;
    private final int extraTtlSeconds;
    private final Set<Integer> ignoredResultCodes;
    private final int batchSize;
    private final int maxBatchesInFlight;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final int recordsPerSecond;
    private final boolean durableDeletes;

    private RestoreWriteOptions(Builder b) {
        this.namespace = b.namespace;
        this.setRemap = Map.copyOf(b.setRemap);
        this.setFilter = Set.copyOf(b.setFilter);
        this.binFilter = Set.copyOf(b.binFilter);
        this.generationCheck = b.generationCheck;
        this.mode = b.mode;
        this.extraTtlSeconds = b.extraTtlSeconds;
        this.ignoredResultCodes = Set.copyOf(b.ignoredResultCodes);
        this.batchSize = b.batchSize;
        this.maxBatchesInFlight = b.maxBatchesInFlight;
        this.maxRetries = b.maxRetries;
        this.retryBackoff = b.retryBackoff;
        this.recordsPerSecond = b.recordsPerSecond;
        this.durableDeletes = b.durableDeletes;
    }

    /** The same options with durable deletes on: used when the target says it is Enterprise Edition. */
    public RestoreWriteOptions withDurableDeletes() {
        Builder b = new Builder(namespace).setRemap(setRemap).setFilter(setFilter).binFilter(binFilter)
                .generationCheck(generationCheck).mode(mode).extraTtlSeconds(extraTtlSeconds)
                .ignoredResultCodes(ignoredResultCodes).batchSize(batchSize).maxBatchesInFlight(maxBatchesInFlight)
                .maxRetries(maxRetries).retryBackoff(retryBackoff).recordsPerSecond(recordsPerSecond)
                .durableDeletes(true);
        return b.build();
    }

    /** The options in {@code config}, writing into {@code namespace}; errors name the bad flag. */
    public static RestoreWriteOptions from(String namespace, ReadableConfig config) {
        return builder(namespace)
                .setRemap(parseSetMap(OptionValues.list(config, SET_MAP)))
                .setFilter(new HashSet<>(OptionValues.list(config, SET)))
                .binFilter(new HashSet<>(OptionValues.list(config, BINS)))
                .generationCheck(!config.get(NO_GENERATION))
                .mode(parseMode(config.get(MODE)))
                .extraTtlSeconds(config.get(EXTRA_TTL))
                .ignoredResultCodes(parseCodes(OptionValues.list(config, IGNORE_RECORD_ERRORS)))
                .batchSize(config.get(BATCH_SIZE))
                .maxBatchesInFlight(config.get(MAX_IN_FLIGHT))
                .maxRetries(config.get(MAX_RETRIES))
                .recordsPerSecond(config.get(RECORDS_PER_SECOND))
                .durableDeletes(config.get(DURABLE_DELETES))
                .build();
    }

    private static Mode parseMode(String mode) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "update":
                return Mode.UPDATE;
            case "replace":
                return Mode.REPLACE;
            case "create-only":
                return Mode.CREATE_ONLY;
            default:
                throw new IllegalArgumentException("--mode must be update, replace or create-only, was '" + mode + "'");
        }
    }

    private static Map<String, String> parseSetMap(List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] pair = entry.split("=");
            if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                throw new IllegalArgumentException("--set-map entry '" + entry + "' is not OLD=NEW");
            }
            map.put(pair[0].trim(), pair[1].trim());
        }
        return map;
    }

    /** Result codes as {@code --ignore-record-errors} lists them; errors name that flag. */
    public static Set<Integer> parseCodes(List<String> codes) {
        Set<Integer> parsed = new HashSet<>();
        for (String code : codes) {
            try {
                parsed.add(Integer.parseInt(code));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ignore-record-errors entry '" + code + "' is not a result code");
            }
        }
        return parsed;
    }

    /** Options that write into {@code namespace} (the target, after any namespace remap). */
    public static Builder builder(String namespace) {
        return new Builder(namespace);
    }

    public String namespace() {
        return namespace;
    }

    /** Backup set name to target set name; sets not in the map keep their name. */
    public Map<String, String> setRemap() {
        return setRemap;
    }

    /** Backup sets to restore; empty means all. */
    public Set<String> setFilter() {
        return setFilter;
    }

    /** Bins to restore; empty means all. */
    public Set<String> binFilter() {
        return binFilter;
    }

    public boolean generationCheck() {
        return generationCheck;
    }

    public Mode mode() {
        return mode;
    }

    public int extraTtlSeconds() {
        return extraTtlSeconds;
    }

    /** Result codes that skip the record (counted) instead of failing the job. */
    public Set<Integer> ignoredResultCodes() {
        return ignoredResultCodes;
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxBatchesInFlight() {
        return maxBatchesInFlight;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The first retry's wait; it doubles per retry, up to {@link RetryBackoff#MAX_BACKOFF}. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** Records per second over the whole job; 0 means no limit. */
    public int recordsPerSecond() {
        return recordsPerSecond;
    }

    public boolean durableDeletes() {
        return durableDeletes;
    }

    /** The target set for a backup set (null stays null: records in no set). */
    public String targetSet(String backupSet) {
        // Without remaps no lookup: hashing a set name read from a file costs a pass over it per record.
        return backupSet == null || setRemap.isEmpty() ? backupSet : setRemap.getOrDefault(backupSet, backupSet);
    }

    @Override
    public String toString() {
        return "RestoreWriteOptions{namespace=" + namespace + ", setRemap=" + setRemap + ", sets=" + setFilter
                + ", bins=" + binFilter + ", generationCheck=" + generationCheck + ", mode=" + mode
                + ", extraTtl=" + extraTtlSeconds + ", ignored=" + ignoredResultCodes + ", batchSize=" + batchSize
                + ", inFlight=" + maxBatchesInFlight + ", maxRetries=" + maxRetries + ", backoff=" + retryBackoff
                + ", rps=" + recordsPerSecond + ", durableDeletes=" + durableDeletes + "}";
    }

    /** Builder with asrestore's defaults. */
    public static final class Builder {
        private final String namespace;
        private Map<String, String> setRemap = Map.of();
        private Set<String> setFilter = Set.of();
        private Set<String> binFilter = Set.of();
        private boolean generationCheck = true;
        private Mode mode = parseMode(MODE.defaultValue());
        private int extraTtlSeconds = EXTRA_TTL.defaultValue();
        private Set<Integer> ignoredResultCodes = Set.of();
        private int batchSize = BATCH_SIZE.defaultValue();
        private int maxBatchesInFlight = MAX_IN_FLIGHT.defaultValue();
        private int maxRetries = MAX_RETRIES.defaultValue();
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private int recordsPerSecond;
        private boolean durableDeletes;

        private Builder(String namespace) {
            if (namespace == null || namespace.isBlank() || namespace.length() > 31) {
                throw new IllegalArgumentException("--namespace must be 1 to 31 characters, was '" + namespace + "'");
            }
            this.namespace = namespace;
        }

        public Builder setRemap(Map<String, String> value) {
            Objects.requireNonNull(value, "--set-remap");
            value.forEach((from, to) -> {
                checkSetName("--set-remap", from);
                checkSetName("--set-remap", to);
            });
            this.setRemap = value;
            return this;
        }

        public Builder setFilter(Set<String> value) {
            Objects.requireNonNull(value, "--set").forEach(s -> checkSetName("--set", s));
            this.setFilter = value;
            return this;
        }

        public Builder binFilter(Set<String> value) {
            for (String bin : Objects.requireNonNull(value, "--bins")) {
                if (bin == null || bin.isEmpty() || bin.getBytes(StandardCharsets.UTF_8).length > 15) {
                    throw new IllegalArgumentException("--bins names must be 1 to 15 bytes, was '" + bin + "'");
                }
            }
            this.binFilter = value;
            return this;
        }

        public Builder generationCheck(boolean value) {
            this.generationCheck = value;
            return this;
        }

        public Builder mode(Mode value) {
            this.mode = Objects.requireNonNull(value, "--mode must be update, replace or create-only");
            return this;
        }

        public Builder extraTtlSeconds(int value) {
            this.extraTtlSeconds = value;
            return this;
        }

        public Builder ignoredResultCodes(Set<Integer> value) {
            for (Integer code : Objects.requireNonNull(value, "--ignore-result-codes")) {
                if (code == null || code == 0) {
                    throw new IllegalArgumentException("--ignore-result-codes cannot hold " + code
                            + "; 0 is success");
                }
            }
            this.ignoredResultCodes = value;
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = checkRange("--batch-size", value, 1, 5000);
            return this;
        }

        public Builder maxBatchesInFlight(int value) {
            this.maxBatchesInFlight = checkRange("--max-batches-in-flight", value, 1, 256);
            return this;
        }

        public Builder maxRetries(int value) {
            this.maxRetries = checkRange("--max-retries", value, 0, 100);
            return this;
        }

        public Builder retryBackoff(Duration value) {
            if (value == null || value.isNegative() || value.compareTo(RetryBackoff.MAX_BACKOFF) > 0) {
                throw new IllegalArgumentException("--retry-backoff must be in [0, "
                        + RetryBackoff.MAX_BACKOFF.toMillis() + "] ms, was " + value);
            }
            this.retryBackoff = value;
            return this;
        }

        public Builder recordsPerSecond(int value) {
            this.recordsPerSecond = checkRange("--records-per-second", value, 0, Integer.MAX_VALUE);
            return this;
        }

        public Builder durableDeletes(boolean value) {
            this.durableDeletes = value;
            return this;
        }

        public RestoreWriteOptions build() {
            return new RestoreWriteOptions(this);
        }

        private static int checkRange(String option, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(option + " must be in [" + min + "," + max + "], was " + value);
            }
            return value;
        }

        private static void checkSetName(String option, String set) {
            if (set == null || set.isEmpty() || set.getBytes(StandardCharsets.UTF_8).length > 63) {
                throw new IllegalArgumentException(option + " set names must be 1 to 63 bytes, was '" + set + "'");
            }
        }
    }
}
