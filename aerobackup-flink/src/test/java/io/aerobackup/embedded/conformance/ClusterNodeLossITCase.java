package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.cluster.Partitions;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Losing a node of a three-node embedded cluster: its partitions move to the survivors with their
 * data, a partition scan running across the loss still returns every record exactly once (the
 * client resumes the lost node's partitions elsewhere from the last digest it saw), and a
 * restarted node is found again. Embedded only: stopping nodes needs fault injection.
 */
class ClusterNodeLossITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final String NS = "test";
    private static final int LOST = 1;
    private static final int WAIT_MILLIS = 20_000;

    /** Nodes this test stopped; restarted after it, so every test starts with three nodes. */
    private final Set<Integer> stopped = ConcurrentHashMap.newKeySet();

    @AfterEach
    void restartStoppedNodes() {
        if (!CLUSTER.isEmbedded()) {
            return;
        }
        for (int index : stopped) {
            CLUSTER.embedded().restartNode(index);
        }
        stopped.clear();
        awaitNodes(3);
        ClusterWait.until(() -> CLUSTER.embedded().openScans() == 0, 5000, "no open scans");
    }

    private void stop(EmbeddedAerospike server, int index) {
        if (stopped.add(index)) {
            server.stopNode(index);
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitNodes(int count) {
        ClusterWait.until(() -> CLUSTER.client().getNodes().length == count, WAIT_MILLIS,
                "the client to see " + count + " nodes");
    }

    private static String nodeName(int index) {
        return CLUSTER.embedded().nodes().get(index).name();
    }

    private static String masterOf(int partitionId) {
        Partitions parts = CLUSTER.client().getCluster().partitionMap.get(NS);
        Node node = parts.replicas[0].get(partitionId);
        return node == null ? null : node.getName();
    }

    @Test
    void scanReturnsEveryRecordOnceWhenANodeStopsMidway() {
        EmbeddedAerospike server = CLUSTER.embedded();
        AerospikeClient client = CLUSTER.client();
        String set = AerospikeTestCluster.uniqueSet("nodeloss");
        int records = 20_000;
        Random random = new Random(20_000L);
        byte[] payload = new byte[4096]; // large enough that socket buffers cannot hold a node's share
        int ownedByLost = 0;
        for (int i = 0; i < records; i++) {
            random.nextBytes(payload);
            Key key = new Key(NS, set, i);
            client.put(null, key, new Bin("id", i), new Bin("p", payload));
            if (nodeName(LOST).equals(masterOf(Partition.getPartitionId(key.digest)))) {
                ownedByLost++;
            }
        }
        assertThat(ownedByLost).isGreaterThan(records / 4);

        ScanPolicy policy = new ScanPolicy();
        policy.maxRetries = 10;
        policy.sleepBetweenRetries = 200;
        Map<Integer, Integer> counts = new ConcurrentHashMap<>();
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger fromLostBeforeStop = new AtomicInteger(-1);
        AtomicInteger fromLost = new AtomicInteger();
        String lostName = nodeName(LOST);
        String[] masterAtStart = new String[4096];
        for (int p = 0; p < masterAtStart.length; p++) {
            masterAtStart[p] = masterOf(p);
        }
        PartitionFilter filter = PartitionFilter.all();
        CountDownLatch lostNodeStopped = new CountDownLatch(1);
        AtomicInteger lostReaderGaveUp = new AtomicInteger();
        client.scanPartitions(policy, filter, NS, set, (key, record) -> {
            counts.merge(record.getInt("id"), 1, Integer::sum);
            if (lostName.equals(masterAtStart[Partition.getPartitionId(key.digest)])) {
                fromLost.incrementAndGet();
                // Hold the lost node's reader at its first record, so the node cannot push its whole
                // share into socket buffers before it stops (a real crash loses what is unsent).
                if (!awaitQuietly(lostNodeStopped)) {
                    lostReaderGaveUp.incrementAndGet();
                }
            }
            if (seen.incrementAndGet() == 5000) {
                fromLostBeforeStop.set(fromLost.get());
                stop(server, LOST); // closes the node's sockets; nothing here waits on the scan
                lostNodeStopped.countDown();
            }
        });
        assertThat(lostReaderGaveUp.get()).as("reader of the lost node waited in vain").isZero();
        assertThat(stopped).containsExactly(LOST);
        assertThat(counts).as("distinct records returned").hasSize(records);
        assertThat(counts.values()).as("times each record was returned").containsOnly(1);
        assertThat(fromLostBeforeStop.get()).as("records of the lost node read before it stopped")
                .isLessThan(ownedByLost);
        long movedAndRetried = java.util.Arrays.stream(filter.getPartitions())
                .filter(ps -> lostName.equals(masterAtStart[ps.id]))
                .filter(ps -> ps.node != null && !lostName.equals(ps.node.getName()))
                .count();
        assertThat(movedAndRetried).as("partitions of the lost node finished on another node").isPositive();
        assertThat(filter.isDone()).isTrue();

        server.restartNode(LOST);
        stopped.remove(LOST);
        awaitNodes(3);
        ClusterWait.until(() -> lostName.equals(masterOf(LOST)), WAIT_MILLIS, "partitions back on the restarted node");
        Random pick = new Random(7L);
        for (int n = 0; n < 200; n++) {
            int id = pick.nextInt(records);
            Record record = client.get(null, new Key(NS, set, id));
            assertThat(record).as("record %d after the restart", id).isNotNull();
            assertThat(record.getInt("id")).isEqualTo(id);
        }
    }

    @Test
    void keysOfAStoppedNodeCanStillBeReadAndWritten() {
        EmbeddedAerospike server = CLUSTER.embedded();
        AerospikeClient client = CLUSTER.client();
        String set = AerospikeTestCluster.uniqueSet("moved");
        String lostName = nodeName(LOST);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; keys.size() < 50; i++) {
            Key key = new Key(NS, set, i);
            if (lostName.equals(masterOf(Partition.getPartitionId(key.digest)))) {
                client.put(null, key, new Bin("v", i));
                keys.add(key);
            }
        }

        stop(server, LOST);
        awaitNodes(2);
        ClusterWait.until(() -> keys.stream().noneMatch(k -> lostName.equals(masterOf(Partition.getPartitionId(k.digest)))),
                WAIT_MILLIS, "the stopped node's partitions to move");
        for (Key key : keys) {
            Record record = client.get(null, key);
            assertThat(record).as("%s after its node stopped", key).isNotNull();
            int v = record.getInt("v");
            client.put(null, key, new Bin("v", v + 1000));
            assertThat(client.get(null, key).getInt("v")).isEqualTo(v + 1000);
            assertThat(masterOf(Partition.getPartitionId(key.digest))).isNotEqualTo(lostName);
        }

        server.restartNode(LOST);
        stopped.remove(LOST);
        awaitNodes(3);
        ClusterWait.until(() -> keys.stream().allMatch(k -> lostName.equals(masterOf(Partition.getPartitionId(k.digest)))),
                WAIT_MILLIS, "the partitions to move back");
        for (Key key : keys) {
            Record record = client.get(null, key);
            assertThat(record).isNotNull();
            assertThat(record.getInt("v")).as("writes made while the node was down").isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void stoppedNodeDropsOutOfEveryNodesPeersAndClusterSize() {
        EmbeddedAerospike server = CLUSTER.embedded();
        String lostName = nodeName(LOST);
        stop(server, LOST);
        awaitNodes(2);
        for (Node node : CLUSTER.client().getNodes()) {
            assertThat(node.getName()).isNotEqualTo(lostName);
            assertThat(Info.request(node, "peers-clear-std")).doesNotContain(lostName);
            assertThat(Info.request(node, "statistics")).contains("cluster_size=2");
        }
        ClusterWait.until(() -> {
            for (int p = 0; p < 4096; p++) {
                String master = masterOf(p);
                if (master == null || master.equals(lostName)) {
                    return false;
                }
            }
            return true;
        }, WAIT_MILLIS, "every partition mastered by a live node");
    }
}
