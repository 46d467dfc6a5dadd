package io.aerobackup.embedded.conformance;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.cluster.Partitions;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.embedded.topology.NodeIdentity;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_DIGEST;
import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_KEY;
import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_NAMESPACE;
import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_PID_ARRAY;
import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_RPS;
import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_SET;
import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_SOCKET_TIMEOUT;
import static io.aerobackup.embedded.conformance.MalformedWire.INFO1_NOBINDATA;
import static io.aerobackup.embedded.conformance.MalformedWire.INFO1_READ;
import static io.aerobackup.embedded.conformance.MalformedWire.INFO1_SHORT_QUERY;
import static io.aerobackup.embedded.conformance.MalformedWire.INFO3_LAST;
import static io.aerobackup.embedded.conformance.MalformedWire.INFO3_PARTITION_DONE;
import static io.aerobackup.embedded.conformance.MalformedWire.asMsg;
import static io.aerobackup.embedded.conformance.MalformedWire.field;
import static io.aerobackup.embedded.conformance.MalformedWire.pids;
import static io.aerobackup.embedded.conformance.MalformedWire.readOp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-built partition-scan requests and the exact replies Aerospike 8 CE sends
 * (query.c {@code basic_query_job_start}/{@code basic_query_job_slice}, proto.c): start-up checks
 * answered by one as_msg without INFO3_LAST, pid-done messages only for partitions the node cannot
 * reserve (result 11, pid in the generation), records as namespace/digest/set/key fields.
 * Embedded only: raw sockets need the node ports.
 */
class MalformedScanRequestITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final String NS = "test";
    private static final String SET = AerospikeTestCluster.uniqueSet("rawscan");
    private static final int RECORDS = 60;

    @BeforeAll
    static void writeRecords() {
        WritePolicy policy = new WritePolicy();
        policy.sendKey = true;
        for (int i = 0; i < RECORDS; i++) {
            CLUSTER.client().put(policy, new Key(NS, SET, i), new Bin("a", i), new Bin("b", "x" + i));
        }
    }

    @AfterEach
    void noScanLeftOpen() {
        if (CLUSTER.isEmbedded()) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (CLUSTER.embedded().openScans() != 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
            }
            assertThat(CLUSTER.embedded().openScans()).as("scans still open").isZero();
        }
    }

    private static MalformedWire connect(int node) throws IOException {
        return new MalformedWire(CLUSTER.embedded().nodes().get(node).port(), 10_000);
    }

    private static List<byte[]> scanFields(String namespace, String set, byte[] pidArray) {
        List<byte[]> fields = new ArrayList<>();
        fields.add(field(FIELD_NAMESPACE, namespace));
        if (set != null) {
            fields.add(field(FIELD_SET, set));
        }
        if (pidArray != null) {
            fields.add(field(FIELD_PID_ARRAY, pidArray));
        }
        return fields;
    }

    private static byte[] scan(List<byte[]> fields) {
        return asMsg(INFO1_READ, 0, INFO3_PARTITION_DONE, fields, List.of());
    }

    /** Sends the request and checks the reply is one error as_msg without LAST; the connection stays usable. */
    private static void assertRejected(byte[] request, int resultCode) throws IOException {
        try (MalformedWire wire = connect(0)) {
            List<MalformedWire.Msg> reply = wire.request(request);
            assertThat(reply).as("messages in the reply").hasSize(1);
            MalformedWire.Msg msg = reply.get(0);
            assertThat(msg.resultCode).as("result code").isEqualTo(resultCode);
            assertThat(msg.info3 & INFO3_LAST).as("an error reply carries no INFO3_LAST").isZero();
            assertThat(msg.fieldTypes).isEmpty();
            assertThat(msg.opCount).isZero();
            assertThat(wire.info("status\n")).isEqualTo("status\tok\n");
        }
    }

    /** Partition ids that node {@code index} masters, from the client's partition map. */
    private static int[] ownedBy(int index) {
        NodeIdentity node = CLUSTER.embedded().nodes().get(index);
        Partitions parts = CLUSTER.client().getCluster().partitionMap.get(NS);
        List<Integer> owned = new ArrayList<>();
        for (int p = 0; p < 4096; p++) {
            if (parts.replicas[0].get(p) != null && parts.replicas[0].get(p).getName().equals(node.name())) {
                owned.add(p);
            }
        }
        return owned.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] allPids() {
        int[] all = new int[4096];
        Arrays.setAll(all, i -> i);
        return all;
    }

    @Test
    void unknownNamespaceIsAnsweredWith20() throws IOException {
        assertRejected(scan(scanFields("nosuch_ns", SET, pids(1, 2))), 20);
    }

    @Test
    void missingNamespaceFieldIsAnsweredWith20() throws IOException {
        assertRejected(scan(List.of(field(FIELD_PID_ARRAY, pids(1)))), 20);
    }

    @Test
    void scanWithoutPartitionDoneFlagIsUnsupported() throws IOException {
        assertRejected(asMsg(INFO1_READ, 0, 0, scanFields(NS, SET, pids(1)), List.of()), 16);
    }

    @Test
    void scanWithNeitherPidNorDigestArrayIsUnsupported() throws IOException {
        assertRejected(scan(scanFields(NS, SET, null)), 16);
    }

    @Test
    void duplicatePartitionIdIsAParameterError() throws IOException {
        assertRejected(scan(scanFields(NS, SET, pids(7, 9, 7))), 4);
    }

    @Test
    void emptyPartitionIdArrayIsAParameterError() throws IOException {
        assertRejected(scan(scanFields(NS, SET, new byte[0])), 4);
    }

    @Test
    void partitionIdOutOfRangeIsAParameterError() throws IOException {
        assertRejected(scan(scanFields(NS, SET, pids(4096))), 4);
    }

    @Test
    void setNameOf64BytesIsAParameterError() throws IOException {
        assertRejected(scan(scanFields(NS, "s".repeat(64), pids(1))), 4);
    }

    @Test
    void recordsPerSecondFieldNotFourBytesIsAParameterError() throws IOException {
        List<byte[]> fields = scanFields(NS, SET, pids(1));
        fields.add(field(FIELD_RPS, new byte[] {0, 10}));
        assertRejected(scan(fields), 4);
    }

    @Test
    void socketTimeoutFieldNotFourBytesIsAParameterError() throws IOException {
        List<byte[]> fields = scanFields(NS, SET, pids(1));
        fields.add(field(FIELD_SOCKET_TIMEOUT, new byte[] {0, 0, 0, 0, 0, 100}));
        assertRejected(scan(fields), 4);
    }

    @Test
    void recordsPerSecondOnAShortQueryIsAParameterError() throws IOException {
        List<byte[]> fields = scanFields(NS, SET, pids(1));
        fields.add(field(FIELD_RPS, ByteBuffer.allocate(4).putInt(100).array()));
        assertRejected(asMsg(INFO1_READ | INFO1_SHORT_QUERY, 0, INFO3_PARTITION_DONE, fields, List.of()), 4);
    }

    @Test
    void nonReadProjectionOpIsAParameterError() throws IOException {
        byte[] writeOp = readOp("a");
        writeOp[4] = 2; // WRITE
        assertRejected(asMsg(INFO1_READ, 0, INFO3_PARTITION_DONE, scanFields(NS, SET, pids(1)),
                List.of(writeOp)), 4);
    }

    @Test
    void overlongBinNameInProjectionIsAParameterError() throws IOException {
        assertRejected(asMsg(INFO1_READ, 0, INFO3_PARTITION_DONE, scanFields(NS, SET, pids(1)),
                List.of(readOp("bin_name_of_17_b"))), 4);
    }

    @Test
    void unknownSetGivesANormalFinAndNothingElse() throws IOException {
        int[] owned = ownedBy(0);
        assertThat(owned).isNotEmpty();
        try (MalformedWire wire = connect(0)) {
            List<MalformedWire.Msg> reply = wire.request(scan(scanFields(NS, "nosuch_set_x", pids(owned))));
            assertThat(reply).hasSize(1);
            assertThat(reply.get(0).info3 & INFO3_LAST).isEqualTo(INFO3_LAST);
            assertThat(reply.get(0).resultCode).isZero();
        }
    }

    @Test
    void partitionsTheNodeDoesNotOwnGetPidDoneWithUnavailable() throws IOException {
        Set<Integer> owned = Arrays.stream(ownedBy(1)).boxed().collect(Collectors.toSet());
        try (MalformedWire wire = connect(1)) {
            List<MalformedWire.Msg> reply = wire.request(scan(scanFields(NS, "nosuch_set_y", pids(allPids()))));
            MalformedWire.Msg fin = reply.get(reply.size() - 1);
            assertThat(fin.info3).isEqualTo(INFO3_LAST);
            assertThat(fin.resultCode).isZero();
            Set<Integer> reported = new HashSet<>();
            for (MalformedWire.Msg msg : reply.subList(0, reply.size() - 1)) {
                assertThat(msg.info3).as("pid-done flag only").isEqualTo(INFO3_PARTITION_DONE);
                assertThat(msg.resultCode).as("AS_ERR_UNAVAILABLE").isEqualTo(11);
                assertThat(msg.fieldTypes).isEmpty();
                assertThat(msg.opCount).isZero();
                assertThat(reported.add(msg.generation)).as("pid %d reported once", msg.generation).isTrue();
            }
            Set<Integer> expected = new HashSet<>();
            for (int p = 0; p < 4096; p++) {
                if (!owned.contains(p)) {
                    expected.add(p);
                }
            }
            assertThat(reported).isEqualTo(expected);
        }
    }

    @Test
    void recordMessagesCarryNamespaceDigestSetAndKeyInThatOrder() throws IOException {
        int node = 2;
        try (MalformedWire wire = connect(node)) {
            List<MalformedWire.Msg> reply = wire.request(scan(scanFields(NS, SET, pids(ownedBy(node)))));
            List<MalformedWire.Msg> records = records(reply);
            assertThat(records).isNotEmpty();
            for (MalformedWire.Msg msg : records) {
                assertThat(msg.fieldTypes).containsExactly(FIELD_NAMESPACE, FIELD_DIGEST, FIELD_SET, FIELD_KEY);
                assertThat(new String(msg.field(FIELD_NAMESPACE))).isEqualTo(NS);
                assertThat(new String(msg.field(FIELD_SET))).isEqualTo(SET);
                assertThat(msg.field(FIELD_DIGEST)).hasSize(20);
                assertThat(msg.field(FIELD_KEY)[0]).as("integer key particle type").isEqualTo((byte) 1);
                assertThat(msg.info1).isZero();
                assertThat(msg.opCount).isEqualTo(2);
                assertThat(msg.generation).isEqualTo(1);
                assertThat(msg.recordTtl).as("void time of a record that never expires").isZero();
                long id = ByteBuffer.wrap(msg.field(FIELD_KEY), 1, 8).getLong();
                assertThat(msg.field(FIELD_DIGEST)).isEqualTo(new Key(NS, SET, id).digest);
            }
        }
    }

    @Test
    void noBinDataRecordsHaveTheGetNoBinsFlagAndNoOps() throws IOException {
        int node = 0;
        byte[] request = asMsg(INFO1_READ | INFO1_NOBINDATA, 0, INFO3_PARTITION_DONE,
                scanFields(NS, SET, pids(ownedBy(node))), List.of());
        try (MalformedWire wire = connect(node)) {
            List<MalformedWire.Msg> records = records(wire.request(request));
            assertThat(records).isNotEmpty();
            for (MalformedWire.Msg msg : records) {
                assertThat(msg.info1).as("AS_MSG_INFO1_GET_NO_BINS").isEqualTo(INFO1_NOBINDATA);
                assertThat(msg.opCount).isZero();
                assertThat(msg.generation).isEqualTo(1);
            }
        }
    }

    @Test
    void everyRecordIsSentByTheNodeThatOwnsItsPartition() throws IOException {
        Set<Long> seen = new HashSet<>();
        for (int node = 0; node < 3; node++) {
            try (MalformedWire wire = connect(node)) {
                List<MalformedWire.Msg> reply = wire.request(scan(scanFields(NS, SET, pids(allPids()))));
                assertThat(reply.get(reply.size() - 1).resultCode).isZero();
                Set<Integer> owned = Arrays.stream(ownedBy(node)).boxed().collect(Collectors.toSet());
                for (MalformedWire.Msg msg : records(reply)) {
                    assertThat(owned).contains(Partition.getPartitionId(msg.field(FIELD_DIGEST)));
                    assertThat(seen.add(ByteBuffer.wrap(msg.field(FIELD_KEY), 1, 8).getLong())).isTrue();
                }
            }
        }
        assertThat(seen).hasSize(RECORDS);
    }

    private static List<MalformedWire.Msg> records(List<MalformedWire.Msg> reply) {
        MalformedWire.Msg fin = reply.get(reply.size() - 1);
        assertThat(fin.info3 & INFO3_LAST).as("reply ends with a LAST message").isEqualTo(INFO3_LAST);
        assertThat(fin.resultCode).isZero();
        return reply.stream()
                .filter(m -> (m.info3 & (INFO3_LAST | INFO3_PARTITION_DONE)) == 0)
                .collect(Collectors.toList());
    }
}
