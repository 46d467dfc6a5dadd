package io.aerobackup.source.split;

import io.aerobackup.config.PartitionRange;

import java.util.ArrayList;
import java.util.List;

/** Cuts the requested partition ranges into the splits of one round. */
public final class SplitCutter {
    /** Splits per reader when the user does not choose a split size: small enough to balance. */
    static final int SPLITS_PER_READER = 4;

    private SplitCutter() {
    }

    /** Each range in splits of the same size (a range's last split may be smaller), in partition order. */
    public static List<PartitionSplit> cut(List<PartitionRange> ranges, int partitionsPerSplit, int parallelism) {
        int total = ranges.stream().mapToInt(PartitionRange::count).sum();
        int size = partitionsPerSplit > 0 ? partitionsPerSplit
                : Math.max(1, total / (Math.max(1, parallelism) * SPLITS_PER_READER));
        List<PartitionSplit> splits = new ArrayList<>();
        for (PartitionRange range : ranges) {
            for (int first = range.begin(); first < range.end(); first += size) {
                splits.add(PartitionSplit.fresh(first, Math.min(size, range.end() - first)));
            }
        }
        return splits;
    }
}
