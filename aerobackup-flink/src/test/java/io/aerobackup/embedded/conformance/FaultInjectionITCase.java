package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Faults injected through the embedded server's API, and what the real client does about them:
 * dropped connections are re-opened by commands that may retry, a server error ends a scan with
 * that result code, a server timeout is retried, slow responses hit the client's socket timeout.
 * Embedded only ({@code CLUSTER.embedded()} skips on a real cluster).
 */
class FaultInjectionITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final String NS = "test";
    private static final String SET = AerospikeTestCluster.uniqueSet("faults");
    private static final String OTHER_SET = AerospikeTestCluster.uniqueSet("faultwrites");
    private static final int RECORDS = 300;

    @BeforeAll
    static void writeRecords() {
        for (int i = 0; i < RECORDS; i++) {
            CLUSTER.client().put(null, new Key(NS, SET, i), new Bin("id", i));
        }
    }

    @AfterEach
    void clearFaultsAndCheckNoScanIsOpen() {
        if (CLUSTER.isEmbedded()) {
            CLUSTER.embedded().clearFaults();
            ClusterWait.until(() -> CLUSTER.embedded().openScans() == 0, 5000, "no open scans");
        }
    }

    private static Map<Integer, Integer> scanCounts(ScanPolicy policy) {
        Map<Integer, Integer> counts = new ConcurrentHashMap<>();
        CLUSTER.client().scanPartitions(policy, PartitionFilter.all(), NS, SET,
                (k, r) -> counts.merge(r.getInt("id"), 1, Integer::sum));
        return counts;
    }

    private static void assertEveryRecordOnce(Map<Integer, Integer> counts) {
        assertThat(counts).hasSize(RECORDS);
        assertThat(counts.values()).as("times each record was returned").containsOnly(1);
    }

    @Test
    void commandsAfterDroppedConnectionsReconnectAndSucceed() {
        EmbeddedAerospike server = CLUSTER.embedded();
        AerospikeClient client = CLUSTER.client();
        Policy read = new Policy();
        read.maxRetries = 5;
        WritePolicy write = new WritePolicy();
        write.maxRetries = 5;
        for (int round = 0; round < 3; round++) {
            assertThat(client.get(read, new Key(NS, SET, round))).isNotNull(); // fill the pool first
            server.dropConnections();
            for (int i = 0; i < 30; i++) {
                Record record = client.get(read, new Key(NS, SET, i));
                assertThat(record).as("read %d after dropped connections", i).isNotNull();
                assertThat(record.getInt("id")).isEqualTo(i);
            }
            Key key = new Key(NS, OTHER_SET, "dropped-" + round);
            server.dropConnections();
            client.put(write, key, new Bin("id", -round));
            assertThat(client.get(read, key).getInt("id")).isEqualTo(-round);
        }
        assertThat(client.getNodes()).hasSize(3);
        assertEveryRecordOnce(scanCounts(new ScanPolicy()));
    }

    @Test
    void scanAfterDroppedConnectionsStillReturnsEveryRecordOnce() {
        CLUSTER.embedded().dropConnections();
        ScanPolicy policy = new ScanPolicy();
        policy.maxRetries = 5;
        assertEveryRecordOnce(scanCounts(policy));
    }

    @Test
    void serverErrorOnAScanEndsItWithThatResultCode() {
        CLUSTER.embedded().failNext(1, ResultCode.SERVER_ERROR);
        ScanPolicy policy = new ScanPolicy();
        policy.concurrentNodes = false;
        AerospikeException e = assertThrows(AerospikeException.class, () -> scanCounts(policy));
        assertThat(e.getResultCode()).isEqualTo(ResultCode.SERVER_ERROR);
        assertEveryRecordOnce(scanCounts(new ScanPolicy()));
    }

    @Test
    void serverTimeoutOnAScanIsRetriedWithoutDuplicates() {
        CLUSTER.embedded().failNext(1, ResultCode.TIMEOUT);
        ScanPolicy policy = new ScanPolicy();
        policy.maxRetries = 3;
        assertEveryRecordOnce(scanCounts(policy));
    }

    @Test
    void serverErrorOnAReadIsReportedAndTheNextReadWorks() {
        Key key = new Key(NS, SET, 7);
        CLUSTER.embedded().failNext(1, ResultCode.SERVER_ERROR);
        AerospikeException e = assertThrows(AerospikeException.class, () -> CLUSTER.client().get(null, key));
        assertThat(e.getResultCode()).isEqualTo(ResultCode.SERVER_ERROR);
        assertThat(CLUSTER.client().get(null, key).getInt("id")).isEqualTo(7);
    }

    @Test
    void keyBusyOnAWriteIsReportedAsKeyBusy() {
        Key key = new Key(NS, OTHER_SET, "busy");
        CLUSTER.embedded().failNext(1, ResultCode.KEY_BUSY);
        AerospikeException e = assertThrows(AerospikeException.class,
                () -> CLUSTER.client().put(null, key, new Bin("id", 1)));
        assertThat(e.getResultCode()).isEqualTo(ResultCode.KEY_BUSY);
        assertThat(CLUSTER.client().get(null, key)).as("a failed create leaves no record").isNull();
    }

    @Test
    void slowResponsesHitTheClientsTimeoutAndRecoverOnceFaster() {
        EmbeddedAerospike server = CLUSTER.embedded();
        Key key = new Key(NS, SET, 11);
        Policy policy = new Policy();
        policy.socketTimeout = 100;
        policy.totalTimeout = 300;
        policy.maxRetries = 1;
        server.delayResponses(Duration.ofMillis(1500));
        long start = System.nanoTime();
        AerospikeException e = assertThrows(AerospikeException.class, () -> CLUSTER.client().get(policy, key));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
        assertThat(e).isInstanceOf(AerospikeException.Timeout.class);
        assertThat(e.getResultCode()).isEqualTo(ResultCode.TIMEOUT);
        assertThat(elapsedMillis).as("the total timeout bounds the wait").isLessThan(1200);
        server.delayResponses(Duration.ZERO);
        List<Integer> ids = Collections.synchronizedList(new ArrayList<>());
        ClusterWait.until(() -> {
            try {
                ids.add(CLUSTER.client().get(policy, key).getInt("id"));
                return true;
            } catch (AerospikeException.Timeout stillSlow) {
                return false; // a connection thread may still be sleeping on an old request
            }
        }, 10_000, "a read within the timeout once the delay is gone");
        assertThat(ids).containsExactly(11);
    }

    @Test
    void delayShorterThanTheTimeoutOnlySlowsCommandsDown() {
        EmbeddedAerospike server = CLUSTER.embedded();
        server.delayResponses(Duration.ofMillis(50));
        Policy policy = new Policy();
        policy.socketTimeout = 2000;
        policy.totalTimeout = 5000;
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(CLUSTER.client().get(policy, new Key(NS, SET, i)).getInt("id")).isEqualTo(i);
        }
        assertThat((System.nanoTime() - start) / 1_000_000L).isGreaterThanOrEqualTo(150);
    }
}
