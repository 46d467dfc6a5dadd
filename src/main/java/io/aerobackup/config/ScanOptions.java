package io.aerobackup.config;

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

    /** Builder; defaults match AerobackupOptions. */
    public static final class Builder {
        private final String namespace;
        private List<String> sets = List.of();
        private List<String> bins = List.of();
        private boolean noBins;
        private List<PartitionRange> partitions = List.of(PartitionRange.all());
        private String filterExpression;
        private Long modifiedAfterMillis;
        private Long modifiedBeforeMillis;
        private long maxRecords;
        private int recordsPerSecond;
        private Duration socketTimeout = Duration.ofSeconds(10);
        private Duration totalTimeout = Duration.ZERO;
        private int maxRetries = 5;
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
