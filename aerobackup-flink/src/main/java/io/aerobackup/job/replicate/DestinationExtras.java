package io.aerobackup.job.replicate;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.changefeed.DeleteDetector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The destination's records of one partition that the source lacks: a digest-only scan of the
 * partition in the destination namespace, one per replicated set (the whole namespace when no set
 * is given, less the transaction monitor's records), compared with the digests a full round found
 * on the source.
 */
final class DestinationExtras {
    private final IAerospikeClient destination;
    private final String namespace;
    /** The sets scanned; a single null: the whole namespace. */
    private final List<String> sets;
    private final ScanPolicy policy;

    /** The scan keeps the client's timeouts: a partition's scan may run longer than a batch write. */
    DestinationExtras(IAerospikeClient destination, String namespace, List<String> sets, int maxRetries) {
        this.destination = destination;
        this.namespace = namespace;
        this.sets = sets.isEmpty() ? Collections.singletonList(null) : List.copyOf(sets);
        this.policy = new ScanPolicy();
        policy.includeBinData = false;
        policy.maxRetries = maxRetries;
    }

    /** The digests of {@code partition} on the destination that {@code sourceEntries} (sorted) does not hold. */
    List<byte[]> of(int partition, byte[] sourceEntries) {
        List<byte[]> extras = new ArrayList<>();
        for (String set : sets) {
            destination.scanPartitions(policy, PartitionFilter.id(partition), namespace, set, (key, record) -> {
                if (!ScanOptions.TXN_MONITOR_SET.equals(key.setName)
                        && !DeleteDetector.containsDigest(sourceEntries, key.digest)) {
                    synchronized (extras) {
                        extras.add(key.digest);
                    }
                }
            });
        }
        return extras;
    }
}
