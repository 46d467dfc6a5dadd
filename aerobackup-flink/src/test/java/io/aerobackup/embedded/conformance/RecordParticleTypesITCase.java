package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every particle type a client can write, read back through the real client, plus the record and
 * bin-name size limits. Expected values are what Aerospike 8 CE returns (see server-facts.md and
 * as/src/base/particle_*.c).
 */
class RecordParticleTypesITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    /** Aerospike's default max-record-size (1 MiB). */
    private static final int MAX_RECORD_BYTES = 1024 * 1024;
    /** AS_ERR_GEO_INVALID_GEOJSON (as/include/base/proto.h); the Java client has no constant for it. */
    private static final int GEO_INVALID_GEOJSON = 160;

    private final Random random = new Random(0x5EED_0001L);
    private final String set = AerospikeTestCluster.uniqueSet("types");
    private final AerospikeClient client = CLUSTER.client();

    private Key key(String name) {
        return new Key(NAMESPACE, set, name);
    }

    private Record roundTrip(String name, Bin... bins) {
        Key key = key(name);
        client.put(null, key, bins);
        Record record = client.get(null, key);
        assertThat(record).as("record %s", name).isNotNull();
        assertThat(record.bins).hasSize(bins.length);
        return record;
    }

    @Test
    void integersRoundTripAsLongs() {
        long randomValue = random.nextLong();
        Record record = roundTrip("int", new Bin("min", Long.MIN_VALUE), new Bin("max", Long.MAX_VALUE),
                new Bin("zero", 0), new Bin("neg", -1), new Bin("rnd", randomValue), new Bin("small", 42));
        assertThat(record.getValue("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(record.getValue("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(record.getValue("zero")).isEqualTo(0L);
        assertThat(record.getValue("neg")).isEqualTo(-1L);
        assertThat(record.getValue("rnd")).isEqualTo(randomValue);
        assertThat(record.getValue("small")).isInstanceOf(Long.class).isEqualTo(42L);
    }

    @Test
    void doublesRoundTripBitForBit() {
        double randomValue = random.nextDouble() * 1e12 - 5e11;
        Record record = roundTrip("double", new Bin("rnd", randomValue), new Bin("negzero", -0.0d),
                new Bin("max", Double.MAX_VALUE), new Bin("tiny", Double.MIN_VALUE),
                new Bin("inf", Double.NEGATIVE_INFINITY), new Bin("nan", Double.NaN));
        assertThat(record.getValue("rnd")).isInstanceOf(Double.class).isEqualTo(randomValue);
        assertThat(Double.doubleToRawLongBits(record.getDouble("negzero")))
                .isEqualTo(Double.doubleToRawLongBits(-0.0d));
        assertThat(record.getDouble("max")).isEqualTo(Double.MAX_VALUE);
        assertThat(record.getDouble("tiny")).isEqualTo(Double.MIN_VALUE);
        assertThat(record.getDouble("inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(record.getDouble("nan")).isNaN();
    }

    @Test
    void stringsRoundTripIncludingUnicodeEmptyAndNul() {
        String unicode = "h\u00e9llo w\u00f6rld \u65e5\u672c\u8a9e \uD83D\uDE80 \u0645\u0631\u062D\u0628\u0627";
        String randomAscii = randomAscii(1 + random.nextInt(500));
        Record record = roundTrip("string", new Bin("uni", unicode), new Bin("empty", ""),
                new Bin("nul", "a\u0000b"), new Bin("rnd", randomAscii));
        assertThat(record.getValue("uni")).isEqualTo(unicode);
        assertThat(record.getValue("empty")).isEqualTo("");
        assertThat(record.getValue("nul")).isEqualTo("a\u0000b");
        assertThat(record.getValue("rnd")).isEqualTo(randomAscii);
    }

    @Test
    void bytesRoundTripIncludingEmpty() {
        byte[] data = randomBytes(1 + random.nextInt(4000));
        Record record = roundTrip("bytes", new Bin("b", new Value.BytesValue(data)), new Bin("empty", new byte[0]));
        assertThat(record.getValue("b")).isInstanceOf(byte[].class);
        assertThat(record.getBytes("b")).isEqualTo(data);
        assertThat(record.getBytes("empty")).isEmpty();
    }

    @Test
    void booleansRoundTripAsBooleans() {
        Record record = roundTrip("bool", new Bin("t", new Value.BooleanValue(true)), new Bin("f", false));
        assertThat(record.getValue("t")).isInstanceOf(Boolean.class).isEqualTo(Boolean.TRUE);
        assertThat(record.getValue("f")).isInstanceOf(Boolean.class).isEqualTo(Boolean.FALSE);
        assertThat(record.getBoolean("t")).isTrue();
    }

    @Test
    void nestedListsRoundTrip() {
        List<Object> inner = List.of(random.nextLong(), "inner", 2.5d);
        Map<Object, Object> innerMap = new HashMap<>();
        innerMap.put("k", 7L);
        innerMap.put(3L, "three");
        List<Object> list = new ArrayList<>();
        list.add(random.nextInt(1000) + 1L);
        list.add("two");
        list.add(3.25d);
        list.add(true);
        list.add(inner);
        list.add(innerMap);
        list.add(List.of());
        Record record = roundTrip("list", new Bin("l", list));
        assertThat(record.getList("l")).isEqualTo(list);
    }

    @Test
    void unorderedMapRoundTripsAsAnUnsortedMap() {
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            map.put("k" + random.nextInt(1_000_000), random.nextLong());
        }
        map.put(5L, List.of(1L, 2L));
        Record record = roundTrip("umap", new Bin("m", map));
        Map<?, ?> read = record.getMap("m");
        assertThat(read).isEqualTo(map).isNotInstanceOf(SortedMap.class);
    }

    @Test
    void keyOrderedMapKeepsItsOrderFlag() {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            sorted.put("key" + random.nextInt(1_000_000), random.nextLong());
        }
        TreeMap<Long, Object> longKeys = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            longKeys.put((long) random.nextInt(2_000_000) - 1_000_000, "v" + i);
        }
        Record record = roundTrip("omap", new Bin("tree", sorted),
                new Bin("flagged", new Value.MapValue(longKeys, MapOrder.KEY_ORDERED)),
                new Bin("kv", new Value.MapValue(sorted, MapOrder.KEY_VALUE_ORDERED)));

        Map<?, ?> tree = record.getMap("tree");
        assertThat(tree).isInstanceOf(SortedMap.class).isEqualTo(sorted);
        assertThat(new ArrayList<>(tree.keySet())).isEqualTo(new ArrayList<>(sorted.keySet()));
        Map<?, ?> flagged = record.getMap("flagged");
        assertThat(flagged).isInstanceOf(SortedMap.class).isEqualTo(longKeys);
        assertThat(new ArrayList<>(flagged.keySet())).isEqualTo(new ArrayList<>(longKeys.keySet()));
        assertThat(record.getMap("kv")).isInstanceOf(SortedMap.class).isEqualTo(sorted);
    }

    @Test
    void keyOrderedFlagOnUnsortedEntriesIsRefused() {
        // The client packs the entries in the map's own iteration order; the server checks that
        // a KEY_ORDERED map is sorted and refuses it otherwise with AS_ERR_UNKNOWN (1).
        Map<Object, Object> unsorted = new java.util.LinkedHashMap<>();
        unsorted.put("b", 2L);
        unsorted.put("a", 1L);
        Key key = key("unsorted-flagged");
        for (MapOrder order : new MapOrder[] {MapOrder.KEY_ORDERED, MapOrder.KEY_VALUE_ORDERED}) {
            assertResultCode(ResultCode.SERVER_ERROR,
                    () -> client.put(null, key, new Bin("m", new Value.MapValue(unsorted, order))));
        }
        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void unorderedMapIsStoredSortedByKey() {
        Map<Object, Object> unsorted = new java.util.LinkedHashMap<>();
        unsorted.put("b", 2L);
        unsorted.put(7L, "x");
        unsorted.put("a", 1L);
        Key key = key("unordered-sorted");
        client.put(null, key, new Bin("m", new Value.MapValue(unsorted, MapOrder.UNORDERED)));
        // {7: "x", "a": 1, "b": 2}: integers rank before strings; strings carry their type byte 03.
        assertThat(RawParticles.read(client, key)).containsEntry("m", "19:8307a20378a2036101a2036202");
        assertThat(client.get(null, key).getMap("m")).isEqualTo(unsorted).isNotInstanceOf(SortedMap.class);
    }

    @Test
    void geoJsonRoundTrips() {
        String point = String.format(java.util.Locale.ROOT, "{\"type\":\"Point\",\"coordinates\":[%.4f,%.4f]}",
                random.nextDouble() * 360 - 180, random.nextDouble() * 170 - 85);
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[-122.5,37.0],[-121.0,37.0],"
                + "[-121.0,38.0],[-122.5,38.0],[-122.5,37.0]]]}";
        Record record = roundTrip("geo", new Bin("pt", new Value.GeoJSONValue(point)),
                new Bin("poly", Value.getAsGeoJSON(polygon)));
        assertThat(record.getValue("pt")).isInstanceOf(Value.GeoJSONValue.class);
        assertThat(record.getGeoJSONString("pt")).isEqualTo(point);
        assertThat(record.getGeoJSONString("poly")).isEqualTo(polygon);
    }

    @Test
    void invalidGeoJsonIsRefused() {
        Key key = key("badgeo");
        assertResultCode(GEO_INVALID_GEOJSON,
                () -> client.put(null, key, new Bin("g", new Value.GeoJSONValue("this is not geojson"))));
        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void hllRoundTripsByteForByte() {
        byte[] small = hll(4, 0);
        byte[] withMinhash = hll(8, 4);
        Record record = roundTrip("hll", new Bin("h1", new Value.HLLValue(small)),
                new Bin("h2", new Value.HLLValue(withMinhash)));
        assertThat(record.getValue("h1")).isInstanceOf(Value.HLLValue.class);
        assertThat(record.getHLLValue("h1").getBytes()).isEqualTo(small);
        assertThat(record.getHLLValue("h2").getBytes()).isEqualTo(withMinhash);
    }

    @Test
    void malformedHllIsAParameterError() {
        Key key = key("badhll");
        byte[] junk = randomBytes(7);
        junk[0] = 0;
        junk[1] = 3; // n_index_bits below the minimum of 4
        assertResultCode(ResultCode.PARAMETER_ERROR,
                () -> client.put(null, key, new Bin("h", new Value.HLLValue(junk))));
        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void valuesNearTheRecordLimitRoundTrip() {
        byte[] nearlyOneMiB = randomBytes(MAX_RECORD_BYTES - 4096);
        Record bytes = roundTrip("big-bytes", new Bin("b", nearlyOneMiB));
        assertThat(bytes.getBytes("b")).isEqualTo(nearlyOneMiB);

        String longString = randomAscii(300_000);
        List<Long> longList = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            longList.add(random.nextLong());
        }
        Record mixed = roundTrip("big-mixed", new Bin("s", longString), new Bin("l", longList));
        assertThat(mixed.getString("s")).isEqualTo(longString);
        assertThat(mixed.getList("l")).isEqualTo(longList);
    }

    @Test
    void recordOverOneMiBIsTooBig() {
        Key single = key("too-big-1");
        assertResultCode(ResultCode.RECORD_TOO_BIG,
                () -> client.put(null, single, new Bin("b", randomBytes(MAX_RECORD_BYTES))));
        assertThat(client.exists(null, single)).isFalse();

        Key twoBins = key("too-big-2");
        assertResultCode(ResultCode.RECORD_TOO_BIG, () -> client.put(null, twoBins,
                new Bin("a", randomBytes(600_000)), new Bin("b", randomBytes(600_000))));
        assertThat(client.exists(null, twoBins)).isFalse();
    }

    @Test
    void updateThatGrowsPastTheLimitLeavesTheRecordUnchanged() {
        Key key = key("grow");
        byte[] first = randomBytes(600_000);
        client.put(null, key, new Bin("a", first));
        assertResultCode(ResultCode.RECORD_TOO_BIG, () -> client.put(null, key, new Bin("b", randomBytes(600_000))));
        Record record = client.get(null, key);
        assertThat(record.generation).isEqualTo(1);
        assertThat(record.bins).containsOnlyKeys("a");
        assertThat(record.getBytes("a")).isEqualTo(first);
    }

    @Test
    void binNamesUpToFifteenBytesAreAccepted() {
        String fifteen = "abcdefghijklmno";
        Record record = roundTrip("name15", new Bin(fifteen, 15), new Bin("x", 1));
        assertThat(record.getLong(fifteen)).isEqualTo(15L);
        Record chosen = client.get(null, key("name15"), fifteen);
        assertThat(chosen.bins).containsOnlyKeys(fifteen);
    }

    @Test
    void binNameOfSixteenBytesIsRefusedOnWriteAndRead() {
        Key key = key("name16");
        assertResultCode(ResultCode.BIN_NAME_TOO_LONG, () -> client.put(null, key, new Bin("abcdefghijklmnop", 1)));
        // The limit is in bytes: eight two-byte characters are sixteen bytes.
        assertResultCode(ResultCode.BIN_NAME_TOO_LONG,
                () -> client.put(null, key, new Bin("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 1)));
        assertThat(client.exists(null, key)).isFalse();

        client.put(null, key, new Bin("ok", 1));
        assertResultCode(ResultCode.BIN_NAME_TOO_LONG, () -> client.get(null, key, "abcdefghijklmnop"));
    }

    /** A well-formed HLL particle (flags, index bits, minhash bits, cache, registers) with random contents. */
    private byte[] hll(int indexBits, int minhashBits) {
        int registers = ((6 + minhashBits) * (1 << indexBits) + 7) / 8;
        byte[] hll = randomBytes(11 + registers);
        hll[0] = 0;
        hll[1] = (byte) indexBits;
        hll[2] = (byte) minhashBits;
        return hll;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomAscii(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (' ' + random.nextInt(95)));
        }
        return out.toString();
    }
}
