package io.aerobackup.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Partitions [begin, begin + count) of a namespace's 4096. */
public record PartitionRange(int begin, int count) implements Serializable {
    public static final int PARTITIONS = 4096;

    public PartitionRange {
        if (begin < 0 || count < 1 || begin + count > PARTITIONS) {
            throw new IllegalArgumentException("--partitions must lie within 0-4095, was " + begin + "-"
                    + (begin + count - 1));
        }
    }

    public static PartitionRange all() {
        return new PartitionRange(0, PARTITIONS);
    }

    public int end() {
        return begin + count;
    }

    /** "0-99,200,300-399" (inclusive ranges and single partitions, as asbackup's partition list). */
    public static List<PartitionRange> parseList(String text) {
        List<PartitionRange> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            String[] ends = p.split("-");
            try {
                int first = Integer.parseInt(ends[0].trim());
                int last = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : first;
                if (ends.length > 2 || last < first) {
                    throw new NumberFormatException();
                }
                ranges.add(new PartitionRange(first, last - first + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--partitions entry '" + p + "' is not FIRST-LAST or a partition"
                        + " id within 0-4095");
            }
        }
        return normalize(ranges);
    }

    /** Sorted and checked: overlapping ranges would scan partitions twice. */
    public static List<PartitionRange> normalize(List<PartitionRange> ranges) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("--partitions names no partition");
        }
        List<PartitionRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(PartitionRange::begin));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).begin() < sorted.get(i - 1).end()) {
                throw new IllegalArgumentException("--partitions ranges overlap at partition " + sorted.get(i).begin());
            }
        }
        return List.copyOf(sorted);
    }

    @Override
    public String toString() {
        return count == 1 ? Integer.toString(begin) : begin + "-" + (end() - 1);
    }
}
