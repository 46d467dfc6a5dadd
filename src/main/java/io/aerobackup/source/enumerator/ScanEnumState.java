package io.aerobackup.source.enumerator;

import io.aerobackup.source.split.PartitionSplit;

import java.util.List;

/** What the enumerator checkpoints: the splits no reader has taken yet, and whether splits were made. */
public final class ScanEnumState {
    private final List<PartitionSplit> unassigned;
    private final boolean initialized;

    public ScanEnumState(List<PartitionSplit> unassigned, boolean initialized) {
        this.unassigned = List.copyOf(unassigned);
        this.initialized = initialized;
    }

    public static ScanEnumState initial() {
        return new ScanEnumState(List.of(), false);
    }

    public List<PartitionSplit> unassigned() {
        return unassigned;
    }

    public boolean initialized() {
        return initialized;
    }
}
