package io.aerobackup.source.rawscan;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Cluster;
import com.aerospike.client.command.Command;
import com.aerospike.client.command.MultiCommand;
import com.aerospike.client.metrics.LatencyType;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionTracker;
import com.aerospike.client.query.PartitionTracker.NodePartitions;
import io.aerobackup.record.BackupRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The partition scan of one node, on the client's command framework (connection pool, socket
 * retries, metrics, response framing and decompression), but with each record row parsed by
 * {@link RowParser} into a {@link BackupRecord} instead of into Java values. Partition status is
 * reported to the {@link PartitionTracker} as the client's own partition scan reports it.
 *
 * <p>Records are handed over in batches (one hand-over per batch, not per record, is what makes the
 * queue to the job cheap): a batch goes out when it is full, when a partition is done, and when the
 * command ends, also when it ends with an error, since every record parsed before the error is
 * already behind the tracker's resume point.
 */
final class RawScanCommand extends MultiCommand {
    private final ScanPolicy scanPolicy;
    private final String namespace;
    private final String setName;
    private final String[] binNames;
    private final long taskId;
    private final PartitionTracker tracker;
    private final NodePartitions nodePartitions;
    private final RawScan.BatchConsumer consumer;
    private final int batchSize;
    private final RowParser parser = new RowParser();
    private List<BackupRecord> batch;

    RawScanCommand(Cluster cluster, ScanPolicy scanPolicy, String namespace, String setName, String[] binNames,
                   long taskId, PartitionTracker tracker, NodePartitions nodePartitions,
                   RawScan.BatchConsumer consumer, int batchSize) {
        super(cluster, scanPolicy, nodePartitions.node, namespace, tracker.socketTimeout, tracker.totalTimeout);
        this.scanPolicy = scanPolicy;
        this.namespace = namespace;
        this.setName = setName;
        this.binNames = binNames;
        this.taskId = taskId;
        this.tracker = tracker;
        this.nodePartitions = nodePartitions;
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.batch = new ArrayList<>(batchSize);
    }

    @Override
    public void execute() {
        try {
            executeCommand();
        } catch (AerospikeException e) {
            handOver();
            // Node-level failures (timeouts, node gone) leave the node's partitions to the next round.
            if (!tracker.shouldRetry(nodePartitions, e)) {
                throw e;
            }
            return;
        }
        handOver();
    }

    private void handOver() {
        if (!batch.isEmpty()) {
            List<BackupRecord> full = batch;
            batch = new ArrayList<>(batchSize);
            consumer.accept(full);
        }
    }

    @Override
    protected LatencyType getLatencyType() {
        return LatencyType.QUERY;
    }

    @Override
    protected void writeBuffer() {
        setScan(cluster, scanPolicy, namespace, setName, binNames, taskId, nodePartitions);
    }

    @Override
    protected boolean parseRow() {
        if ((info3 & Command.INFO3_PARTITION_DONE) != 0) {
            parser.skip(dataBuffer, dataOffset, fieldCount + opCount);
            dataOffset = parser.end();
            handOver();
            // A partition this node could not serve: retried next round. The generation carries its id.
            if (resultCode != 0) {
                tracker.partitionUnavailable(nodePartitions, generation);
            }
            return true;
        }
        if (resultCode != 0) {
            throw new AerospikeException(resultCode);
        }
        BackupRecord record = parser.parse(dataBuffer, dataOffset, fieldCount, opCount, generation, expiration);
        dataOffset = parser.end();
        if (!valid) {
            throw new AerospikeException.ScanTerminated();
        }
        if (tracker.allowRecord(nodePartitions)) {
            batch.add(record);
            // Resume point of the record's partition; the Key only carries the digest here.
            tracker.setDigest(nodePartitions, new Key(namespace, record.digest(), record.setName(), null));
            if (batch.size() >= batchSize) {
                handOver();
            }
        }
        return true;
    }
}
