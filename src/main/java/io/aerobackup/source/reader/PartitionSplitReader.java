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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Scans one split at a time with one client per reader. When a scan fails (node loss, timeouts
 * beyond the client's own retries) it is restarted from the last digest of every partition, so
 * nothing is skipped and nothing repeated; after too many failures the job fails with the cause.
 */
public final class PartitionSplitReader implements SplitReader<BackupRecord, PartitionSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionSplitReader.class);
    private static final int QUEUE_CAPACITY = 8192;
    private static final int MAX_BATCH = 2048;

    private final ScanOptions options;
    private final AerospikeClient client;
    private final ArrayDeque<PartitionSplit> pending = new ArrayDeque<>();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private PartitionSplit current;
    private SplitScan scan;
    private Map<Integer, byte[]> progress;
    private int failures;

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
        List<Object> items = new ArrayList<>(MAX_BATCH);
        try {
            Object first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return batch.build();
            }
            items.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scanning " + describe(current), e);
        }
        queue.drainTo(items, MAX_BATCH - 1);
        String splitId = current.splitId();
        for (Object item : items) {
            if (item instanceof BackupRecord) {
                BackupRecord record = (BackupRecord) item;
                progress.put(record.partitionId(), record.digest());
                batch.add(splitId, record);
            } else if (item == SplitScan.END) {
                batch.addFinishedSplit(splitId);
                finishCurrent();
                break;
            } else {
                restartAfter(((SplitScan.Failure) item).cause);
                break;
            }
        }
        return batch.build();
    }

    private boolean startNext() {
        current = pending.poll();
        if (current == null) {
            return false;
        }
        progress = new HashMap<>(current.resumeDigests());
        failures = 0;
        launch();
        return true;
    }

    private void launch() {
        scan = new SplitScan(client, options, current.begin(), current.count(), progress,
                quota(current), queue);
        scan.start();
    }

    /** With a record limit, each split gets its share in proportion to its partitions. */
    private long quota(PartitionSplit split) {
        if (options.maxRecords() <= 0) {
            return 0;
        }
        long share = options.maxRecords() * split.count() / options.partitionCount();
        return Math.max(1, share);
    }

    private void restartAfter(RuntimeException cause) throws IOException {
        scan.close();
        failures++;
        if (failures > options.maxRetries()) {
            throw new IOException("scan of " + describe(current) + " failed " + failures + " times; last error: "
                    + cause.getMessage() + " (check that every node is up and the partitions are available)", cause);
        }
        LOG.warn("scan of {} failed ({}); resuming after the last record of each partition, attempt {} of {}",
                describe(current), cause.getMessage(), failures, options.maxRetries());
        try {
            Thread.sleep(Math.min(5000L, 200L * failures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while retrying " + describe(current), e);
        }
        launch();
    }

    private void finishCurrent() {
        scan.close();
        LOG.debug("finished {}", describe(current));
        current = null;
        scan = null;
    }

    private String describe(PartitionSplit split) {
        return "partitions " + split.begin() + "-" + (split.begin() + split.count() - 1) + " of namespace "
                + options.namespace();
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
