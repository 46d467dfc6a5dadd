package io.aerobackup.source.split;

import java.util.HashMap;
import java.util.Map;

/**
 * The mutable progress of a split: advanced by the emitter only after a record was emitted. The
 * cursors are an array by partition (a map cost a boxed key per record); {@link #toSplit} builds the
 * immutable split a checkpoint stores.
 */
public final class PartitionSplitState {
    private final PartitionSplit split;
    /** By partition id - begin: the digest of the last record emitted from it, null before the first. */
    private final byte[][] lastEmitted;

    public PartitionSplitState(PartitionSplit split) {
        this.split = split;
        this.lastEmitted = new byte[split.count()][];
        split.resumeDigests().forEach((partition, digest) -> lastEmitted[partition - split.begin()] = digest);
    }

    public void recordEmitted(int partitionId, byte[] digest) {
        lastEmitted[partitionId - split.begin()] = digest;
    }

    /** A split holding exactly what has been emitted so far: what a checkpoint stores. */
    public PartitionSplit toSplit() {
        Map<Integer, byte[]> cursors = new HashMap<>();
        for (int i = 0; i < lastEmitted.length; i++) {
            if (lastEmitted[i] != null) {
                cursors.put(split.begin() + i, lastEmitted[i]);
            }
        }
        return new PartitionSplit(split.begin(), split.count(), cursors);
    }

    public PartitionSplit split() {
        return split;
    }
}
