package io.aerobackup.job.replicate;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ClientRecords;
import io.aerobackup.restore.sink.BatchSender;
import io.aerobackup.restore.sink.RestoreTally;
import io.aerobackup.restore.sink.SkipReason;
import io.aerobackup.restore.sink.WriteRow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one batch of a round under the conflict rule: first with the round's filter
 * ({@link ConflictFilter#firstAttempt}); rows the destination filtered out are resolved exactly. A
 * delete is skipped (its time is unknown: the destination's later write wins). A write reads the
 * source record's generation and last-update time: when the source still holds the version carried
 * (same generation), it is written where the destination record is older than it
 * ({@link ConflictFilter#olderThan}); otherwise (a newer source version, which a later round
 * carries, or a deleted one) it is skipped. Every skip counts as {@link SkipReason#CONFLICT}, except
 * a write the destination kept out whose record already holds the same bins: the replicator's own
 * earlier write of that version (after a fresh start, or once it was forgotten), which is
 * neither written nor counted. Thread-safe: it keeps no state.
 */
final class ConflictResolver {
    /** A row to send and the source record it carries. */
    record Row(WriteRow row, BackupRecord record) {
    }

    private final BatchSender destination;
    private final IAerospikeClient destinationReads;
    private final SourceVersions source;

    ConflictResolver(BatchSender destination, IAerospikeClient destinationReads, SourceVersions source) {
        this.destination = destination;
        this.destinationReads = destinationReads;
        this.source = source;
    }

    RestoreTally send(List<Row> batch) throws IOException, InterruptedException {
        List<WriteRow> rows = new ArrayList<>(batch.size());
        Map<WriteRow, BackupRecord> records = new IdentityHashMap<>();
        for (Row r : batch) {
            rows.add(r.row());
            records.put(r.row(), r.record());
        }
        RestoreTally tally = destination.send(rows);
        List<WriteRow> writes = new ArrayList<>();
        for (WriteRow row : tally.filteredOut()) {
            if (row.isDelete()) {
                tally.skipped(SkipReason.CONFLICT);
            } else {
                writes.add(row);
            }
        }
        if (writes.isEmpty()) {
            return tally;
        }
        List<BackupRecord> carried = writes.stream().map(records::get).toList();
        List<SourceVersions.Version> versions = source.read(carried);
        List<WriteRow> exact = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            SourceVersions.Version now = versions.get(i);
            if (now.exists() && now.generation() == carried.get(i).generation()) {
                exact.add(writes.get(i).withFilter(ConflictFilter.olderThan(now.lastUpdateNanos())));
            } else {
                tally.skipped(SkipReason.CONFLICT);
            }
        }
        if (!exact.isEmpty()) {
            RestoreTally resolved = destination.send(exact);
            List<WriteRow> kept = resolved.filteredOut();
            int same = kept.isEmpty() ? 0 : alreadyThere(kept, writes, carried);
            for (int i = same; i < kept.size(); i++) {
                resolved.skipped(SkipReason.CONFLICT);
            }
            tally.add(resolved);
        }
        return tally;
    }

    /** How many of {@code kept} hold, on the destination, the bins of the version carried. */
    private int alreadyThere(List<WriteRow> kept, List<WriteRow> writes, List<BackupRecord> carried) {
        List<BatchRecord> reads = new ArrayList<>(kept.size());
        for (WriteRow row : kept) {
            reads.add(new BatchRead(row.key(), true));
        }
        try {
            destinationReads.operate(null, reads);
        } catch (AerospikeException e) {
            return 0; // unknown: counted as conflicts
        }
        Map<Key, BackupRecord> byKey = new IdentityHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            byKey.put(writes.get(i).key(), carried.get(i));
        }
        int same = 0;
        for (BatchRecord read : reads) {
            BackupRecord version = byKey.get(read.key);
            if (read.record != null && version != null && sameBins(version, read.key, read.record)) {
                same++;
            }
        }
        return same;
    }

    /** Whether {@code found} on the destination holds exactly the bins {@code version} carries. */
    static boolean sameBins(BackupRecord version, Key key, Record found) {
        BackupRecord there = ClientRecords.toBackupRecord(key, found);
        return new BackupRecord(version.digest(), version.setName(), version.userKey(), version.generation(),
                version.voidTime(), version.operation(), there.bins()).equals(version);
    }
}
