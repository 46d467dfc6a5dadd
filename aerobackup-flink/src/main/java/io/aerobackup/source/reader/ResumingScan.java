package io.aerobackup.source.reader;

import com.aerospike.client.AerospikeClient;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.rawscan.RawScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One partition-range scan that survives failures: records arrive through a bounded queue (the
 * back-pressure), and a failed scan (node loss, timeouts beyond the client's own retries) restarts
 * strictly after the last digest handed out of every partition, so nothing is skipped or repeated.
 * After {@code maxRetries} failures in a row it gives up with the cause. Used by the bounded scan
 * and by every phase of a change-feed round.
 */
public final class ResumingScan implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResumingScan.class);
    /**
     * Batches of up to {@link RawScan#BATCH_SIZE} records: about 2,048 records queued per scan. Few
     * records in flight stay in the processor caches and die young (queued records survived young
     * collections).
     */
    private static final int QUEUE_CAPACITY = 8;

    private final AerospikeClient client;
    private final ScanOptions options;
    private final int begin;
    private final int count;
    private final long maxRecords;
    private final String description;
    /** A fresh queue per run: a closed run's last producer can never leak a record into the next run. */
    private BlockingQueue<Object> queue;
    /** Per partition id, the digest of the last record handed out (null: none yet); read on a relaunch. */
    private final byte[][] handedOut = new byte[ScanOptions.PARTITIONS][];
    private SplitScan scan;
    private int failures;
    private boolean finished;

    /**
     * @param resumeAfter partition id to the digest after which that partition resumes
     * @param maxRecords  the scan's record limit, 0 for none
     * @param description names the scan in log lines and errors ("partitions 0-511 of namespace test")
     */
    public ResumingScan(AerospikeClient client, ScanOptions options, int begin, int count,
                        Map<Integer, byte[]> resumeAfter, long maxRecords, String description) {
        this.client = client;
        this.options = options;
        this.begin = begin;
        this.count = count;
        this.maxRecords = maxRecords;
        this.description = description;
        resumeAfter.forEach((partition, digest) -> handedOut[partition] = digest);
        launch();
    }

    /**
     * Waits up to {@code waitMillis} for records and moves up to {@code maxBatches} batches of them
     * into {@code out}, in scan order. Returns true once the scan has completed and everything was
     * handed out.
     */
    public boolean drainTo(List<List<BackupRecord>> out, int maxBatches, long waitMillis) throws IOException {
        if (finished) {
            return true;
        }
        List<Object> items = new ArrayList<>(maxBatches);
        try {
            Object first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (first == null) {
                return false;
            }
            items.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scanning " + description, e);
        }
        queue.drainTo(items, maxBatches - 1);
        for (Object item : items) {
            if (item instanceof List) {
                @SuppressWarnings("unchecked")
                List<BackupRecord> batch = (List<BackupRecord>) item;
                for (BackupRecord record : batch) {
                    handedOut[record.partitionId()] = record.digest(); // an array: a map cost a box per record
                }
                out.add(batch);
            } else if (item == SplitScan.END) {
                finished = true;
                scan.close();
                return true;
            } else {
                restartAfter(((SplitScan.Failure) item).cause);
                return false;
            }
        }
        return false;
    }

    private void launch() {
        queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        scan = new SplitScan(client, options, begin, count, handedOutSoFar(), maxRecords, queue);
        scan.start();
    }

    private Map<Integer, byte[]> handedOutSoFar() {
        Map<Integer, byte[]> resume = new HashMap<>();
        for (int partition = 0; partition < handedOut.length; partition++) {
            if (handedOut[partition] != null) {
                resume.put(partition, handedOut[partition]);
            }
        }
        return resume;
    }

    private void restartAfter(RuntimeException cause) throws IOException {
        scan.close();
        failures++;
        if (failures > options.maxRetries()) {
            throw new IOException("scan of " + description + " failed " + failures + " times; last error: "
                    + cause.getMessage() + " (check that every node is up and the partitions are available)", cause);
        }
        LOG.warn("scan of {} failed ({}); resuming after the last record of each partition, attempt {} of {}",
                description, cause.getMessage(), failures, options.maxRetries());
        try {
            Thread.sleep(Math.min(5000L, 200L * failures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while retrying " + description, e);
        }
        launch();
    }

    @Override
    public void close() {
        scan.close();
    }
}
