package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import com.aerospike.client.operation.HLLWriteFlags;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * HyperLogLog bins built and read with the client's HLLOperation, as Aerospike 8.1 CE does it
 * (as/src/base/particle_hll.c): the registers byte for byte (the SHA-256 of the particle is what the
 * real server stores), the estimates for small and larger sets, the count cache, the result and
 * error codes, and HLL bins going through a scan and back in with a plain put (backup, restore).
 */
class HllITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();
    private static final HLLPolicy DEFAULT = HLLPolicy.Default;

    private final String set = AerospikeTestCluster.uniqueSet("hll");
    private final AerospikeClient client = CLUSTER.client();

    private Key key(String name) {
        return new Key(NAMESPACE, set, name);
    }

    /** Strings, integers and blobs, as the elements of a backup's set-cardinality bins would be. */
    static List<Value> elements(int count) {
        List<Value> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(i % 3 == 0 ? Value.get("s" + i) : i % 3 == 1 ? Value.get((long) i * 7919)
                    : Value.get(new byte[] {(byte) i, (byte) (i >> 8), 1}));
        }
        return values;
    }

    @ParameterizedTest(name = "index {0} minhash {1}: {2} elements, {3} added, count {4}")
    @CsvSource({
            "4,  0,  1,    1,    1",
            "4,  0,  3,    3,    3",
            "4,  0,  10,   7,    7",
            "4,  0,  100,  26,   85",
            "4,  0,  1000, 55,   788",
            "8,  0,  10,   9,    9",
            "8,  0,  100,  85,   98",
            "8,  0,  1000, 425,  1085",
            "10, 4,  10,   10,   10",
            "10, 4,  100,  98,   101",
            "12, 16, 1000, 949,  1019",
            "16, 0,  100,  100,  100",
            "16, 0,  1000, 993,  1001",
            "14, 20, 100,  100,  99",
    })
    void addThenCountGivesTheRealEstimate(int indexBits, int minhashBits, int size, long added, long count) {
        Key key = key("n" + indexBits + "-" + minhashBits + "-" + size);
        Record record = client.operate(null, key, HLLOperation.init(DEFAULT, "h", indexBits, minhashBits),
                HLLOperation.add(DEFAULT, "h", elements(size), -1, -1), HLLOperation.getCount("h"),
                HLLOperation.describe("h"));
        assertThat((List<Object>) (List<?>) record.getList("h"))
                .containsExactly(null, added, count, List.of((long) indexBits, (long) minhashBits));
        byte[] stored = client.get(null, key).getHLLValue("h").getBytes();
        assertThat(stored).hasSize(11 + ((6 + minhashBits) * (1 << indexBits) + 7) / 8);
        assertThat(cache(stored)).as("an add clears the cached count").isZero();
    }

    @ParameterizedTest(name = "index {0} minhash {1}: {2} elements")
    @CsvSource({
            "8,  0, 100,  b8db2aa38fc09b85e3fc1157b5c84168df1701c60413e2c9a1a9682412a7a6fc",
            "10, 4, 1000, 3802a1de06e0f3936c446324f445fe2a7c88f9ff49c2bee70e5ae79aaa290d28",
    })
    void registersAreTheRealServersByteForByte(int indexBits, int minhashBits, int size, String sha256)
            throws Exception {
        Key key = key("bytes" + indexBits);
        client.operate(null, key, HLLOperation.add(DEFAULT, "h", elements(size), indexBits, minhashBits));
        byte[] stored = client.get(null, key).getHLLValue("h").getBytes();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored))).isEqualTo(sha256);
    }

    @Test
    void refreshCountCachesTheEstimateAndAnAddClearsIt() {
        Key key = key("cache");
        client.operate(null, key, HLLOperation.add(DEFAULT, "h", elements(100), 8));
        Record refreshed = client.operate(null, key, HLLOperation.refreshCount("h"));
        assertThat(refreshed.getLong("h")).isEqualTo(98L);
        assertThat(cache(client.get(null, key).getHLLValue("h").getBytes())).isEqualTo(98L);
        Record again = client.operate(null, key, HLLOperation.add(DEFAULT, "h", List.of(Value.get("new")), -1),
                HLLOperation.getCount("h"));
        assertThat((List<Object>) (List<?>) again.getList("h")).containsExactly(1L, 100L);
        assertThat(cache(client.get(null, key).getHLLValue("h").getBytes())).isZero();
        Record same = client.operate(null, key, HLLOperation.add(DEFAULT, "h", List.of(Value.get("new")), -1));
        assertThat(same.getLong("h")).isZero();
    }

    @Test
    void hllBinsSurviveAScanAndARestoreByPut() {
        Key source = key("backup-src");
        client.operate(null, source, HLLOperation.add(DEFAULT, "h", elements(500), 12, 8),
                Operation.put(new Bin("other", 1)));
        byte[] original = client.get(null, source).getHLLValue("h").getBytes();
        Map<String, RecordTestSupport.Scanned> scanned = RecordTestSupport.scanSet(client, set);
        RecordTestSupport.Scanned entry = scanned.get(RecordTestSupport.hex(source.digest));
        assertThat(entry).isNotNull();
        Value.HLLValue fromScan = entry.record.getHLLValue("h");
        assertThat(fromScan.getBytes()).isEqualTo(original);
        assertThat(RawParticles.read(client, source)).containsEntry("h", "18:" + HexFormat.of().formatHex(original));

        Key restored = key("backup-dst");
        client.put(null, restored, new Bin("h", fromScan));
        Record counts = client.operate(null, restored, HLLOperation.getCount("h"), HLLOperation.describe("h"));
        assertThat((List<Object>) (List<?>) counts.getList("h")).containsExactly(
                client.operate(null, source, HLLOperation.getCount("h")).getLong("h"), List.of(12L, 8L));
        assertThat(client.get(null, restored).getHLLValue("h").getBytes()).isEqualTo(original);
    }

    @Test
    void readsOfAMissingBinAreNil() {
        Key key = key("nil");
        client.put(null, key, new Bin("x", 1));
        Record record = client.operate(null, key, HLLOperation.getCount("nobin"), HLLOperation.describe("nobin2"),
                Operation.get("x"));
        assertThat(record.bins).containsEntry("nobin", null).containsEntry("nobin2", null).containsEntry("x", 1L);
    }

    @Test
    void flagsDecideBetweenCreatingAndUpdating() {
        Key key = key("flags");
        HLLPolicy createOnly = new HLLPolicy(HLLWriteFlags.CREATE_ONLY);
        assertThat(client.operate(null, key, HLLOperation.add(createOnly, "h", List.of(Value.get(1)), 8)).getLong("h"))
                .isEqualTo(1L);
        assertResultCode(ResultCode.BIN_EXISTS_ERROR,
                () -> client.operate(null, key, HLLOperation.add(createOnly, "h", List.of(Value.get(2)), 8)));
        Record noFail = client.operate(null, key, HLLOperation.add(
                new HLLPolicy(HLLWriteFlags.CREATE_ONLY | HLLWriteFlags.NO_FAIL), "h", List.of(Value.get(2)), 8));
        assertThat(noFail.bins).containsEntry("h", null);
        assertResultCode(ResultCode.BIN_NOT_FOUND, () -> client.operate(null, key,
                HLLOperation.init(new HLLPolicy(HLLWriteFlags.UPDATE_ONLY), "h2", 8)));
        // Init of an existing bin keeps the bit counts it is not given, and empties it.
        client.operate(null, key, HLLOperation.init(DEFAULT, "h", 10, -1));
        Record reinit = client.operate(null, key, HLLOperation.describe("h"), HLLOperation.getCount("h"));
        assertThat((List<Object>) (List<?>) reinit.getList("h"))
                .containsExactly(List.of(10L, 0L), 0L);
    }

    @Test
    void errorsAreTheRealOnes() {
        Key key = key("errors");
        assertResultCode(ResultCode.OP_NOT_APPLICABLE,
                () -> client.operate(null, key, HLLOperation.init(DEFAULT, "h", -1)));
        assertResultCode(ResultCode.OP_NOT_APPLICABLE,
                () -> client.operate(null, key, HLLOperation.add(DEFAULT, "h", List.of(Value.get(1)))));
        for (Operation bad : new Operation[] {HLLOperation.init(DEFAULT, "h", 3), HLLOperation.init(DEFAULT, "h", 17),
            HLLOperation.init(DEFAULT, "h", 8, 3), HLLOperation.init(DEFAULT, "h", 16, 50),
            HLLOperation.add(DEFAULT, "h", List.of(), 8),
            HLLOperation.add(DEFAULT, "h", List.of(Value.get(List.of(1))), 8),
            HLLOperation.setUnion(DEFAULT, "h", List.of(new Value.HLLValue(new byte[0])))}) {
            assertResultCode(ResultCode.PARAMETER_ERROR, () -> client.operate(null, key, bad));
        }
        assertResultCode(ResultCode.BIN_NOT_FOUND, () -> client.operate(null, key, HLLOperation.refreshCount("h")));
        assertThat(client.exists(null, key)).isFalse();

        client.put(null, key, new Bin("s", "str"));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.operate(null, key, HLLOperation.getCount("s")));
        assertResultCode(ResultCode.BIN_TYPE_ERROR,
                () -> client.operate(null, key, HLLOperation.add(DEFAULT, "s", List.of(Value.get(1)), 8)));
    }

    /** An HLL of the strings "e{from}".."e{to - 1}", built by the server under test. */
    private Value.HLLValue built(String name, int from, int to, int indexBits, int minhashBits) {
        Key key = key(name);
        List<Value> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add(Value.get("e" + i));
        }
        client.operate(null, key, HLLOperation.add(DEFAULT, "h", values, indexBits, minhashBits));
        return client.get(null, key).getHLLValue("h");
    }

    @Test
    void unionsTakeTheCommonBitsAndTheRealCounts() {
        Value.HLLValue h8 = built("u8", 0, 1000, 8, 0);
        Value.HLLValue h10 = built("u10", 300, 1300, 10, 0);
        Value.HLLValue h12m8 = built("u12m8", 600, 1600, 12, 8);
        Value.HLLValue h14m8 = built("u14m8", 1500, 2500, 14, 8);

        Key fresh = key("union-fresh");
        Record created = client.operate(null, fresh, HLLOperation.setUnion(DEFAULT, "h", List.of(h8, h10)),
                HLLOperation.getCount("h"), HLLOperation.describe("h"));
        assertThat((List<Object>) (List<?>) created.getList("h")).containsExactly(null, 1501L, List.of(8L, 0L));
        Key minhash = key("union-minhash");
        Record kept = client.operate(null, minhash, HLLOperation.setUnion(DEFAULT, "h", List.of(h12m8, h14m8)),
                HLLOperation.getCount("h"), HLLOperation.describe("h"));
        assertThat((List<Object>) (List<?>) kept.getList("h")).containsExactly(null, 1902L, List.of(12L, 8L));

        // An existing bin keeps its bits unless the union may fold it.
        assertResultCode(ResultCode.OP_NOT_APPLICABLE,
                () -> client.operate(null, minhash, HLLOperation.setUnion(DEFAULT, "h", List.of(h8))));
        Record folded = client.operate(null, minhash, HLLOperation.setUnion(
                new HLLPolicy(HLLWriteFlags.ALLOW_FOLD), "h", List.of(h8)), HLLOperation.describe("h"));
        assertThat((List<Object>) (List<?>) folded.getList("h")).containsExactly(null, List.of(8L, 0L));

        Record read = client.operate(null, key("u12m8"), HLLOperation.getUnionCount("h", List.of(h8, h10)),
                HLLOperation.getUnion("h", List.of(h8, h10)));
        List<?> results = read.getList("h");
        assertThat(results.get(0)).isEqualTo(1731L);
        assertThat(((Value.HLLValue) results.get(1)).getBytes()).hasSize(11 + 6 * 256 / 8);
    }

    @Test
    void foldReducesIndexBitsOfAnHllWithoutMinhash() {
        Key key = key("fold");
        client.put(null, key, new Bin("h", built("f8", 0, 1000, 8, 0)), new Bin("m", built("f12m8", 600, 1600, 12, 8)));
        Record folded = client.operate(null, key, HLLOperation.fold("h", 4), HLLOperation.getCount("h"),
                HLLOperation.describe("h"));
        assertThat((List<Object>) (List<?>) folded.getList("h")).containsExactly(null, 980L, List.of(4L, 0L));
        assertResultCode(ResultCode.OP_NOT_APPLICABLE, () -> client.operate(null, key, HLLOperation.fold("h", 5)));
        assertResultCode(ResultCode.OP_NOT_APPLICABLE, () -> client.operate(null, key, HLLOperation.fold("m", 6)));
        assertResultCode(ResultCode.BIN_NOT_FOUND, () -> client.operate(null, key, HLLOperation.fold("none", 4)));
    }

    @Test
    void intersectCountAndSimilarityAreTheRealEstimates() {
        Value.HLLValue h8 = built("i8", 0, 1000, 8, 0);
        Value.HLLValue h10 = built("i10", 300, 1300, 10, 0);
        Value.HLLValue h12m8 = built("i12m8", 600, 1600, 12, 8);
        Value.HLLValue wide = built("iwide", 100, 5100, 12, 8);
        Value.HLLValue small = built("ismall", 0, 10, 12, 8);
        Value.HLLValue h12 = built("i12", 500, 900, 12, 0);
        Key empty = key("iempty");
        client.operate(null, empty, HLLOperation.init(DEFAULT, "h", 12, 8));

        assertThat(intersect("i8", List.of(h10))).containsExactly(714L, 0.4756828780812791);
        assertThat(intersect("i12m8", List.of(h10))).containsExactly(698L, 0.5307984790874525);
        assertThat(intersect("i12m8", List.of(wide))).containsExactly(1023L, 0.20646636070108837);
        assertThat(intersect("i12m8", List.of(h12m8, wide))).containsExactly(1024L, 0.20669222725688394);
        assertThat(intersect("i8", List.of(h12))).containsExactly(393L, 0.3296979865771812);
        List<Object> nothing = intersect("iempty", List.of(client.get(null, empty).getHLLValue("h")));
        assertThat(nothing.get(0)).isEqualTo(0L);
        assertThat((Double) nothing.get(1)).isNaN();
        // More than two HLLs need equal, non-zero minhash bits, in the values and in the bin.
        assertResultCode(ResultCode.PARAMETER_ERROR, () -> intersect("i8", List.of(h8, h10, h12)));
        assertResultCode(ResultCode.OP_NOT_APPLICABLE, () -> intersect("i8", List.of(h12m8, wide, small)));
    }

    private List<Object> intersect(String name, List<Value.HLLValue> values) {
        Record record = client.operate(null, key(name), HLLOperation.getIntersectCount("h", values),
                HLLOperation.getSimilarity("h", values));
        return new ArrayList<>(record.getList("h"));
    }

    /** The cached count: bytes 3-10 of the particle, little-endian. */
    private static long cache(byte[] hll) {
        long v = 0;
        for (int i = 10; i >= 3; i--) {
            v = (v << 8) | (hll[i] & 0xFF);
        }
        return v;
    }
}
