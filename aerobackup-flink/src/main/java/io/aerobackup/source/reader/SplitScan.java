package io.aerobackup.source.reader;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.PartitionStatus;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.rawscan.RawScan;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of a partition scan over a split's partitions, on its own thread, feeding a bounded
 * queue with batches of records ({@code List<BackupRecord>}; the queue's capacity is the
 * back-pressure). It ends with {@link #END} or a {@link Failure} in the queue. Partitions resume strictly after their digest, as the server walks them.
 * Records arrive with their bins as particle bytes ({@link RawScan}), never as client values.
 */
final class SplitScan implements AutoCloseable {
    /** Queued after the last record of a scan that completed. */
    static final Object END = new Object();
    /** How often a producer blocked on a full queue looks whether the scan was closed. */
    private static final long OFFER_WAIT_MILLIS = 100;

    private final ScanOptions options;
    private final int begin;
    private final int count;
    private final Map<Integer, byte[]> resumeAfter;
    private final long maxRecords;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final RawScan scan;
    private volatile boolean closed;

    SplitScan(AerospikeClient client, ScanOptions options, int begin, int count, Map<Integer, byte[]> resumeAfter,
              long maxRecords, BlockingQueue<Object> queue) {
        this.options = options;
        this.begin = begin;
        this.count = count;
        this.resumeAfter = Map.copyOf(resumeAfter);
        this.maxRecords = maxRecords;
        this.queue = queue;
        this.thread = new Thread(this::run, "aerobackup-scan-" + begin + "+" + count);
        this.thread.setDaemon(true);
        this.scan = RawScan.inBatches(client.getCluster(), policy(), filter(), options.namespace(),
                ScanFilter.singleSet(options), binNames(), this::accept);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            scan.run();
            if (!closed) {
                put(END);
            }
        } catch (RuntimeException e) {
            if (!closed) {
                putQuietly(new Failure(e));
            }
        }
    }

    /** Called from the client's scan threads, one per node, with a batch of records the queue then holds. */
    private void accept(List<BackupRecord> batch) {
        if (closed) {
            throw new AerospikeException.ScanTerminated();
        }
        batch.removeIf(record -> ScanOptions.TXN_MONITOR_SET.equals(record.setName()));
        if (!batch.isEmpty()) {
            put(batch);
        }
    }

    private ScanPolicy policy() {
        ScanPolicy policy = new ScanPolicy();
        policy.socketTimeout = (int) options.socketTimeout().toMillis();
        policy.totalTimeout = (int) options.totalTimeout().toMillis();
        policy.maxRetries = options.maxRetries();
        policy.sleepBetweenRetries = 500;
        policy.includeBinData = !options.noBins();
        policy.recordsPerSecond = options.recordsPerSecond();
        policy.maxRecords = maxRecords;
        policy.filterExp = ScanFilter.of(options);
        return policy;
    }

    private PartitionFilter filter() {
        PartitionFilter filter = PartitionFilter.range(begin, count);
        if (!resumeAfter.isEmpty()) {
            PartitionStatus[] statuses = new PartitionStatus[count];
            for (int i = 0; i < count; i++) {
                statuses[i] = new PartitionStatus(begin + i);
                statuses[i].digest = resumeAfter.get(begin + i);
            }
            filter.setPartitions(statuses);
        }
        return filter;
    }

    private String[] binNames() {
        return options.bins().isEmpty() ? null : options.bins().toArray(new String[0]);
    }

    /**
     * Blocks while the queue is full. The producer is often a client pool thread that close()
     * cannot interrupt, so it polls {@link #closed} instead of waiting forever.
     */
    private void put(Object item) {
        try {
            while (!queue.offer(item, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new AerospikeException.ScanTerminated();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AerospikeException.ScanTerminated();
        }
    }

    private void putQuietly(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        scan.stop();
        thread.interrupt();
    }

    /** Queued when the scan failed; carries the cause. */
    static final class Failure {
        final RuntimeException cause;

        Failure(RuntimeException cause) {
            this.cause = cause;
        }
    }
}
