package io.aerobackup.source.rawscan;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.PartitionStatus;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ClientRecords;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.source.reader.ResumingScan;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The raw scan (bins as particle bytes, parsed from the response buffer) against the client's
 * own partition scan plus {@link ClientRecords}: same records, same bins, same particle bytes,
 * for every particle type, key type, set and TTL; and the scan's resume-after-digest and record
 * limit. Runs on the embedded server, or on a real one with AEROSPIKE_HOSTS.
 */
class RawScanITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private static final String NS = "test";
    private static final String TAG_BIN = "rawtag";
    private static final String TAG = "run-" + Long.toHexString(System.nanoTime());
    private static final String SET = AerospikeTestCluster.uniqueSet("rawscan");
    private static final String OTHER_SET = AerospikeTestCluster.uniqueSet("rawscan2");
    private static final String BULK_SET = AerospikeTestCluster.uniqueSet("rawbulk");
    private static final int BULK_RECORDS = 20_000;
    /** The bulk set's partitions the resume test scans: about 80 records. */
    private static final int RANGE_BEGIN = 1000;
    private static final int RANGE_COUNT = 16;

    private static int typedRecords;

    @BeforeAll
    static void writeRecords() {
        AerospikeClient client = CLUSTER.client();
        Random random = new Random(42);
        WritePolicy keyed = new WritePolicy();
        keyed.sendKey = true;
        WritePolicy unkeyed = new WritePolicy();
        byte[] blob = new byte[300];
        random.nextBytes(blob);
        List<Object> list = new ArrayList<>(List.of(1L, -70_000L, "two", 3.25d, true, new byte[] {9, 8}, List.of(1L, 2L)));
        Map<Object, Object> unordered = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            unordered.put("k" + random.nextInt(1_000_000), random.nextLong());
        }
        unordered.put(5L, List.of("nested", 2L));
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            sorted.put("key" + random.nextInt(1_000_000), i % 2 == 0 ? (Object) random.nextDouble() : "v" + i);
        }
        // A real server refuses a key-ordered map whose entries are not sorted.
        Map<Object, Object> flagged = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            flagged.put((long) random.nextInt(1_000_000), "f" + i);
        }
        String point = "{\"type\":\"Point\",\"coordinates\":[-122.25,37.5]}";
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[-122.5,37.0],[-121.0,37.0],"
                + "[-121.0,38.0],[-122.5,38.0],[-122.5,37.0]]]}";

        put(keyed, new Key(NS, SET, 1L), new Bin("min", Long.MIN_VALUE), new Bin("max", Long.MAX_VALUE),
                new Bin("zero", 0L), new Bin("neg", -1L));
        put(keyed, new Key(NS, SET, "doubles"), new Bin("d", 1.5d), new Bin("negzero", -0.0d),
                new Bin("nan", Double.NaN), new Bin("inf", Double.NEGATIVE_INFINITY));
        put(keyed, new Key(NS, SET, new byte[] {1, 2, 3, 0, -1}),
                new Bin("uni", "h\u00e9llo \u65e5\u672c\u8a9e \uD83D\uDE80 \u0645\u0631\u062D\u0628\u0627"),
                new Bin("empty", ""));
        put(keyed, new Key(NS, null, "blobs-" + TAG), new Bin("b", blob), new Bin("emptyb", new byte[0]));
        put(unkeyed, new Key(NS, null, "bools-" + TAG), new Bin("t", true), new Bin("f", false));
        put(unkeyed, new Key(NS, SET, "list"), new Bin("l", list), new Bin("emptyl", new ArrayList<>()));
        put(keyed, new Key(NS, SET, 77L), new Bin("umap", unordered), new Bin("tree", sorted),
                new Bin("flagged", new Value.MapValue(flagged, MapOrder.KEY_ORDERED)));
        put(keyed, new Key(NS, OTHER_SET, "geo"), new Bin("pt", Value.getAsGeoJSON(point)),
                new Bin("poly", Value.getAsGeoJSON(polygon)));
        WritePolicy ttl = new WritePolicy(keyed);
        ttl.expiration = 86_400;
        put(ttl, new Key(NS, OTHER_SET, "ttl"), new Bin("i", 12L), new Bin("s", "expires"));
        put(unkeyed, new Key(NS, OTHER_SET, -5L), new Bin("i", 5L), new Bin("l", List.of("x")),
                new Bin("m", Map.of("a", 1L)), new Bin("g", Value.getAsGeoJSON(point)), new Bin("b", false));
        typedRecords = 10;
        writeBulk(client);
    }

    private static void put(WritePolicy policy, Key key, Bin... bins) {
        Bin[] all = java.util.Arrays.copyOf(bins, bins.length + 1);
        all[bins.length] = new Bin(TAG_BIN, TAG);
        CLUSTER.client().put(policy, key, all);
    }

    private static void writeBulk(AerospikeClient client) {
        for (int first = 0; first < BULK_RECORDS; first += 1000) {
            List<BatchRecord> batch = new ArrayList<>(1000);
            for (int i = first; i < first + 1000; i++) {
                batch.add(new BatchWrite(new Key(NS, BULK_SET, i), Operation.array(
                        Operation.put(new Bin("i", (long) i)), Operation.put(new Bin("s", "value " + i)))));
            }
            assertThat(client.operate(null, batch)).as("bulk batch write").isTrue();
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

    @Test
    void everyParticleTypeMatchesTheClientScan() throws IOException {
        ScanOptions options = ScanOptions.builder(NS).filterExpression(Exp.build(tagFilter()).getBase64()).build();
        Map<String, BackupRecord> raw = rawScan(options, 0, 4096, Map.of(), 0);
        ScanPolicy policy = new ScanPolicy();
        policy.filterExp = Exp.build(tagFilter());
        Map<String, BackupRecord> viaClient = clientScan(policy, PartitionFilter.all(), null);

        assertThat(raw).hasSize(typedRecords);
        assertSameRecords(raw, viaClient);
        // Spot checks that the comparison saw what it should.
        List<BackupRecord> records = new ArrayList<>(raw.values());
        assertThat(records).extracting(BackupRecord::setName).contains(SET, OTHER_SET, null);
        assertThat(records).anySatisfy(r -> assertThat(r.voidTime()).isPositive());
        assertThat(records).filteredOn(r -> r.userKey() != null)
                .extracting(r -> r.userKey().particleType())
                .contains(ParticleTypes.INTEGER, ParticleTypes.STRING, ParticleTypes.BLOB);
        assertThat(records).anySatisfy(r -> assertThat(r.userKey()).isNull());
        assertThat(records.stream().flatMap(r -> r.bins().stream()).map(BackupBin::particleType))
                .contains(ParticleTypes.INTEGER, ParticleTypes.DOUBLE, ParticleTypes.STRING, ParticleTypes.BLOB,
                        ParticleTypes.BOOL, ParticleTypes.LIST, ParticleTypes.MAP, ParticleTypes.GEOJSON);
        BackupBin negZero = bin(records, "negzero");
        assertThat(Double.doubleToRawLongBits((Double) negZero.value())).isEqualTo(Double.doubleToRawLongBits(-0.0d));
        assertThat((Double) bin(records, "nan").value()).isNaN();
        assertThat(bin(records, "pt").value()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[-122.25,37.5]}");
    }

    @Test
    void oneSetAndABinProjectionMatchTheClientScan() throws IOException {
        ScanOptions options = ScanOptions.builder(NS).sets(List.of(OTHER_SET)).bins(List.of("i", "g", "pt")).build();
        Map<String, BackupRecord> raw = rawScan(options, 0, 4096, Map.of(), 0);
        Map<String, BackupRecord> viaClient = clientScan(new ScanPolicy(), PartitionFilter.all(), OTHER_SET,
                "i", "g", "pt");
        assertThat(raw).hasSize(3);
        assertSameRecords(raw, viaClient);
        assertThat(raw.values()).allSatisfy(r -> assertThat(r.bins()).extracting(BackupBin::name)
                .isSubsetOf("i", "g", "pt").isNotEmpty());

        ScanOptions noBins = ScanOptions.builder(NS).sets(List.of(OTHER_SET)).noBins(true).build();
        ScanPolicy headers = new ScanPolicy();
        headers.includeBinData = false;
        Map<String, BackupRecord> rawHeaders = rawScan(noBins, 0, 4096, Map.of(), 0);
        assertThat(rawHeaders).hasSize(3);
        assertSameRecords(rawHeaders, clientScan(headers, PartitionFilter.all(), OTHER_SET));
        assertThat(rawHeaders.values()).allSatisfy(r -> assertThat(r.bins()).isEmpty());
    }

    @Test
    void hllMatchesTheClientScan() throws IOException {
        String set = AerospikeTestCluster.uniqueSet("rawhll");
        byte[] hll = new byte[11 + ((6 + 4) * (1 << 8) + 7) / 8];
        new Random(7).nextBytes(hll);
        hll[0] = 0;
        hll[1] = 8;
        hll[2] = 4;
        try {
            CLUSTER.client().put(null, new Key(NS, set, "hll"), new Bin("h", new Value.HLLValue(hll)));
        } catch (AerospikeException e) {
            assumeThat(false).as("this server does not take HLL values: %s", e.getMessage()).isTrue();
        }
        Map<String, BackupRecord> raw = rawScan(ScanOptions.builder(NS).sets(List.of(set)).build(), 0, 4096,
                Map.of(), 0);
        assertThat(raw).hasSize(1);
        assertSameRecords(raw, clientScan(new ScanPolicy(), PartitionFilter.all(), set));
        BackupBin bin = raw.values().iterator().next().bins().get(0);
        assertThat(bin.particleType()).isEqualTo(ParticleTypes.HLL);
        assertThat(bin.particle()).isEqualTo(hll);
    }

    @Test
    void resumesStrictlyAfterEachPartitionsDigest() throws IOException {
        ScanOptions options = ScanOptions.builder(NS).sets(List.of(BULK_SET)).build();
        List<BackupRecord> full = new ArrayList<>(rawScan(options, RANGE_BEGIN, RANGE_COUNT, Map.of(), 0).values());
        assertThat(full).hasSizeGreaterThan(RANGE_COUNT * 2);
        // Per partition, records in arrival (= server walk) order; resume after each one's first.
        Map<Integer, List<BackupRecord>> byPartition = new TreeMap<>();
        full.forEach(r -> byPartition.computeIfAbsent(r.partitionId(), p -> new ArrayList<>()).add(r));
        Map<Integer, byte[]> resumeAfter = new HashMap<>();
        Map<String, BackupRecord> expected = new LinkedHashMap<>();
        byPartition.forEach((partition, records) -> {
            resumeAfter.put(partition, records.get(0).digest());
            records.subList(1, records.size()).forEach(r -> expected.put(r.digestHex(), r));
        });
        assertThat(expected).isNotEmpty().hasSizeLessThan(full.size());

        Map<String, BackupRecord> resumed = rawScan(options, RANGE_BEGIN, RANGE_COUNT, resumeAfter, 0);
        assertThat(resumed.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertSameRecords(resumed, expected);

        PartitionStatus[] statuses = new PartitionStatus[RANGE_COUNT];
        for (int i = 0; i < RANGE_COUNT; i++) {
            statuses[i] = new PartitionStatus(RANGE_BEGIN + i);
            statuses[i].digest = resumeAfter.get(RANGE_BEGIN + i);
        }
        PartitionFilter filter = PartitionFilter.range(RANGE_BEGIN, RANGE_COUNT);
        filter.setPartitions(statuses);
        assertSameRecords(resumed, clientScan(new ScanPolicy(), filter, BULK_SET));
    }

    @Test
    void maxRecordsLimitsTheScan() throws IOException {
        ScanOptions options = ScanOptions.builder(NS).sets(List.of(BULK_SET)).build();
        Map<String, BackupRecord> limited = rawScan(options, 0, 4096, Map.of(), 25);
        assertThat(limited).hasSize(25);
        assertThat(limited.values()).allSatisfy(r -> assertThat(r.setName()).isEqualTo(BULK_SET));

        // The same through RawScan directly, with the filter's partition status kept for a next page.
        ScanPolicy policy = new ScanPolicy();
        policy.maxRecords = 40;
        PartitionFilter filter = PartitionFilter.all();
        Map<String, BackupRecord> page = new ConcurrentHashMap<>();
        new RawScan(CLUSTER.client().getCluster(), policy, filter, NS, BULK_SET, null,
                r -> page.put(r.digestHex(), r)).run();
        assertThat(page).hasSize(40);
        assertThat(filter.isDone()).isFalse();
        Map<String, BackupRecord> next = new ConcurrentHashMap<>();
        new RawScan(CLUSTER.client().getCluster(), policy, filter, NS, BULK_SET, null,
                r -> next.put(r.digestHex(), r)).run();
        assertThat(next).hasSize(40);
        assertThat(next.keySet()).doesNotContainAnyElementsOf(page.keySet());
    }

    @Test
    void handsRecordsOverInBatchesAndOneByOneWhenRateLimited() {
        List<Integer> sizes = new ArrayList<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        RawScan.inBatches(CLUSTER.client().getCluster(), new ScanPolicy(), PartitionFilter.all(), NS, BULK_SET, null,
                batch -> {
                    synchronized (sizes) {
                        sizes.add(batch.size());
                    }
                    batch.forEach(r -> assertThat(seen.add(r.digestHex())).as("delivered twice").isTrue());
                }).run();
        assertThat(seen).hasSize(BULK_RECORDS);
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(1, RawScan.BATCH_SIZE));
        assertThat(sizes.size()).as("batches for %d records", BULK_RECORDS).isLessThan(BULK_RECORDS / 10);

        ScanPolicy limited = new ScanPolicy();
        limited.recordsPerSecond = 20_000;
        limited.maxRecords = 50;
        List<Integer> slow = new ArrayList<>();
        RawScan.inBatches(CLUSTER.client().getCluster(), limited, PartitionFilter.all(), NS, BULK_SET, null,
                batch -> {
                    synchronized (slow) {
                        slow.add(batch.size());
                    }
                }).run();
        assertThat(slow).as("a rate-limited scan never holds records back").hasSize(50).containsOnly(1);
    }

    @Test
    void stopEndsARunningScan() throws Exception {
        ScanPolicy policy = new ScanPolicy();
        policy.recordsPerSecond = 2000;
        RawScan scan = new RawScan(CLUSTER.client().getCluster(), policy, PartitionFilter.all(), NS, BULK_SET, null,
                r -> { });
        Thread stopper = new Thread(() -> {
            LockSupport.parkNanos(300_000_000L);
            scan.stop();
        });
        stopper.start();
        long start = System.nanoTime();
        try {
            scan.run();
            throw new AssertionError("a stopped scan must not end as complete");
        } catch (AerospikeException.ScanTerminated expected) {
            assertThat(System.nanoTime() - start).as("nanos until the scan ended").isLessThan(5_000_000_000L);
        }
        stopper.join();
    }

    @Test
    void anErrorRowFailsTheScanAsTheClientDoes() {
        ScanPolicy policy = new ScanPolicy();
        CLUSTER.embedded().failNext(1, ResultCode.FAIL_FORBIDDEN);
        assertThatThrownBy(() -> new RawScan(CLUSTER.client().getCluster(), policy, PartitionFilter.all(), NS,
                BULK_SET, null, r -> { }).run())
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.FAIL_FORBIDDEN));
        CLUSTER.embedded().failNext(1, ResultCode.FAIL_FORBIDDEN);
        assertThatThrownBy(() -> clientScan(policy, PartitionFilter.all(), BULK_SET))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.FAIL_FORBIDDEN));
    }

    @Test
    void aServerTimeoutIsRetried() throws IOException {
        CLUSTER.embedded().failNext(1, ResultCode.TIMEOUT);
        ScanOptions options = ScanOptions.builder(NS).sets(List.of(BULK_SET)).build();
        assertThat(rawScan(options, 0, 4096, Map.of(), 0)).hasSize(BULK_RECORDS);
    }

    private static Exp tagFilter() {
        return Exp.eq(Exp.stringBin(TAG_BIN), Exp.val(TAG));
    }

    private static BackupBin bin(List<BackupRecord> records, String name) {
        return records.stream().flatMap(r -> r.bins().stream()).filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no bin " + name));
    }

    /** Equal records, and equal particle bytes for every bin but maps (whose entry order may differ). */
    private static void assertSameRecords(Map<String, BackupRecord> raw, Map<String, BackupRecord> expected) {
        assertThat(raw.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, BackupRecord> e : raw.entrySet()) {
            BackupRecord want = expected.get(e.getKey());
            assertThat(e.getValue()).as("record %s", e.getKey()).isEqualTo(want);
            List<BackupBin> bins = e.getValue().bins();
            for (int i = 0; i < bins.size(); i++) {
                if (bins.get(i).particleType() != ParticleTypes.MAP) {
                    assertThat(bins.get(i).particle()).as("particle of bin %s of record %s", bins.get(i).name(),
                            e.getKey()).isEqualTo(want.bins().get(i).particle());
                }
            }
        }
    }

    /** The production path: ResumingScan over SplitScan over RawScan, in arrival order. */
    private static Map<String, BackupRecord> rawScan(ScanOptions options, int begin, int count,
                                                     Map<Integer, byte[]> resumeAfter, long maxRecords)
            throws IOException {
        Map<String, BackupRecord> out = new LinkedHashMap<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (ResumingScan scan = new ResumingScan(CLUSTER.client(), options, begin, count, resumeAfter, maxRecords,
                "raw scan test")) {
            List<List<BackupRecord>> batches = new ArrayList<>();
            boolean done = false;
            while (!done) {
                assertThat(System.nanoTime()).as("scan still running after 60 s").isLessThan(deadline);
                done = scan.drainTo(batches, 8, 200);
                for (List<BackupRecord> batch : batches) {
                    for (BackupRecord r : batch) {
                        assertThat(out.put(r.digestHex(), r)).as("record %s delivered twice", r.digestHex())
                                .isNull();
                    }
                }
                batches.clear();
            }
        }
        return out;
    }

    private static Map<String, BackupRecord> clientScan(ScanPolicy policy, PartitionFilter filter, String set,
                                                        String... bins) {
        Map<String, BackupRecord> out = new ConcurrentHashMap<>();
        CLUSTER.client().scanPartitions(policy, filter, NS, set,
                (key, record) -> out.put(java.util.HexFormat.of().formatHex(key.digest),
                        ClientRecords.toBackupRecord(key, record)), bins.length == 0 ? null : bins);
        return out;
    }
}
