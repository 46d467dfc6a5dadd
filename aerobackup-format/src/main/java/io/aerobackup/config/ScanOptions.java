package io.aerobackup.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a partition scan reads and how hard it may push the cluster. Immutable and serializable;
 * built with {@link #builder(String)}, whose setters validate and name the option at fault.
 */
public final class ScanOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int PARTITIONS = 4096;
    /** The set Aerospike keeps transaction monitors in: never backed up. */
    public static final String TXN_MONITOR_SET = "<ERO~MRT";

    /** Comma-separated set names; none: the whole namespace. */
    public static final ConfigOption<String> SET = ConfigOptions.key("set").stringType().noDefaultValue();
    /** Comma-separated bin names; none: all bins. */
    public static final ConfigOption<String> BINS = ConfigOptions.key("bins").stringType().noDefaultValue();
    public static final ConfigOption<Boolean> NO_BINS = ConfigOptions.key("no-bins").booleanType().defaultValue(false);
    /** As {@link PartitionRange#parseList}; none: all 4096. */
    public static final ConfigOption<String> PARTITION_LIST = ConfigOptions.key("partitions").stringType()
            .noDefaultValue();
    public static final ConfigOption<String> FILTER_EXP = ConfigOptions.key("filter-exp").stringType()
            .noDefaultValue();
    /** UTC ISO-8601 or epoch seconds, as {@link TimeArguments} reads them. */
    public static final ConfigOption<String> MODIFIED_AFTER = ConfigOptions.key("modified-after").stringType()
            .noDefaultValue();
    public static final ConfigOption<String> MODIFIED_BEFORE = ConfigOptions.key("modified-before").stringType()
            .noDefaultValue();
    /** 0: no limit. */
    public static final ConfigOption<Long> MAX_RECORDS = ConfigOptions.key("max-records").longType().defaultValue(0L);
    /** 0: no limit. */
    public static final ConfigOption<Integer> RECORDS_PER_SECOND = ConfigOptions.key("records-per-second").intType()
            .defaultValue(0);
    /** Milliseconds. */
    public static final ConfigOption<Long> SOCKET_TIMEOUT = ConfigOptions.key("socket-timeout").longType()
            .defaultValue(10_000L);
    /** Milliseconds; 0: none. */
    public static final ConfigOption<Long> TOTAL_TIMEOUT = ConfigOptions.key("total-timeout").longType()
            .defaultValue(0L);
    public static final ConfigOption<Integer> MAX_RETRIES = ConfigOptions.key("max-retries").intType().defaultValue(5);
    public static final List<ConfigOption<?>> OPTIONS = List.of(SET, BINS, NO_BINS, PARTITION_LIST, FILTER_EXP,
            MODIFIED_AFTER, MODIFIED_BEFORE, MAX_RECORDS, RECORDS_PER_SECOND, SOCKET_TIMEOUT, TOTAL_TIMEOUT,
            MAX_RETRIES);

    private final String namespace;
    private final List<String> sets;
    private final List<String> bins;
    private final boolean noBins;
    private final List<PartitionRange> partitions;
    private final String filterExpression;
    private final Long modifiedAfterMillis;
    private final Long modifiedBeforeMillis;
    private final long maxRecords;
    private final int recordsPerSecond;
    private final Duration socketTimeout;
    private final Duration totalTimeout;
    private final int maxRetries;
    private final int partitionsPerSplit;

    private ScanOptions(Builder b) {
        this.namespace = b.namespace;
        this.sets = List.copyOf(b.sets);
        this.bins = List.copyOf(b.bins);
        this.noBins = b.noBins;
        this.partitions = b.partitions;
        this.filterExpression = b.filterExpression;
        this.modifiedAfterMillis = b.modifiedAfterMillis;
        this.modifiedBeforeMillis = b.modifiedBeforeMillis;
        this.maxRecords = b.maxRecords;
        this.recordsPerSecond = b.recordsPerSecond;
        this.socketTimeout = b.socketTimeout;
        this.totalTimeout = b.totalTimeout;
        this.maxRetries = b.maxRetries;
        this.partitionsPerSplit = b.partitionsPerSplit;
    }

    public static Builder builder(String namespace) {
        return new Builder(namespace);
    }

    /** The scan of {@code namespace} the options in {@code config} describe, validated. */
    public static ScanOptions from(String namespace, ReadableConfig config) {
        Builder scan = builder(namespace).sets(OptionValues.list(config, SET)).bins(OptionValues.list(config, BINS))
                .noBins(config.get(NO_BINS)).filterExpression(config.get(FILTER_EXP))
                .maxRecords(config.get(MAX_RECORDS)).recordsPerSecond(config.get(RECORDS_PER_SECOND))
                .timeouts(Duration.ofMillis(config.get(SOCKET_TIMEOUT)), Duration.ofMillis(config.get(TOTAL_TIMEOUT)))
                .maxRetries(config.get(MAX_RETRIES))
                .modifiedWindow(epochMillis(config, MODIFIED_AFTER), epochMillis(config, MODIFIED_BEFORE));
        config.getOptional(PARTITION_LIST).ifPresent(list -> scan.partitions(PartitionRange.parseList(list)));
        return scan.build();
    }

    private static Long epochMillis(ReadableConfig config, ConfigOption<String> option) {
        return config.getOptional(option)
                .map(text -> TimeArguments.parse(OptionValues.flag(option), text).toEpochMilli()).orElse(null);
    }

    public String namespace() {
        return namespace;
    }

    /** Sets to back up; empty means the whole namespace. */
    public List<String> sets() {
        return sets;
    }

    /** Bins to back up; empty means all. */
    public List<String> bins() {
        return bins;
    }

    public boolean noBins() {
        return noBins;
    }

    /** The partitions to scan: sorted, non-overlapping ranges. */
    public List<PartitionRange> partitions() {
        return partitions;
    }

    /** How many partitions the scan covers. */
    public int partitionCount() {
        return partitions.stream().mapToInt(PartitionRange::count).sum();
    }

    /** Base64 filter expression as Aerospike tools take it, or null. */
    public String filterExpression() {
        return filterExpression;
    }

    public Long modifiedAfterMillis() {
        return modifiedAfterMillis;
    }

    public Long modifiedBeforeMillis() {
        return modifiedBeforeMillis;
    }

    public long maxRecords() {
        return maxRecords;
    }

    public int recordsPerSecond() {
        return recordsPerSecond;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    public Duration totalTimeout() {
        return totalTimeout;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** Partitions per split; 0 means "choose from the parallelism". */
    public int partitionsPerSplit() {
        return partitionsPerSplit;
    }

    /** A copy scanning only records last updated in [afterMillis, beforeMillis). */
    public ScanOptions withModifiedWindow(Long afterMillis, Long beforeMillis) {
        return toBuilder().modifiedWindow(afterMillis, beforeMillis).build();
    }

    /** A copy that scans every record (no last-update window), as a full snapshot does. */
    public ScanOptions withoutWindow() {
        return toBuilder().modifiedWindow(null, null).build();
    }

    /**
     * A copy that reads every record's metadata only (digest, set, generation, void-time): the
     * presence sweep of delete capture. Sets and the user's filter still apply; the window does not.
     */
    public ScanOptions forPresenceSweep() {
        return toBuilder().modifiedWindow(null, null).noBins(true).bins(List.of()).build();
    }

    private Builder toBuilder() {
        return new Builder(namespace).sets(sets).bins(bins).noBins(noBins).partitions(partitions)
                .filterExpression(filterExpression).modifiedWindow(modifiedAfterMillis, modifiedBeforeMillis)
                .maxRecords(maxRecords).recordsPerSecond(recordsPerSecond).timeouts(socketTimeout, totalTimeout)
                .maxRetries(maxRetries).partitionsPerSplit(partitionsPerSplit);
    }

    /** Builder; its defaults are the ConfigOptions'. */
    public static final class Builder {
        private final String namespace;
        private List<String> sets = List.of();
        private List<String> bins = List.of();
        private boolean noBins;
        private List<PartitionRange> partitions = List.of(PartitionRange.all());
        private String filterExpression;
        private Long modifiedAfterMillis;
        private Long modifiedBeforeMillis;
        private long maxRecords = MAX_RECORDS.defaultValue();
        private int recordsPerSecond = RECORDS_PER_SECOND.defaultValue();
        private Duration socketTimeout = Duration.ofMillis(SOCKET_TIMEOUT.defaultValue());
        private Duration totalTimeout = Duration.ofMillis(TOTAL_TIMEOUT.defaultValue());
        private int maxRetries = MAX_RETRIES.defaultValue();
        private int partitionsPerSplit;

        private Builder(String namespace) {
            if (namespace == null || namespace.isBlank() || namespace.length() > 31) {
                throw new IllegalArgumentException("--namespace must be 1 to 31 characters, was '" + namespace + "'");
            }
            this.namespace = namespace;
        }

        public Builder sets(List<String> value) {
            for (String set : value) {
                if (set.isEmpty() || set.length() > 63) {
                    throw new IllegalArgumentException("--set names must be 1 to 63 characters, was '" + set + "'");
                }
            }
            this.sets = Objects.requireNonNull(value);
            return this;
        }

        public Builder bins(List<String> value) {
            for (String bin : value) {
                if (bin.isEmpty() || bin.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
                    throw new IllegalArgumentException("--bins names must be 1 to 15 bytes, was '" + bin + "'");
                }
            }
            this.bins = Objects.requireNonNull(value);
            return this;
        }

        public Builder noBins(boolean value) {
            this.noBins = value;
            return this;
        }

        public Builder partitions(int begin, int count) {
            return partitions(List.of(new PartitionRange(begin, count)));
        }

        public Builder partitions(List<PartitionRange> ranges) {
            this.partitions = PartitionRange.normalize(ranges);
            return this;
        }

        public Builder filterExpression(String base64) {
            if (base64 != null) {
                try {
                    java.util.Base64.getDecoder().decode(base64);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--filter-exp is not valid base64: " + e.getMessage());
                }
            }
            this.filterExpression = base64;
            return this;
        }

        public Builder modifiedWindow(Long afterMillis, Long beforeMillis) {
            if (afterMillis != null && beforeMillis != null && afterMillis >= beforeMillis) {
                throw new IllegalArgumentException("--modified-after must be before --modified-before");
            }
            this.modifiedAfterMillis = afterMillis;
            this.modifiedBeforeMillis = beforeMillis;
            return this;
        }

        public Builder maxRecords(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("--max-records must be 0 (no limit) or more, was " + value);
            }
            this.maxRecords = value;
            return this;
        }

        public Builder recordsPerSecond(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("--records-per-second must be 0 (no limit) or more, was " + value);
            }
            this.recordsPerSecond = value;
            return this;
        }

        public Builder timeouts(Duration socket, Duration total) {
            if (socket.isNegative() || total.isNegative()) {
                throw new IllegalArgumentException("timeouts must not be negative");
            }
            this.socketTimeout = socket;
            this.totalTimeout = total;
            return this;
        }

        public Builder maxRetries(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("--max-retries must be 0 or more, was " + value);
            }
            this.maxRetries = value;
            return this;
        }

        public Builder partitionsPerSplit(int value) {
            if (value < 0 || value > PARTITIONS) {
                throw new IllegalArgumentException("scan.partitions-per-split must be in [0,4096], was " + value);
            }
            this.partitionsPerSplit = value;
            return this;
        }

        public ScanOptions build() {
            if (noBins && !bins.isEmpty()) {
                throw new IllegalArgumentException("--no-bins and --bins cannot be used together");
            }
            return new ScanOptions(this);
        }
    }
}
