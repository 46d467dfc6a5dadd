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

import java.util.function.Consumer;

/**
 * The partition scan of one node, on the client's command framework (connection pool, socket
 * retries, metrics, response framing and decompression), but with each record row parsed by
 * {@link RowParser} into a {@link BackupRecord} instead of into Java values. Partition status is
 * reported to the {@link PartitionTracker} as the client's own partition scan reports it.
 */
final class RawScanCommand extends MultiCommand {
    private final ScanPolicy scanPolicy;
    private final String namespace;
    private final String setName;
    private final String[] binNames;
    private final long taskId;
    private final PartitionTracker tracker;
    private final NodePartitions nodePartitions;
    private final Consumer<BackupRecord> consumer;
    private final RowParser parser = new RowParser();

    RawScanCommand(Cluster cluster, ScanPolicy scanPolicy, String namespace, String setName, String[] binNames,
                   long taskId, PartitionTracker tracker, NodePartitions nodePartitions,
                   Consumer<BackupRecord> consumer) {
        super(cluster, scanPolicy, nodePartitions.node, namespace, tracker.socketTimeout, tracker.totalTimeout);
        this.scanPolicy = scanPolicy;
        this.namespace = namespace;
        this.setName = setName;
        this.binNames = binNames;
        this.taskId = taskId;
        this.tracker = tracker;
        this.nodePartitions = nodePartitions;
        this.consumer = consumer;
    }

    @Override
    public void execute() {
        try {
            executeCommand();
        } catch (AerospikeException e) {
            // Node-level failures (timeouts, node gone) leave the node's partitions to the next round.
            if (!tracker.shouldRetry(nodePartitions, e)) {
                throw e;
            }
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
            consumer.accept(record);
            // Resume point of the record's partition; the Key only carries the digest here.
            tracker.setDigest(nodePartitions, new Key(namespace, record.digest(), record.setName(), null));
        }
        return true;
    }
}
