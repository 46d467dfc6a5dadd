package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.KeyRecord;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Partition scans and primary-index queries (no index filter) through the real client, with the
 * outcomes of an Aerospike 8 server: every record exactly once, partition filters, set filter,
 * bin projection, metadata-only records, filter expressions, paging with maxRecords and
 * records-per-second throttling.
 */
class ScanPartitionITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final String NS = "test";
    private static final String SET = AerospikeTestCluster.uniqueSet("scanpart");
    private static final String OTHER_SET = AerospikeTestCluster.uniqueSet("scanother");
    private static final int RECORDS = 1000;
    private static final int OTHER_RECORDS = 50;

    @BeforeAll
    static void writeRecords() {
        AerospikeClient client = CLUSTER.client();
        WritePolicy policy = new WritePolicy();
        policy.sendKey = true;
        for (int i = 0; i < RECORDS; i++) {
            client.put(policy, new Key(NS, SET, i), new Bin("id", i), new Bin("v", i % 100),
                    new Bin("s", "value-" + i));
        }
        for (int i = 0; i < OTHER_RECORDS; i++) {
            client.put(policy, new Key(NS, OTHER_SET, i), new Bin("id", i), new Bin("v", 1000 + i));
        }
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

    private static List<KeyRecord> scan(ScanPolicy policy, PartitionFilter filter, String set, String... bins) {
        List<KeyRecord> out = Collections.synchronizedList(new ArrayList<>());
        CLUSTER.client().scanPartitions(policy, filter, NS, set, (k, r) -> out.add(new KeyRecord(k, r)), bins);
        return new ArrayList<>(out);
    }

    private static List<KeyRecord> query(QueryPolicy policy, Statement statement, PartitionFilter filter) {
        List<KeyRecord> out = new ArrayList<>();
        try (RecordSet rs = CLUSTER.client().queryPartitions(policy, statement, filter)) {
            while (rs.next()) {
                out.add(new KeyRecord(rs.getKey(), rs.getRecord()));
            }
        }
        return out;
    }

    private static Statement statement(String set, String... bins) {
        Statement statement = new Statement();
        statement.setNamespace(NS);
        statement.setSetName(set);
        if (bins.length > 0) {
            statement.setBinNames(bins);
        }
        return statement;
    }

    private static List<Integer> sortedIds(List<KeyRecord> records) {
        return records.stream().map(kr -> kr.record.getInt("id")).sorted().collect(Collectors.toList());
    }

    private static List<Integer> idsWhere(IntPredicate predicate) {
        return IntStream.range(0, RECORDS).filter(predicate).boxed().collect(Collectors.toList());
    }

    private static int partitionOf(int id) {
        return Partition.getPartitionId(new Key(NS, SET, id).digest);
    }

    @Test
    void scanOfAllPartitionsReturnsEveryRecordExactlyOnce() {
        List<KeyRecord> records = scan(new ScanPolicy(), PartitionFilter.all(), SET);
        assertThat(sortedIds(records)).isEqualTo(idsWhere(i -> true));
        for (KeyRecord kr : records) {
            int id = kr.record.getInt("id");
            assertThat(kr.key.setName).isEqualTo(SET);
            assertThat(kr.key.digest).isEqualTo(new Key(NS, SET, id).digest);
            assertThat(kr.key.userKey).as("stored user key is returned").isNotNull();
            assertThat(kr.key.userKey.toLong()).isEqualTo(id);
            assertThat(kr.record.bins).containsOnlyKeys("id", "v", "s");
            assertThat(kr.record.getInt("v")).isEqualTo(id % 100);
            assertThat(kr.record.getString("s")).isEqualTo("value-" + id);
            assertThat(kr.record.generation).isEqualTo(1);
        }
    }

    @Test
    void queryOfAllPartitionsReturnsEveryRecordExactlyOnce() {
        List<KeyRecord> records = query(new QueryPolicy(), statement(SET), PartitionFilter.all());
        assertThat(sortedIds(records)).isEqualTo(idsWhere(i -> true));
        assertThat(records).allSatisfy(kr -> assertThat(kr.key.setName).isEqualTo(SET));
    }

    @Test
    void partitionRangeReturnsOnlyRecordsOfThosePartitions() {
        int begin = 1000;
        int count = 700;
        IntPredicate inRange = i -> partitionOf(i) >= begin && partitionOf(i) < begin + count;
        List<KeyRecord> scanned = scan(new ScanPolicy(), PartitionFilter.range(begin, count), SET);
        assertThat(idsWhere(inRange)).isNotEmpty();
        assertThat(sortedIds(scanned)).isEqualTo(idsWhere(inRange));
        List<KeyRecord> queried = query(new QueryPolicy(), statement(SET), PartitionFilter.range(begin, count));
        assertThat(sortedIds(queried)).isEqualTo(idsWhere(inRange));
    }

    @Test
    void singlePartitionReturnsOnlyThatPartition() {
        Map<Integer, Long> perPartition = IntStream.range(0, RECORDS).boxed()
                .collect(Collectors.groupingBy(ScanPartitionITCase::partitionOf, TreeMap::new, Collectors.counting()));
        int fullest = perPartition.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Integer> expected = idsWhere(i -> partitionOf(i) == fullest);
        assertThat(sortedIds(scan(new ScanPolicy(), PartitionFilter.id(fullest), SET))).isEqualTo(expected);
        assertThat(sortedIds(query(new QueryPolicy(), statement(SET), PartitionFilter.id(fullest))))
                .isEqualTo(expected);
        int empty = IntStream.range(0, 4096).filter(p -> !perPartition.containsKey(p)).findFirst().orElseThrow();
        assertThat(scan(new ScanPolicy(), PartitionFilter.id(empty), SET)).isEmpty();
    }

    @Test
    void setFilterExcludesRecordsOfOtherSets() {
        List<KeyRecord> other = scan(new ScanPolicy(), PartitionFilter.all(), OTHER_SET);
        assertThat(other).hasSize(OTHER_RECORDS);
        assertThat(other).allSatisfy(kr -> {
            assertThat(kr.key.setName).isEqualTo(OTHER_SET);
            assertThat(kr.record.getInt("v")).isGreaterThanOrEqualTo(1000);
        });
        List<KeyRecord> mine = scan(new ScanPolicy(), PartitionFilter.all(), SET);
        assertThat(mine).allSatisfy(kr -> assertThat(kr.record.getInt("v")).isLessThan(100));
    }

    @Test
    void unknownSetReturnsNothingAndNoError() {
        String unknown = AerospikeTestCluster.uniqueSet("neverwritten");
        assertThat(scan(new ScanPolicy(), PartitionFilter.all(), unknown)).isEmpty();
        assertThat(query(new QueryPolicy(), statement(unknown), PartitionFilter.all())).isEmpty();
    }

    @Test
    void binListReturnsOnlyTheChosenBins() {
        List<KeyRecord> scanned = scan(new ScanPolicy(), PartitionFilter.all(), SET, "v");
        assertThat(scanned).hasSize(RECORDS);
        assertThat(scanned).allSatisfy(kr -> assertThat(kr.record.bins).containsOnlyKeys("v"));
        List<KeyRecord> queried = query(new QueryPolicy(), statement(SET, "id", "s"), PartitionFilter.all());
        assertThat(sortedIds(queried)).isEqualTo(idsWhere(i -> true));
        assertThat(queried).allSatisfy(kr -> {
            assertThat(kr.record.bins).containsOnlyKeys("id", "s");
            assertThat(kr.record.getString("s")).isEqualTo("value-" + kr.record.getInt("id"));
        });
    }

    @Test
    void binListNamingNoExistingBinSkipsEveryRecord() {
        assertThat(scan(new ScanPolicy(), PartitionFilter.all(), SET, "nosuchbin")).isEmpty();
    }

    @Test
    void withoutBinDataOnlyMetadataIsReturned() {
        ScanPolicy policy = new ScanPolicy();
        policy.includeBinData = false;
        List<KeyRecord> records = scan(policy, PartitionFilter.all(), SET);
        assertThat(records).hasSize(RECORDS);
        assertThat(records).allSatisfy(kr -> {
            assertThat(kr.record.bins).as("no bins").isNullOrEmpty();
            assertThat(kr.record.generation).isEqualTo(1);
            assertThat(kr.key.digest).hasSize(20);
        });
        long distinct = records.stream().map(kr -> new String(kr.key.digest, java.nio.charset.StandardCharsets.ISO_8859_1))
                .distinct().count();
        assertThat(distinct).isEqualTo(RECORDS);
    }

    @Test
    void filterExpressionReturnsOnlyMatchingRecords() {
        ScanPolicy policy = new ScanPolicy();
        policy.filterExp = Exp.build(Exp.ge(Exp.intBin("v"), Exp.val(90)));
        assertThat(sortedIds(scan(policy, PartitionFilter.all(), SET))).isEqualTo(idsWhere(i -> i % 100 >= 90));
        QueryPolicy queryPolicy = new QueryPolicy();
        queryPolicy.filterExp = Exp.build(Exp.eq(Exp.stringBin("s"), Exp.val("value-7")));
        assertThat(sortedIds(query(queryPolicy, statement(SET), PartitionFilter.all()))).containsExactly(7);
    }

    @Test
    void maxRecordsPagesResumeUntilEveryRecordIsReadExactlyOnce() {
        ScanPolicy policy = new ScanPolicy();
        policy.maxRecords = 100;
        PartitionFilter filter = PartitionFilter.all();
        List<Integer> all = new ArrayList<>();
        int pages = 0;
        while (!filter.isDone()) {
            List<KeyRecord> page = scan(policy, filter, SET);
            assertThat(page.size()).as("records in page %d", pages).isLessThanOrEqualTo(100);
            page.forEach(kr -> all.add(kr.record.getInt("id")));
            pages++;
            assertThat(pages).as("pages before the filter is done").isLessThanOrEqualTo(RECORDS / 10);
        }
        Collections.sort(all);
        assertThat(all).isEqualTo(idsWhere(i -> true));
        assertThat(pages).isGreaterThanOrEqualTo(RECORDS / 100);
    }

    @Test
    void maxRecordsPagesOfAQueryResumeUntilDone() {
        QueryPolicy policy = new QueryPolicy();
        Statement statement = statement(SET);
        statement.setMaxRecords(250);
        PartitionFilter filter = PartitionFilter.range(0, 2048);
        List<Integer> all = new ArrayList<>();
        for (int pages = 0; !filter.isDone(); pages++) {
            assertThat(pages).isLessThan(RECORDS);
            List<KeyRecord> page = query(policy, statement, filter);
            assertThat(page.size()).isLessThanOrEqualTo(250);
            page.forEach(kr -> all.add(kr.record.getInt("id")));
        }
        Collections.sort(all);
        assertThat(all).isEqualTo(idsWhere(i -> partitionOf(i) < 2048));
    }

    @Test
    void recordsPerSecondThrottlesTheScan() {
        String set = AerospikeTestCluster.uniqueSet("scanrps");
        Random random = new Random(400L);
        for (int i = 0; i < 200; i++) {
            CLUSTER.client().put(null, new Key(NS, set, i), new Bin("id", i), new Bin("r", random.nextLong()));
        }
        ScanPolicy policy = new ScanPolicy();
        policy.recordsPerSecond = 400; // per node, so nodes one after another add up to ~0.5 s
        policy.concurrentNodes = false;
        long start = System.nanoTime();
        List<KeyRecord> records = scan(policy, PartitionFilter.all(), set);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
        assertThat(records).hasSize(200);
        assertThat(elapsedMillis).as("scan of 200 records at 400 rps").isGreaterThanOrEqualTo(300);
    }

    @Test
    void unknownNamespaceFailsWithCode20() {
        AerospikeException scanError = assertThrows(AerospikeException.class, () -> CLUSTER.client()
                .scanPartitions(new ScanPolicy(), PartitionFilter.all(), "nosuch_ns", SET, (k, r) -> { }));
        assertThat(scanError.getResultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE);
        Statement statement = new Statement();
        statement.setNamespace("nosuch_ns");
        statement.setSetName(SET);
        AerospikeException queryError = assertThrows(AerospikeException.class,
                () -> query(new QueryPolicy(), statement, PartitionFilter.all()));
        assertThat(queryError.getResultCode()).isEqualTo(ResultCode.INVALID_NAMESPACE);
    }

    @Test
    void callbackThatTerminatesTheScanStopsItAndTheNextScanIsWhole() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ScanPolicy policy = new ScanPolicy();
        policy.concurrentNodes = false;
        assertThrows(AerospikeException.ScanTerminated.class, () -> CLUSTER.client().scanPartitions(policy,
                PartitionFilter.all(), NS, SET, (k, r) -> {
                    if (calls.incrementAndGet() == 10) {
                        throw new AerospikeException.ScanTerminated();
                    }
                }));
        assertThat(calls.get()).isEqualTo(10);
        assertThat(sortedIds(scan(new ScanPolicy(), PartitionFilter.all(), SET))).isEqualTo(idsWhere(i -> true));
    }

    @Test
    void scanRecordsCarryTheSameMetadataAsReads() {
        List<KeyRecord> records = scan(new ScanPolicy(), PartitionFilter.range(0, 512), SET);
        assertThat(records).isNotEmpty();
        for (KeyRecord kr : records) {
            Record read = CLUSTER.client().get(null, kr.key);
            assertThat(read).isNotNull();
            assertThat(kr.record.generation).isEqualTo(read.generation);
            assertThat(kr.record.expiration).isEqualTo(read.expiration);
            assertThat(kr.record.bins).isEqualTo(read.bins);
        }
    }
}
