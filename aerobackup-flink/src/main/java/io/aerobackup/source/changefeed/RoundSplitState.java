package io.aerobackup.source.changefeed;

import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.source.split.PartitionSplitState;

/** The mutable progress of a {@link RoundSplit}; changed only by the emitter, after it emitted. */
public final class RoundSplitState {
    private final Round round;
    private PartitionSplitState cursors;
    private RoundSplit.Phase phase;
    private boolean finished;
    private long recordsEmitted;

    public RoundSplitState(RoundSplit split) {
        this.round = split.round();
        this.cursors = new PartitionSplitState(split.partitions());
        this.phase = split.phase();
        this.finished = split.finished();
        this.recordsEmitted = split.recordsEmitted();
    }

    public Round round() {
        return round;
    }

    public RoundSplit.Phase phase() {
        return phase;
    }

    public boolean finished() {
        return finished;
    }

    public long recordsEmitted() {
        return recordsEmitted;
    }

    void changeEmitted(int partitionId, byte[] digest) {
        cursors.recordEmitted(partitionId, digest);
        recordsEmitted++;
    }

    void presenceEmitted(int partitionId, byte[] digest) {
        cursors.recordEmitted(partitionId, digest);
    }

    /** The changes phase is complete: the sweep starts over every partition of the split. */
    void startSweep() {
        PartitionSplit range = cursors.split();
        cursors = new PartitionSplitState(PartitionSplit.fresh(range.begin(), range.count()));
        phase = RoundSplit.Phase.SWEEP;
    }

    void markFinished() {
        finished = true;
    }

    public RoundSplit toSplit() {
        return new RoundSplit(round, cursors.toSplit(), phase, finished, recordsEmitted);
    }
}
