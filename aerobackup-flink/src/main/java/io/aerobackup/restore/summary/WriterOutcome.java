package io.aerobackup.restore.summary;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one restore writer did in one attempt, handed from the writer to the restore's final step
 * (a Sink V2 committable): records written and deleted, bin bytes, records skipped per
 * {@code SkipReason} code and rows failed per result code.
 */
public final class WriterOutcome {
    public static final WriterOutcome NONE = new WriterOutcome(0, 0, 0, Map.of(), Map.of());

    private final long written;
    private final long deleted;
    private final long binBytes;
    private final Map<String, Long> skipped;
    private final Map<Integer, Long> failed;

    public WriterOutcome(long written, long deleted, long binBytes, Map<String, Long> skipped,
                         Map<Integer, Long> failed) {
        if (written < 0 || deleted < 0 || binBytes < 0) {
            throw new IllegalArgumentException("restore counts must not be negative, were written=" + written
                    + ", deleted=" + deleted + ", binBytes=" + binBytes);
        }
        this.written = written;
        this.deleted = deleted;
        this.binBytes = binBytes;
        this.skipped = copy(skipped, "skipped");
        this.failed = copy(failed, "failed");
    }

    private static <K> Map<K, Long> copy(Map<K, Long> counts, String what) {
        Map<K, Long> copy = new TreeMap<>();
        counts.forEach((key, n) -> {
            if (key == null || n == null || n < 0) {
                throw new IllegalArgumentException("bad " + what + " count " + key + "=" + n);
            }
            if (n > 0) {
                copy.put(key, n);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The sum of two outcomes (of two writers, or of one writer's successive commits). */
    public WriterOutcome plus(WriterOutcome other) {
        Map<String, Long> s = new TreeMap<>(skipped);
        other.skipped.forEach((k, n) -> s.merge(k, n, Long::sum));
        Map<Integer, Long> f = new TreeMap<>(failed);
        other.failed.forEach((k, n) -> f.merge(k, n, Long::sum));
        return new WriterOutcome(written + other.written, deleted + other.deleted, binBytes + other.binBytes, s, f);
    }

    public long written() {
        return written;
    }

    public long deleted() {
        return deleted;
    }

    public long binBytes() {
        return binBytes;
    }

    /** Non-zero counts by skip reason code, sorted. */
    public Map<String, Long> skipped() {
        return skipped;
    }

    /** Non-zero counts by result code, sorted. */
    public Map<Integer, Long> failed() {
        return failed;
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long failedTotal() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriterOutcome other && written == other.written && deleted == other.deleted
                && binBytes == other.binBytes && skipped.equals(other.skipped) && failed.equals(other.failed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(written, deleted, binBytes, skipped, failed);
    }

    @Override
    public String toString() {
        return "WriterOutcome{written=" + written + ", deleted=" + deleted + ", binBytes=" + binBytes + ", skipped="
                + skipped + ", failed=" + failed + "}";
    }
}
