package io.aerobackup.source.reader;

import com.aerospike.client.AerospikeClient;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.record.BackupRecord;
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

/**
 * Scans one split at a time with one client per reader, through a {@link ResumingScan}: a failed
 * scan restarts after the last digest of every partition, so nothing is skipped and nothing
 * repeated; after too many failures the job fails with the cause.
 */
public final class PartitionSplitReader implements SplitReader<BackupRecord, PartitionSplit> {
    private static final int MAX_BATCH = 2048;

    private final ScanOptions options;
    private final AerospikeClient client;
    private final ArrayDeque<PartitionSplit> pending = new ArrayDeque<>();
    private PartitionSplit current;
    private ResumingScan scan;

    public PartitionSplitReader(ConnectionOptions connection, ScanOptions options) {
        this.options = options;
        this.client = AerospikeClients.create(connection);
    }

    @Override
    public RecordsWithSplitIds<BackupRecord> fetch() throws IOException {
        RecordsBySplits.Builder<BackupRecord> batch = new RecordsBySplits.Builder<>();
        if (current == null && !startNext()) {
            return batch.build();
        }
        List<BackupRecord> records = new ArrayList<>();
        boolean done = scan.drainTo(records, MAX_BATCH, 100);
        String splitId = current.splitId();
        for (BackupRecord record : records) {
            batch.add(splitId, record);
        }
        if (done) {
            batch.addFinishedSplit(splitId);
            scan.close();
            current = null;
            scan = null;
        }
        return batch.build();
    }

    private boolean startNext() {
        current = pending.poll();
        if (current == null) {
            return false;
        }
        scan = new ResumingScan(client, options, current.begin(), current.count(), current.resumeDigests(),
                quota(current), describe(current, options.namespace()));
        return true;
    }

    /** With a record limit, each split gets its share in proportion to its partitions. */
    private long quota(PartitionSplit split) {
        if (options.maxRecords() <= 0) {
            return 0;
        }
        long share = options.maxRecords() * split.count() / options.partitionCount();
        return Math.max(1, share);
    }

    /** "partitions 0-511 of namespace test", for log lines and errors. */
    public static String describe(PartitionSplit split, String namespace) {
        return "partitions " + split.begin() + "-" + (split.begin() + split.count() - 1) + " of namespace "
                + namespace;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<PartitionSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change.getClass().getSimpleName());
        }
        pending.addAll(change.splits());
    }

    @Override
    public void wakeUp() {
        // fetch() polls its queue with a short timeout, so it returns soon without being woken.
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
        }
        client.close();
    }
}
