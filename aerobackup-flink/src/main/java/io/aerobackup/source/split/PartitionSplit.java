package io.aerobackup.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A range of partitions [begin, begin + count) of one namespace, with a cursor per partition:
 * the digest of the last record emitted from it (partitions not yet started have none). Immutable;
 * progress is tracked in {@link PartitionSplitState}.
 */
public final class PartitionSplit implements SourceSplit {
    private final int begin;
    private final int count;
    private final Map<Integer, byte[]> resumeDigests;

    public PartitionSplit(int begin, int count, Map<Integer, byte[]> resumeDigests) {
        if (begin < 0 || begin >= 4096 || count < 1 || count > 4096 - begin) {
            throw new IllegalArgumentException("a split covers partitions within 0-4095, was begin " + begin
                    + " count " + count);
        }
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        for (Map.Entry<Integer, byte[]> e : resumeDigests.entrySet()) {
            int pid = e.getKey();
            if (pid < begin || pid >= begin + count) {
                throw new IllegalArgumentException("resume digest for partition " + pid + " outside split "
                        + begin + "+" + count);
            }
            if (e.getValue() == null || e.getValue().length != 20) {
                throw new IllegalArgumentException("resume digest for partition " + pid + " must be 20 bytes, was "
                        + (e.getValue() == null ? "null" : e.getValue().length + " bytes"));
            }
            copy.put(pid, e.getValue().clone());
        }
        this.begin = begin;
        this.count = count;
        this.resumeDigests = Collections.unmodifiableMap(copy);
    }

    public static PartitionSplit fresh(int begin, int count) {
        return new PartitionSplit(begin, count, Map.of());
    }

    @Override
    public String splitId() {
        return begin + "+" + count;
    }

    public int begin() {
        return begin;
    }

    public int count() {
        return count;
    }

    /** Partition id to the digest of the last record emitted from it; callers must not modify the arrays. */
    public Map<Integer, byte[]> resumeDigests() {
        return resumeDigests;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PartitionSplit)) {
            return false;
        }
        PartitionSplit other = (PartitionSplit) o;
        if (begin != other.begin || count != other.count || !resumeDigests.keySet().equals(other.resumeDigests.keySet())) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : resumeDigests.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.resumeDigests.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * begin + count;
    }

    @Override
    public String toString() {
        return "PartitionSplit{" + splitId() + ", " + resumeDigests.size() + " partitions in progress}";
    }
}
