package io.aerobackup.source.changefeed;

import io.aerobackup.record.BackupRecord;

import java.util.List;

/**
 * What the split reader hands the emitter: a batch of records of the current phase (one item per
 * batch keeps the reader's per-record work small), and the two moments the split's checkpointed
 * state changes without a record (the sweep starts; the split ends).
 */
record ScanItem(Type type, List<BackupRecord> records) {
    static final ScanItem SWEEP_START = new ScanItem(Type.SWEEP_START, null);
    static final ScanItem SPLIT_DONE = new ScanItem(Type.SPLIT_DONE, null);

    enum Type {
        CHANGE, PRESENCE, SWEEP_START, SPLIT_DONE
    }
}
