package io.aerobackup.source.changefeed;

import com.aerospike.client.AerospikeClient;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.reader.ResumingScan;
import io.aerobackup.source.split.PartitionSplit;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scans a round's splits one at a time: the round's window (or everything, for a full), then, for a
 * delta with delete capture, the presence sweep of the same partitions. Each phase is a
 * {@link ResumingScan}, so failures resume after the last digest handed out. A bounded run scans
 * exactly as its options say (the caller planned the window, and --max-records is shared among the
 * splits by their partitions); the feed scans each round's own window.
 */
final class RoundSplitReader implements SplitReader<ScanItem, RoundSplit> {
    /** Batches of the scan per fetch: up to 4 x {@code RawScan.BATCH_SIZE} records. */
    private static final int MAX_BATCHES = 4;

    private final ScanOptions options;
    private final boolean scanAsPlanned;
    private final AerospikeClient client;
    private final ArrayDeque<RoundSplit> pending = new ArrayDeque<>();
    private RoundSplit current;
    private RoundSplit.Phase phase;
    private ResumingScan scan;

    RoundSplitReader(ConnectionOptions connection, ScanOptions options, boolean scanAsPlanned) {
        this.options = options;
        this.scanAsPlanned = scanAsPlanned;
        this.client = AerospikeClients.create(connection);
    }

    @Override
    public RecordsWithSplitIds<ScanItem> fetch() throws IOException {
        RecordsBySplits.Builder<ScanItem> batch = new RecordsBySplits.Builder<>();
        if (current == null && !startNext()) {
            return batch.build();
        }
        String splitId = current.splitId();
        if (current.finished()) {
            // Restored after its end markers went out: nothing left to emit.
            batch.addFinishedSplit(splitId);
            current = null;
            return batch.build();
        }
        List<List<BackupRecord>> records = new ArrayList<>(MAX_BATCHES);
        boolean done = scan.drainTo(records, MAX_BATCHES, 100);
        ScanItem.Type type = phase == RoundSplit.Phase.SWEEP ? ScanItem.Type.PRESENCE : ScanItem.Type.CHANGE;
        for (List<BackupRecord> scanned : records) {
            batch.add(splitId, new ScanItem(type, scanned));
        }
        if (done) {
            scan.close();
            if (phase == RoundSplit.Phase.CHANGES && current.round().sweeps()) {
                batch.add(splitId, ScanItem.SWEEP_START);
                phase = RoundSplit.Phase.SWEEP;
                scan = open(options.forPresenceSweep(), Map.of(), 0);
            } else {
                batch.add(splitId, ScanItem.SPLIT_DONE);
                batch.addFinishedSplit(splitId);
                current = null;
                scan = null;
            }
        }
        return batch.build();
    }

    private boolean startNext() {
        current = pending.poll();
        if (current == null) {
            return false;
        }
        phase = current.phase();
        if (!current.finished()) {
            scan = phase == RoundSplit.Phase.SWEEP
                    ? open(options.forPresenceSweep(), current.partitions().resumeDigests(), 0)
                    : open(changesOf(current.round()), current.partitions().resumeDigests(), quota());
        }
        return true;
    }

    /** A bounded run's scan as planned; in the feed a full reads everything, a delta its window. */
    private ScanOptions changesOf(Round round) {
        if (scanAsPlanned) {
            return options;
        }
        return round.isFull() ? options.withoutWindow() : options.withModifiedWindow(round.fromMillis(), round.toMillis());
    }

    /** With a record limit, each split gets its share in proportion to its partitions. */
    private long quota() {
        if (options.maxRecords() <= 0) {
            return 0;
        }
        return Math.max(1, options.maxRecords() * current.partitions().count() / options.partitionCount());
    }

    private ResumingScan open(ScanOptions phaseOptions, Map<Integer, byte[]> resumeAfter, long maxRecords) {
        return new ResumingScan(client, phaseOptions, current.partitions().begin(), current.partitions().count(),
                resumeAfter, maxRecords, "round " + current.round().number() + " (" + phase.name().toLowerCase()
                + ") of " + describe(current.partitions(), options.namespace()));
    }

    /** "partitions 0-511 of namespace test", for log lines and errors. */
    static String describe(PartitionSplit split, String namespace) {
        return "partitions " + split.begin() + "-" + (split.begin() + split.count() - 1) + " of namespace "
                + namespace;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<RoundSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change.getClass().getSimpleName());
        }
        pending.addAll(change.splits());
    }

    @Override
    public void wakeUp() {
        // fetch() polls with a short timeout, so it returns soon without being woken.
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
        }
        client.close();
    }
}
