package io.aerobackup.source.enumerator;

import io.aerobackup.config.PartitionRange;
import io.aerobackup.source.split.PartitionSplit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the requested partition range into splits and hands them out one at a time. Splits come
 * back (with their cursors) when a reader fails before a checkpoint took them.
 */
public final class PartitionAssigner {
    /** Splits per reader when the user does not choose a split size: small enough to balance. */
    static final int SPLITS_PER_READER = 4;

    private final Deque<PartitionSplit> unassigned = new ArrayDeque<>();
    private boolean initialized;

    public PartitionAssigner(ScanEnumState state) {
        unassigned.addAll(state.unassigned());
        initialized = state.initialized();
    }

    /** Makes the splits once; a restored assigner keeps the ones it had. */
    public void open(int begin, int count, int partitionsPerSplit, int parallelism) {
        open(List.of(new PartitionRange(begin, count)), partitionsPerSplit, parallelism);
    }

    /** Cuts each range into splits of the same size (a range's last split may be smaller). */
    public void open(List<PartitionRange> ranges, int partitionsPerSplit, int parallelism) {
        if (initialized) {
            return;
        }
        int total = ranges.stream().mapToInt(PartitionRange::count).sum();
        int size = partitionsPerSplit > 0 ? partitionsPerSplit
                : Math.max(1, total / (Math.max(1, parallelism) * SPLITS_PER_READER));
        for (PartitionRange range : ranges) {
            for (int first = range.begin(); first < range.end(); first += size) {
                unassigned.add(PartitionSplit.fresh(first, Math.min(size, range.end() - first)));
            }
        }
        initialized = true;
    }

    public Optional<PartitionSplit> next() {
        return Optional.ofNullable(unassigned.pollFirst());
    }

    public void addSplitsBack(Collection<PartitionSplit> splits) {
        for (PartitionSplit split : splits) {
            unassigned.addFirst(split);
        }
    }

    public boolean noMoreSplits() {
        return initialized && unassigned.isEmpty();
    }

    /** A copy of the state, never the live collection. */
    public ScanEnumState snapshotState() {
        return new ScanEnumState(new ArrayList<>(unassigned), initialized);
    }

    public int remaining() {
        return unassigned.size();
    }

    List<PartitionSplit> peekAll() {
        return new ArrayList<>(unassigned);
    }
}
