package io.aerobackup.job.replicate;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.changefeed.DeleteDetector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * The destination's records of some partitions that the source lacks: a digest-only scan of the
 * partitions in the destination namespace, one per replicated set (the whole namespace when no set
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

    /**
     * The digests on the destination, in the partitions of {@code sourceDigests} (partition to the
     * digests the source had there, sorted), that the source did not have. Consecutive partitions are
     * scanned together: one scan per run, not one per partition.
     */
    List<byte[]> of(SortedMap<Integer, byte[]> sourceDigests) {
        List<byte[]> extras = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>(sourceDigests.keySet());
        for (int run = 0; run < partitions.size(); ) {
            int end = run + 1;
            while (end < partitions.size() && partitions.get(end) == partitions.get(end - 1) + 1) {
                end++;
            }
            scan(PartitionFilter.range(partitions.get(run), end - run), sourceDigests, extras);
            run = end;
        }
        return extras;
    }

    private void scan(PartitionFilter partitions, SortedMap<Integer, byte[]> sourceDigests, List<byte[]> extras) {
        for (String set : sets) {
            destination.scanPartitions(policy, partitions, namespace, set, (key, record) -> {
                byte[] source = sourceDigests.get(Partition.getPartitionId(key.digest));
                if (!ScanOptions.TXN_MONITOR_SET.equals(key.setName) && source != null
                        && !DeleteDetector.containsDigest(source, key.digest)) {
                    synchronized (extras) {
                        extras.add(key.digest);
                    }
                }
            });
        }
    }
}
