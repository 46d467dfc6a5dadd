package io.aerobackup.source.split;

import java.util.HashMap;
import java.util.Map;

/** The mutable progress of a split: advanced by the emitter only after a record was emitted. */
public final class PartitionSplitState {
    private final PartitionSplit split;
    private final Map<Integer, byte[]> lastEmitted;

    public PartitionSplitState(PartitionSplit split) {
        this.split = split;
        this.lastEmitted = new HashMap<>(split.resumeDigests());
    }

    public void recordEmitted(int partitionId, byte[] digest) {
        lastEmitted.put(partitionId, digest);
    }

    /** A split holding exactly what has been emitted so far: what a checkpoint stores. */
    public PartitionSplit toSplit() {
        return new PartitionSplit(split.begin(), split.count(), lastEmitted);
    }

    public PartitionSplit split() {
        return split;
    }
}
