package io.aerobackup.embedded.conformance;

import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Info commands as an Aerospike 8 CE node answers them (thr_info.c, cfg_info.c, namespace.c):
 * per-node statistics that sum to the cluster's totals, {@code sets} formats, build/version/edition,
 * error strings. Counts are per node, so totals are sums over the client's nodes.
 */
class InfoCommandsITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final String NS = "test";

    private static Node[] nodes() {
        return CLUSTER.client().getNodes();
    }

    /** Parses {@code k=v<sep>k=v...}, keeping the order. */
    private static Map<String, String> pairs(String text, String separator) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : text.split(separator)) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    private static Map<String, String> namespace(Node node) {
        return pairs(Info.request(node, "namespace/" + NS), ";");
    }

    private static long sumOverNodes(String command, String key) {
        long sum = 0;
        for (Node node : nodes()) {
            sum += Long.parseLong(pairs(Info.request(node, command), ";").get(key));
        }
        return sum;
    }

    /** {@code objects} of {@code set} on one node from {@code sets/test}; 0 when the set is not listed. */
    private static long setObjects(Node node, String set) {
        for (String entry : Info.request(node, "sets/" + NS).split(";")) {
            Map<String, String> props = pairs(entry, ":");
            if (set.equals(props.get("set"))) {
                assertThat(props.get("ns")).isEqualTo(NS);
                return Long.parseLong(props.get("objects"));
            }
        }
        return 0;
    }

    private static void write(String set, int count) {
        WritePolicy policy = new WritePolicy();
        Random random = new Random(count);
        for (int i = 0; i < count; i++) {
            CLUSTER.client().put(policy, new Key(NS, set, i), new Bin("n", random.nextInt()), new Bin("s", "x" + i));
        }
    }

    @Test
    void namespacesListsTheConfiguredNamespacesWithoutATrailingSeparator() {
        for (Node node : nodes()) {
            String namespaces = Info.request(node, "namespaces");
            assertThat(namespaces).doesNotEndWith(";");
            assertThat(Arrays.asList(namespaces.split(";"))).contains("test", "restore");
        }
    }

    @Test
    void namespaceStatisticsHaveTheDocumentedKeys() {
        for (Node node : nodes()) {
            Map<String, String> ns = namespace(node);
            assertThat(ns).containsKeys("ns_cluster_size", "effective_replication_factor", "objects",
                    "master_objects", "prole_objects", "data_used_bytes", "data_total_bytes", "data_used_pct",
                    "default-ttl", "replication-factor", "nsup-period", "stop_writes");
            long used = Long.parseLong(ns.get("data_used_bytes"));
            long total = Long.parseLong(ns.get("data_total_bytes"));
            assertThat(total).isPositive();
            assertThat(Long.parseLong(ns.get("data_used_pct"))).as("data_used_pct = used*100/total")
                    .isEqualTo(used * 100 / total);
            assertThat(Long.parseLong(ns.get("default-ttl"))).isGreaterThanOrEqualTo(0);
            assertThat(Integer.parseInt(ns.get("ns_cluster_size"))).isEqualTo(nodes().length);
            List<String> keys = List.copyOf(ns.keySet());
            assertThat(keys.indexOf("objects")).as("statistics come before configuration")
                    .isLessThan(keys.indexOf("default-ttl"));
        }
    }

    @Test
    void unknownNamespaceIsTypeUnknown() {
        assertThat(Info.request(nodes()[0], "namespace/nosuch_ns")).isEqualTo("type=unknown");
    }

    @Test
    void masterObjectsSummedOverNodesGrowByTheRecordsWritten() {
        long before = sumOverNodes("namespace/" + NS, "master_objects");
        write(AerospikeTestCluster.uniqueSet("infocount"), 123);
        long after = sumOverNodes("namespace/" + NS, "master_objects");
        assertThat(after - before).isEqualTo(123);
    }

    @Test
    void setObjectsSummedOverNodesAreRecordsTimesReplicationFactor() {
        String set = AerospikeTestCluster.uniqueSet("infosets");
        write(set, 77);
        int replication = Integer.parseInt(namespace(nodes()[0]).get("effective_replication_factor"));
        long sum = 0;
        for (Node node : nodes()) {
            sum += setObjects(node, set);
        }
        assertThat(sum).as("objects of %s over all nodes, replication factor %d", set, replication)
                .isEqualTo(77L * replication);
    }

    @Test
    void setsOfANamespaceEndEachEntryWithASemicolon() {
        String set = AerospikeTestCluster.uniqueSet("infoformat");
        write(set, 5);
        for (Node node : nodes()) {
            String sets = Info.request(node, "sets/" + NS);
            assertThat(sets).endsWith(";");
            assertThat(sets).contains("ns=" + NS + ":set=" + set + ":objects=");
            String entry = Arrays.stream(sets.split(";")).filter(e -> e.contains(":set=" + set + ":"))
                    .findFirst().orElseThrow();
            assertThat(pairs(entry, ":")).containsKeys("objects", "tombstones", "data_used_bytes",
                    "truncate_lut", "sindexes", "index_populating", "truncating", "default-ttl",
                    "disable-eviction", "enable-index", "stop-writes-count", "stop-writes-size");
        }
    }

    @Test
    void setsOfOneSetOmitTheNamespaceAndSetPrefix() {
        String set = AerospikeTestCluster.uniqueSet("infoone");
        write(set, 9);
        for (Node node : nodes()) {
            String one = Info.request(node, "sets/" + NS + "/" + set);
            assertThat(one).startsWith("objects=");
            assertThat(one).endsWith(";");
            assertThat(Long.parseLong(pairs(one.replace(";", ""), ":").get("objects")))
                    .isEqualTo(setObjects(node, set));
        }
        assertThat(Info.request(nodes()[0], "sets/" + NS + "/never_written_set")).isNullOrEmpty();
    }

    @Test
    void setsOfAnUnknownNamespaceIsNsTypeUnknown() {
        assertThat(Info.request(nodes()[0], "sets/nosuch_ns")).isEqualTo("ns_type=unknown");
    }

    @Test
    void statisticsObjectsAreTheNodesNamespaceObjectsAddedUp() {
        write(AerospikeTestCluster.uniqueSet("infostats"), 40);
        for (Node node : nodes()) {
            String[] namespaces = Info.request(node, "namespaces").split(";");
            String[] commands = new String[namespaces.length + 1];
            commands[0] = "statistics";
            for (int i = 0; i < namespaces.length; i++) {
                commands[i + 1] = "namespace/" + namespaces[i];
            }
            Map<String, String> answer = Info.request(null, node, commands); // one request: one snapshot
            long perNamespace = 0;
            for (String ns : namespaces) {
                perNamespace += Long.parseLong(pairs(answer.get("namespace/" + ns), ";").get("objects"));
            }
            Map<String, String> stats = pairs(answer.get("statistics"), ";");
            assertThat(Long.parseLong(stats.get("objects"))).as("statistics objects on %s", node)
                    .isEqualTo(perNamespace);
            assertThat(answer.get("statistics")).doesNotEndWith(";");
            assertThat(stats).containsKeys("cluster_size", "uptime", "objects");
        }
    }

    @Test
    void buildIsFourNumbersOfRelease8() {
        for (Node node : nodes()) {
            String build = Info.request(node, "build");
            assertThat(build).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(Integer.parseInt(build.split("\\.")[0])).isEqualTo(8);
        }
    }

    @Test
    void versionIsTheEditionAndTheBuild() {
        for (Node node : nodes()) {
            Map<String, String> answer = Info.request(null, node, "version", "edition", "build");
            assertThat(answer.get("edition")).matches("Aerospike (Community|Enterprise) Edition");
            assertThat(answer.get("version")).isEqualTo(answer.get("edition") + " build " + answer.get("build"));
        }
    }

    @Test
    void embeddedServerIsCommunityEdition() {
        CLUSTER.embedded();
        for (Node node : nodes()) {
            assertThat(Info.request(node, "edition")).isEqualTo("Aerospike Community Edition");
            assertThat(Info.request(node, "features")).doesNotContain("xdr");
        }
    }

    @Test
    void featuresAdvertisePartitionScansAndQueries() {
        for (Node node : nodes()) {
            List<String> features = Arrays.asList(Info.request(node, "features").split(";"));
            assertThat(features).contains("pscans", "pquery", "peers", "replicas", "truncate-namespace",
                    "batch-index", "udf");
        }
    }

    @Test
    void statusIsOk() {
        for (Node node : nodes()) {
            assertThat(Info.request(node, "status")).isEqualTo("ok");
        }
    }

    @Test
    void unknownCommandIsUnrecognized() {
        assertThat(Info.request(nodes()[0], "no-such-command")).isEqualTo("ERROR:4:unrecognized command");
        String longName = "x".repeat(40);
        assertThat(Info.request(nodes()[0], longName)).isEqualTo("ERROR:4:unrecognized command");
    }

    @Test
    void severalCommandsInOneRequestAreEachAnswered() {
        Node node = nodes()[nodes().length - 1];
        Map<String, String> answer = Info.request(null, node, "status", "build", "partitions", "node");
        assertThat(answer).containsOnlyKeys("status", "build", "partitions", "node");
        assertThat(answer.get("status")).isEqualTo("ok");
        assertThat(answer.get("partitions")).isEqualTo("4096");
        assertThat(answer.get("node")).isEqualTo(node.getName());
    }

    @Test
    void emptyRequestReturnsTheSummary() {
        Map<String, String> summary = Info.request(null, nodes()[0]);
        assertThat(summary).containsKeys("node", "edition", "build", "version", "features", "statistics",
                "partition-generation");
        assertThat(summary.get("node")).isEqualTo(nodes()[0].getName());
    }

    @Test
    void sindexListOfAnUnknownNamespaceIsANamespaceError() {
        assertThat(Info.request(nodes()[0], "sindex-list:namespace=nosuch_ns"))
                .isEqualTo("ERROR:20:namespace not found on node");
    }
}
