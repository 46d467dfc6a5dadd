package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.PartitionStatus;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walk order and resume within a partition, as as_index_reduce_from walks it on a real server:
 * records of one partition arrive in descending unsigned digest order, and a resume digest
 * (PartitionFilter.after, or the digest a PartitionStatus keeps) returns exactly the records whose
 * digest is strictly smaller, the resume digest itself excluded.
 */
class ScanResumeITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final String NS = "test";
    private static final String SET = AerospikeTestCluster.uniqueSet("scanresume");
    private static final int RECORDS = 20_000;
    private static final HexFormat HEX = HexFormat.of();

    /** The partition holding the most records, and its digests in walk order (descending, unsigned). */
    private static int fullest;
    private static List<byte[]> walk;

    @BeforeAll
    static void writeRecords() {
        AerospikeClient client = CLUSTER.client();
        Map<Integer, List<byte[]>> byPartition = new TreeMap<>();
        for (int i = 0; i < RECORDS; i++) {
            Key key = new Key(NS, SET, i);
            client.put(null, key, new Bin("id", i));
            byPartition.computeIfAbsent(Partition.getPartitionId(key.digest), p -> new ArrayList<>()).add(key.digest);
        }
        fullest = byPartition.entrySet().stream()
                .max(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size())))
                .orElseThrow().getKey();
        walk = new ArrayList<>(byPartition.get(fullest));
        walk.sort((a, b) -> Arrays.compareUnsigned(b, a));
    }

    @AfterEach
    void noScanLeftOpen() {
        if (CLUSTER.isEmbedded()) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (CLUSTER.embedded().openScans() != 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(5_000_000L);
            }
            assertThat(CLUSTER.embedded().openScans()).as("scans still open on the server").isZero();
        }
    }

    private static List<String> scanDigests(ScanPolicy policy, PartitionFilter filter) {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        CLUSTER.client().scanPartitions(policy, filter, NS, SET, (k, r) -> out.add(HEX.formatHex(k.digest)));
        return new ArrayList<>(out);
    }

    private static List<String> hex(List<byte[]> digests) {
        return digests.stream().map(HEX::formatHex).collect(Collectors.toList());
    }

    /** The stored digests of the fullest partition that are strictly smaller than {@code resume}, in walk order. */
    private static List<String> after(byte[] resume) {
        return hex(walk.stream().filter(d -> Arrays.compareUnsigned(d, resume) < 0).collect(Collectors.toList()));
    }

    @Test
    void fullestPartitionHasEnoughRecordsToTestResume() {
        assertThat(walk.size()).as("records in partition %d", fullest).isGreaterThanOrEqualTo(8);
        assertThat(walk.stream().map(Partition::getPartitionId).distinct()).containsExactly(fullest);
    }

    @Test
    void recordsOfOnePartitionArriveInDescendingUnsignedDigestOrder() {
        assertThat(scanDigests(new ScanPolicy(), PartitionFilter.id(fullest))).isEqualTo(hex(walk));
    }

    @Test
    void queryOfOnePartitionReturnsTheSameWalkOrder() {
        Statement statement = new Statement();
        statement.setNamespace(NS);
        statement.setSetName(SET);
        List<String> digests = new ArrayList<>();
        try (RecordSet rs = CLUSTER.client().queryPartitions(new QueryPolicy(), statement,
                PartitionFilter.id(fullest))) {
            while (rs.next()) {
                digests.add(HEX.formatHex(rs.getKey().digest));
            }
        }
        assertThat(digests).isEqualTo(hex(walk));
    }

    @Test
    void everyPartitionOfARangeIsWalkedInDescendingOrder() {
        List<byte[]> digests = Collections.synchronizedList(new ArrayList<>());
        ScanPolicy policy = new ScanPolicy();
        policy.concurrentNodes = false;
        CLUSTER.client().scanPartitions(policy, PartitionFilter.range(0, 256), NS, SET, (k, r) -> digests.add(k.digest));
        Map<Integer, List<byte[]>> byPartition = digests.stream()
                .collect(Collectors.groupingBy(Partition::getPartitionId, TreeMap::new, Collectors.toList()));
        assertThat(byPartition).isNotEmpty();
        byPartition.forEach((pid, list) -> {
            for (int i = 1; i < list.size(); i++) {
                assertThat(Arrays.compareUnsigned(list.get(i - 1), list.get(i)))
                        .as("partition %d position %d", pid, i).isPositive();
            }
        });
    }

    @Test
    void afterKeyResumesStrictlyAfterThatKeysDigest() {
        for (int index : new int[] {0, walk.size() / 2, walk.size() - 1}) {
            byte[] resume = walk.get(index);
            List<String> expected = hex(walk.subList(index + 1, walk.size()));
            assertThat(after(resume)).isEqualTo(expected);
            assertThat(scanDigests(new ScanPolicy(), PartitionFilter.after(resume)))
                    .as("resume after position %d of %d", index, walk.size()).isEqualTo(expected);
        }
    }

    @Test
    void afterKeyObjectUsesItsDigest() {
        int id = findIdWithDigest(walk.get(walk.size() / 3));
        Key key = new Key(NS, SET, id);
        assertThat(scanDigests(new ScanPolicy(), PartitionFilter.after(key))).isEqualTo(after(key.digest));
    }

    @Test
    void resumeDigestThatIsNoRecordReturnsEveryRecordWithASmallerDigest() {
        Random random = new Random(0x5CA11L);
        for (int round = 0; round < 6; round++) {
            byte[] resume = new byte[20];
            random.nextBytes(resume);
            resume[0] = (byte) (fullest & 0xFF);
            resume[1] = (byte) ((resume[1] & 0xF0) | ((fullest >> 8) & 0x0F));
            assertThat(Partition.getPartitionId(resume)).isEqualTo(fullest);
            assertThat(scanDigests(new ScanPolicy(), PartitionFilter.after(resume)))
                    .as("resume after %s", HEX.formatHex(resume)).isEqualTo(after(resume));
        }
        byte[] justBelow = walk.get(2).clone();
        decrement(justBelow);
        assertThat(scanDigests(new ScanPolicy(), PartitionFilter.after(justBelow)))
                .isEqualTo(hex(walk.subList(3, walk.size())));
    }

    @Test
    void partitionStatusDigestResumesPageAfterPage() {
        ScanPolicy policy = new ScanPolicy();
        policy.maxRecords = 3;
        PartitionFilter filter = PartitionFilter.id(fullest);
        List<String> all = new ArrayList<>();
        for (int pages = 0; !filter.isDone(); pages++) {
            assertThat(pages).as("pages").isLessThanOrEqualTo(walk.size());
            List<String> page = scanDigests(policy, filter);
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            all.addAll(page);
            PartitionStatus status = filter.getPartitions()[0];
            assertThat(status.id).isEqualTo(fullest);
            if (!page.isEmpty()) {
                assertThat(HEX.formatHex(status.digest)).as("resume digest = last record read")
                        .isEqualTo(page.get(page.size() - 1));
            }
        }
        assertThat(all).isEqualTo(hex(walk));
    }

    @Test
    void savedPartitionStatusResumesInANewFilter() {
        ScanPolicy policy = new ScanPolicy();
        policy.maxRecords = 4;
        PartitionFilter first = PartitionFilter.id(fullest);
        List<String> head = scanDigests(policy, first);
        assertThat(head).isEqualTo(hex(walk.subList(0, 4)));

        PartitionStatus saved = new PartitionStatus(fullest);
        saved.digest = first.getPartitions()[0].digest.clone();
        PartitionFilter resumed = PartitionFilter.id(fullest);
        resumed.setPartitions(new PartitionStatus[] {saved});
        assertThat(scanDigests(new ScanPolicy(), resumed)).isEqualTo(hex(walk.subList(4, walk.size())));
        assertThat(resumed.isDone()).isTrue();
    }

    @Test
    void rescanOfAFinishedFilterResumesAfterItsLastDigest() {
        PartitionFilter filter = PartitionFilter.id(fullest);
        assertThat(scanDigests(new ScanPolicy(), filter)).isEqualTo(hex(walk));
        byte[] last = filter.getPartitions()[0].digest;
        assertThat(HEX.formatHex(last)).isEqualTo(HEX.formatHex(walk.get(walk.size() - 1)));
        assertThat(scanDigests(new ScanPolicy(), filter)).as("nothing below the smallest digest").isEmpty();
    }

    private static int findIdWithDigest(byte[] digest) {
        for (int i = 0; i < RECORDS; i++) {
            if (Arrays.equals(new Key(NS, SET, i).digest, digest)) {
                return i;
            }
        }
        throw new AssertionError("no id has digest " + HEX.formatHex(digest));
    }

    /** Subtracts one from a 20-byte big-endian unsigned number (the last byte first). */
    private static void decrement(byte[] digest) {
        for (int i = digest.length - 1; i >= 0; i--) {
            digest[i]--;
            if (digest[i] != (byte) 0xFF) {
                return;
            }
        }
    }
}
