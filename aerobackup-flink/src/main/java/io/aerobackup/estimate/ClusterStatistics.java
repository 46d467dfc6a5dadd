package io.aerobackup.estimate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aerobackup.cluster.InfoClient;
import io.aerobackup.source.changefeed.UsedSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the servers say about a namespace or some of its sets, summed over the nodes: records
 * (one copy each: replicas are divided out) and used bytes, as {@code namespace/<ns>} and
 * {@code sets/<ns>/<set>} answer on the embedded server and on Aerospike 6 to 8 (7+ reports
 * {@code data_used_bytes}; 6 reports {@code device_used_bytes} or {@code memory_used_bytes}).
 *
 * @param usedBytes        bytes the records take in the cluster, one copy
 * @param usedSpacePercent the fullest node's used space, -1 when no node reports it
 */
public record ClusterStatistics(long records, long usedBytes, int usedSpacePercent, int replicationFactor, int nodes) {

    public static ClusterStatistics read(AerospikeClient client, String namespace, List<String> sets) {
        InfoClient info = new InfoClient(client);
        long copies = 0;
        long used = 0;
        int replication = 1;
        List<Map<String, String>> nodeStats = new ArrayList<>();
        Node[] nodes = client.getNodes();
        for (Node node : nodes) {
            Map<String, String> ns = info.namespaceStatistics(node, namespace);
            nodeStats.add(ns);
            replication = Math.max(replication, (int) number(ns, 1, "effective_replication_factor", "replication-factor"));
            if (sets.isEmpty()) {
                copies += number(ns, 0, "objects");
                used += number(ns, 0, "data_used_bytes", "device_used_bytes", "memory_used_bytes");
            } else {
                for (String set : sets) {
                    Map<String, String> s = setStatistics(node, namespace, set);
                    copies += number(s, 0, "objects");
                    used += number(s, 0, "data_used_bytes", "device_data_bytes", "memory_data_bytes");
                }
            }
        }
        int pct = UsedSpace.fullestNode(nodeStats).orElse(-1);
        return new ClusterStatistics(copies / replication, used / replication, pct, replication, nodes.length);
    }

    private static Map<String, String> setStatistics(Node node, String namespace, String set) {
        String answer = Info.request(null, node, "sets/" + namespace + "/" + set);
        Map<String, String> fields = new java.util.HashMap<>();
        for (String part : answer.split("[:;]")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq).trim(), part.substring(eq + 1));
            }
        }
        return fields;
    }

    /** The first of {@code keys} that is there and a number, else {@code fallback}. */
    static long number(Map<String, String> stats, long fallback, String... keys) {
        for (String key : keys) {
            String v = stats.get(key);
            if (v != null) {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    // try the next key
                }
            }
        }
        return fallback;
    }
}
