package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.cluster.Partitions;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.embedded.topology.NodeIdentity;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster discovery as the client's tend sees it: one seed is enough to find every node (through
 * peers-clear-std), node names are unique and match {@code node}, and every partition of
 * {@code test} has exactly one master, which {@code replicas} and the client's map agree on.
 */
class ClusterDiscoveryITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final String NS = "test";

    private static Map<String, String> stats(Node node) {
        Map<String, String> out = new HashMap<>();
        for (String kv : Info.request(node, "statistics").split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    private static int clusterSize() {
        Node any = CLUSTER.client().getNodes()[0];
        return Integer.parseInt(stats(any).get("cluster_size"));
    }

    private static Set<String> names(Node[] nodes) {
        return Arrays.stream(nodes).map(Node::getName).collect(Collectors.toSet());
    }

    @Test
    void oneSeedHostIsEnoughToFindEveryNode() {
        Host seed = Host.parseHosts(CLUSTER.hosts(), 3000)[0];
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 5000;
        int expected = clusterSize();
        try (AerospikeClient client = new AerospikeClient(policy, seed)) {
            ClusterWait.until(() -> client.getNodes().length == expected, 15_000,
                    expected + " nodes from seed " + seed);
            assertThat(names(client.getNodes())).isEqualTo(names(CLUSTER.client().getNodes()));
            assertThat(client.getCluster().partitionMap).containsKey(NS);
        }
    }

    @Test
    void embeddedClusterOfThreeNodesIsSeenAsThreeNodes() {
        List<NodeIdentity> identities = CLUSTER.embedded().nodes();
        assertThat(identities).hasSize(3);
        assertThat(CLUSTER.client().getNodes()).hasSize(3);
        assertThat(names(CLUSTER.client().getNodes()))
                .isEqualTo(identities.stream().map(NodeIdentity::name).collect(Collectors.toSet()));
        NodeIdentity first = identities.get(0);
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 5000;
        try (AerospikeClient client = new AerospikeClient(policy, new Host(first.host(), first.port()))) {
            ClusterWait.until(() -> client.getNodes().length == 3, 15_000, "3 nodes from one seed");
        }
    }

    @Test
    void nodeNamesAreUniqueAndAnsweredByTheNodeCommand() {
        Node[] nodes = CLUSTER.client().getNodes();
        assertThat(names(nodes)).hasSize(nodes.length);
        for (Node node : nodes) {
            assertThat(Info.request(node, "node")).isEqualTo(node.getName());
            assertThat(node.getName()).matches("[0-9A-F]+");
        }
    }

    @Test
    void everyNodeReportsTheSameClusterSize() {
        Node[] nodes = CLUSTER.client().getNodes();
        for (Node node : nodes) {
            assertThat(Integer.parseInt(stats(node).get("cluster_size"))).as("cluster_size on %s", node)
                    .isEqualTo(nodes.length);
        }
    }

    @Test
    void peersListEveryOtherNodeButNotItself() {
        Node[] nodes = CLUSTER.client().getNodes();
        for (Node node : nodes) {
            String peers = Info.request(node, "peers-clear-std");
            assertThat(peers).matches("\\d+,\\d*,\\[.*\\]");
            for (Node other : nodes) {
                if (other == node) {
                    assertThat(peers).as("%s lists itself", node).doesNotContain("[" + other.getName() + ",");
                } else {
                    assertThat(peers).as("%s lists %s", node, other).contains("[" + other.getName() + ",");
                }
            }
        }
    }

    @Test
    void everyPartitionOfTestHasAnOwnerInTheClientsMap() {
        Partitions parts = CLUSTER.client().getCluster().partitionMap.get(NS);
        assertThat(parts).isNotNull();
        Set<String> live = names(CLUSTER.client().getNodes());
        Map<String, Integer> perNode = new HashMap<>();
        for (int p = 0; p < 4096; p++) {
            Node owner = parts.replicas[0].get(p);
            assertThat(owner).as("master of partition %d", p).isNotNull();
            assertThat(live).contains(owner.getName());
            perNode.merge(owner.getName(), 1, Integer::sum);
        }
        assertThat(perNode.keySet()).as("every node masters some partitions").isEqualTo(live);
    }

    @Test
    void masterBitmapsOfAllNodesCoverEachPartitionExactlyOnce() {
        Partitions parts = CLUSTER.client().getCluster().partitionMap.get(NS);
        int[] masters = new int[4096];
        for (Node node : CLUSTER.client().getNodes()) {
            byte[] bitmap = masterBitmap(Info.request(node, "replicas"));
            assertThat(bitmap).hasSize(512);
            for (int p = 0; p < 4096; p++) {
                if ((bitmap[p >> 3] & (0x80 >> (p & 7))) != 0) {
                    masters[p]++;
                    assertThat(parts.replicas[0].get(p).getName()).as("client's master of %d", p)
                            .isEqualTo(node.getName());
                }
            }
        }
        for (int p = 0; p < 4096; p++) {
            assertThat(masters[p]).as("masters of partition %d", p).isEqualTo(1);
        }
    }

    @Test
    void partitionCountAndGenerationsAreNumbers() {
        for (Node node : CLUSTER.client().getNodes()) {
            Map<String, String> values = Info.request(null, node, "partitions", "partition-generation",
                    "peers-generation", "cluster-name");
            assertThat(values.get("partitions")).isEqualTo("4096");
            assertThat(Integer.parseInt(values.get("partition-generation"))).isGreaterThanOrEqualTo(0);
            assertThat(Long.parseLong(values.get("peers-generation"))).isGreaterThanOrEqualTo(0);
            assertThat(values.get("cluster-name")).isNotEmpty();
        }
    }

    @Test
    void scanningEveryPartitionTouchesEveryNode() {
        String set = AerospikeTestCluster.uniqueSet("discovery");
        Map<String, Integer> writtenTo = new ConcurrentHashMap<>();
        Partitions parts = CLUSTER.client().getCluster().partitionMap.get(NS);
        for (int i = 0; i < 300; i++) {
            Key key = new Key(NS, set, i);
            CLUSTER.client().put(null, key, new Bin("i", i));
            int pid = Partition.getPartitionId(key.digest);
            writtenTo.merge(parts.replicas[0].get(pid).getName(), 1, Integer::sum);
        }
        assertThat(writtenTo.keySet()).isEqualTo(names(CLUSTER.client().getNodes()));
        Map<Integer, Integer> seen = new ConcurrentHashMap<>();
        CLUSTER.client().scanPartitions(new ScanPolicy(), PartitionFilter.all(), NS, set,
                (k, r) -> seen.merge(r.getInt("i"), 1, Integer::sum));
        assertThat(seen).hasSize(300);
        assertThat(seen.values()).as("times each record was returned").containsOnly(1);
    }

    /** The first (master) bitmap of namespace {@code test} in a {@code replicas} answer. */
    private static byte[] masterBitmap(String replicas) {
        for (String entry : replicas.split(";")) {
            if (entry.startsWith(NS + ":")) {
                String[] parts = entry.substring(NS.length() + 1).split(",");
                // <regime>,<n_repl>,<master>[,<prole>...]
                assertThat(parts.length).isGreaterThanOrEqualTo(3);
                int replicasCount = Integer.parseInt(parts[1]);
                assertThat(parts.length).isEqualTo(2 + replicasCount);
                return Base64.getDecoder().decode(parts[2]);
            }
        }
        throw new AssertionError("no " + NS + " in replicas: " + replicas);
    }
}
