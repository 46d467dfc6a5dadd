package io.aerobackup.source.rawscan;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.cluster.Cluster;
import com.aerospike.client.command.Executor;
import com.aerospike.client.command.MultiCommand;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.PartitionTracker;
import com.aerospike.client.query.PartitionTracker.NodePartitions;
import io.aerobackup.record.BackupRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A partition scan that delivers {@link BackupRecord}s with their bins as particle bytes, the
 * fast replacement for {@code AerospikeClient.scanPartitions} plus a conversion of every value.
 * It runs the client's own scan rounds: the {@link PartitionTracker} assigns partitions to nodes,
 * one {@link RawScanCommand} per node runs (concurrently through the client's {@link Executor}
 * when the policy allows), and partitions that were unavailable or hit node errors are retried in
 * the next round, resuming after the last digest seen, until the tracker reports completion or
 * gives up. The filter's partition statuses are updated as the client updates them.
 *
 * <p>The consumer is called from the client's scan threads, concurrently for several nodes, with
 * batches of records in the order the node sent them. One instance runs once.
 */
public final class RawScan {
    private static final Logger LOG = LoggerFactory.getLogger(RawScan.class);

    private final Cluster cluster;
    private final ScanPolicy policy;
    private final PartitionFilter filter;
    private final String namespace;
    private final String setName;
    private final String[] binNames;
    /** Records per hand-over when nothing else ends a batch first (a partition done, the node's end). */
    public static final int BATCH_SIZE = 256;

    private final BatchConsumer consumer;
    private final int batchSize;
    /** The commands of the round in progress, so that {@link #stop} reaches them; guarded by itself. */
    private final List<MultiCommand> running = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * @param setName  the one set to scan, or null for all
     * @param binNames the bins to read, or null for all
     * @param consumer called for each record
     */
    public RawScan(Cluster cluster, ScanPolicy policy, PartitionFilter filter, String namespace, String setName,
                   String[] binNames, Consumer<BackupRecord> consumer) {
        this(cluster, policy, filter, namespace, setName, binNames, (BatchConsumer) batch -> batch.forEach(consumer));
    }

    private RawScan(Cluster cluster, ScanPolicy policy, PartitionFilter filter, String namespace, String setName,
                    String[] binNames, BatchConsumer consumer) {
        this.cluster = cluster;
        this.policy = policy;
        this.filter = filter;
        this.namespace = namespace;
        this.setName = setName;
        this.binNames = binNames;
        this.consumer = consumer;
        this.batchSize = policy.recordsPerSecond > 0 ? 1 : BATCH_SIZE;
    }

    /**
     * A scan that hands records over in batches of up to {@link #BATCH_SIZE} (one record at a time
     * when the policy limits records per second, so a slow scan never holds records back).
     */
    public static RawScan inBatches(Cluster cluster, ScanPolicy policy, PartitionFilter filter, String namespace,
                                    String setName, String[] binNames, BatchConsumer consumer) {
        return new RawScan(cluster, policy, filter, namespace, setName, binNames, consumer);
    }

    /** Receives the records of a scan, a batch at a time; the list is the receiver's to keep. */
    @FunctionalInterface
    public interface BatchConsumer {
        void accept(List<BackupRecord> batch);
    }

    /**
     * Scans until every partition of the filter is done or the record limit is reached. Throws the
     * tracker's or a command's AerospikeException when the scan fails, ScanTerminated once stopped.
     */
    public void run() {
        PartitionTracker tracker = new PartitionTracker(policy, cluster.validateNodes(), filter);
        cluster.addCommandCount();
        while (true) {
            long taskId = ThreadLocalRandom.current().nextLong();
            try {
                runRound(tracker.assignPartitionsToNodes(cluster, namespace), tracker, taskId);
            } catch (AerospikeException e) {
                tracker.partitionError();
                e.setIteration(tracker.iteration);
                throw e;
            } finally {
                synchronized (running) {
                    running.clear();
                }
            }
            // Stopped commands end without records: that must not pass for a complete scan.
            checkNotStopped();
            if (tracker.isComplete(cluster, policy)) {
                return;
            }
            LOG.debug("scan of namespace {} round {} left partitions to retry", namespace, tracker.iteration - 1);
            if (policy.sleepBetweenRetries > 0) {
                pause(policy.sleepBetweenRetries);
            }
        }
    }

    /** Asks the running commands to end; {@link #run} then throws ScanTerminated. Callable from any thread. */
    public void stop() {
        stopped = true;
        synchronized (running) {
            running.forEach(MultiCommand::stop);
        }
    }

    private void runRound(List<NodePartitions> nodes, PartitionTracker tracker, long taskId) {
        List<RawScanCommand> commands = new ArrayList<>(nodes.size());
        for (NodePartitions node : nodes) {
            commands.add(new RawScanCommand(cluster, policy, namespace, setName, binNames, taskId, tracker, node,
                    consumer, batchSize));
        }
        synchronized (running) {
            running.addAll(commands);
        }
        // A stop() between the check in run() and the registration above must still reach them.
        if (stopped) {
            commands.forEach(MultiCommand::stop);
            throw new AerospikeException.ScanTerminated();
        }
        if (policy.concurrentNodes && commands.size() > 1) {
            Executor executor = new Executor(cluster, commands.size());
            commands.forEach(executor::addCommand);
            executor.execute(policy.maxConcurrentNodes);
        } else {
            for (RawScanCommand command : commands) {
                checkNotStopped();
                command.execute();
            }
        }
    }

    private void checkNotStopped() {
        if (stopped) {
            throw new AerospikeException.ScanTerminated();
        }
    }

    private void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AerospikeException.ScanTerminated(e);
        }
    }
}
