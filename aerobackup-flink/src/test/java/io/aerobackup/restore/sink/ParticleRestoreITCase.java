package io.aerobackup.restore.sink;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.ListWriteFlags;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.cdt.MapWriteFlags;
import com.aerospike.client.command.ParticleType;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.BinValueCodec;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.RawReads;
import io.aerobackup.testutils.RawReads.RawBin;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records with a bin of every particle type are read from the cluster as raw particle bytes (what
 * the fast-path scan keeps), restored by the sink, and read back: equal to the originals through
 * the client and byte for byte on the wire, so map and list order flags, -0.0 and NaN survive.
 * Batches of many rows and of one row (the client's single-record command) are both covered.
 */
class ParticleRestoreITCase {
    private static final String SOURCE_NS = "test";
    private static final String TARGET_NS = "restore";
    private static final int RECORDS = 6;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private final RestoreCounters counters = new RestoreCounters("ParticleRestoreITCase-" + UUID.randomUUID());

    @AfterEach
    void tearDown() {
        counters.release();
    }

    @Test
    void everyParticleTypeIsRestoredAsStoredInBatchesAndSingleRecordWrites() throws Exception {
        AerospikeClient client = CLUSTER.client();
        String set = AerospikeTestCluster.uniqueSet("raw");
        List<Key> sources = new ArrayList<>();
        List<RestoreRecord> rows = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            Key key = new Key(SOURCE_NS, set, "r" + i);
            writeEveryType(client, key, i);
            sources.add(key);
            rows.add(row(key, RawReads.bins(client, key)));
        }
        assertThat(RawReads.bins(client, sources.get(0))).containsKeys("kvmap", "olist", "hll", "geo", "nan");

        String single = set + "_1";
        RestoreJobs.run(rows, CLUSTER.hosts(), RestoreWriteOptions.builder(TARGET_NS).batchSize(16).build(), counters);
        RestoreJobs.run(rows, CLUSTER.hosts(), RestoreWriteOptions.builder(TARGET_NS).batchSize(1)
                .setRemap(Map.of(set, single)).build(), counters);
        assertThat(counters.written()).isEqualTo(2L * RECORDS);
        assertThat(counters.failed()).isEmpty();

        for (Key source : sources) {
            for (String targetSet : List.of(set, single)) {
                Key target = new Key(TARGET_NS, targetSet, source.userKey);
                assertSameRecord(client, source, target);
            }
        }
    }

    private static void assertSameRecord(AerospikeClient client, Key source, Key target) throws IOException {
        Record original = client.get(null, source);
        Record restored = client.get(null, target);
        assertThat(restored).as("restored %s", target).isNotNull();
        assertThat(bins(restored)).as("bins of %s", target).isEqualTo(bins(original));
        Map<String, RawBin> originalWire = RawReads.bins(client, source);
        Map<String, RawBin> restoredWire = RawReads.bins(client, target);
        assertThat(restoredWire).as("wire bins of %s", target).isEqualTo(originalWire);
        assertThat(restoredWire.get("kvmap").bytes()).as("key-value-ordered flag")
                .startsWith(header(MapOrder.KEY_VALUE_ORDERED));
        assertThat(restoredWire.get("kmap").bytes()).startsWith(header(MapOrder.KEY_ORDERED));
        assertThat(restoredWire.get("olist").bytes()).startsWith((byte) 0x94, (byte) 0xc7, (byte) 0, (byte) 1);
        assertThat(restored.getValue("nzero")).isEqualTo(-0.0);
        assertThat(Double.doubleToRawLongBits(restored.getDouble("nan")))
                .isEqualTo(Double.doubleToRawLongBits(original.getDouble("nan")));
        assertThat(restored.getBoolean("bool")).isEqualTo(original.getBoolean("bool"));
        if (!CLUSTER.isEmbedded()) {
            // The server itself reads the map in its order: a key-value-ordered map by key, then ranks by value.
            Operation byIndex = MapOperation.getByIndexRange("kvmap", 0, MapReturnType.KEY_VALUE);
            Operation byRank = MapOperation.getByRankRange("kvmap", 0, MapReturnType.KEY);
            Record a = client.operate(null, source, byIndex, byRank);
            Record b = client.operate(null, target, byIndex, byRank);
            assertThat(b.bins.get("kvmap")).isEqualTo(a.bins.get("kvmap"));
        }
    }

    /** The msgpack a map of 3 entries with this order starts with: header, ext(order flags), nil. */
    private static byte[] header(MapOrder order) {
        return new byte[] {(byte) (0x80 | 4), (byte) 0xc7, 0, (byte) order.attributes, (byte) 0xc0};
    }

    /** Source bins: ordered collections through CDT operations where the server has them. */
    private static void writeEveryType(AerospikeClient client, Key key, int i) {
        WritePolicy policy = new WritePolicy();
        policy.sendKey = true;
        TreeMap<String, Object> sorted = new TreeMap<>(Map.of("b", List.of(2L, "x"), "a", 1L, "c", Map.of()));
        Map<Object, Object> unordered = new HashMap<>(Map.of(7L, "seven", "k", List.of(1.5), "z", new byte[] {1}));
        client.put(policy, key,
                new Bin("int", Long.MIN_VALUE + i),
                new Bin("dbl", 1.5 + i),
                new Bin("nzero", -0.0),
                new Bin("nan", Double.NaN),
                new Bin("str", "v\u00fc\u65e5\uD83D\uDE00" + i),
                new Bin("estr", ""),
                new Bin("blob", new byte[] {0, -1, (byte) i}),
                new Bin("eblob", new byte[0]),
                new Bin("bool", i % 2 == 0),
                new Bin("geo", Value.getAsGeoJSON("{\"type\":\"Point\",\"coordinates\":[1.5," + i + "]}")),
                new Bin("list", List.of(1L, "two", 3.0, List.of("n"), Map.of("m", 1L))),
                new Bin("kmap", sorted),
                new Bin("umap", unordered));
        List<Value> listItems = List.of(Value.get(30L), Value.get(10L), Value.get(20L));
        Map<Value, Value> mapItems = new LinkedHashMap<>();
        mapItems.put(Value.get("y"), Value.get(1L));
        mapItems.put(Value.get("x"), Value.get(2L));
        mapItems.put(Value.get("w"), Value.get(-3L));
        if (CLUSTER.isEmbedded()) {
            // The embedded server has no CDT or HLL operations: write what they would build.
            client.put(policy, key,
                    new Bin("olist", Value.get(orderedList(30L, 10L, 20L), ParticleType.LIST)),
                    new Bin("kvmap", new Value.SortedMapValue(List.of(new AbstractMap.SimpleEntry<>("w", -3L),
                            new AbstractMap.SimpleEntry<>("x", 2L), new AbstractMap.SimpleEntry<>("y", 1L)),
                            MapOrder.KEY_VALUE_ORDERED)),
                    new Bin("hll", new Value.HLLValue(hll(i))));
        } else {
            client.operate(policy, key,
                    ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED, ListWriteFlags.DEFAULT), "olist",
                            listItems),
                    MapOperation.putItems(new MapPolicy(MapOrder.KEY_VALUE_ORDERED, MapWriteFlags.DEFAULT), "kvmap",
                            mapItems),
                    HLLOperation.add(HLLPolicy.Default, "hll", List.of(Value.get("a" + i), Value.get("b")), 8));
        }
    }

    /** An ordered list as the server stores it: array header, ext(flags 1), then the sorted items. */
    private static byte[] orderedList(long... items) {
        long[] sorted = items.clone();
        Arrays.sort(sorted);
        byte[] out = new byte[4 + sorted.length];
        out[0] = (byte) (0x90 | (sorted.length + 1));
        out[1] = (byte) 0xc7;
        out[2] = 0;
        out[3] = 1;
        for (int j = 0; j < sorted.length; j++) {
            out[4 + j] = (byte) sorted[j]; // positive fixints
        }
        return out;
    }

    /** A well-formed HLL of 4 index bits and no minhash bits, as the embedded server checks it. */
    private static byte[] hll(int seed) {
        byte[] hll = new byte[23];
        hll[1] = 4;
        hll[11] = (byte) seed;
        return hll;
    }

    /** A backup row from bins read off the wire, as the fast-path scan records them. */
    private static RestoreRecord row(Key key, Map<String, RawBin> wire) throws IOException {
        List<BackupBin> bins = new ArrayList<>();
        for (Map.Entry<String, RawBin> e : wire.entrySet()) {
            byte[] bytes = e.getValue().bytes();
            if (e.getValue().type() == ParticleType.GEOJSON) {
                // The backup keeps the JSON only: skip flags, the cell count and the cells.
                int cells = ((bytes[1] & 0xFF) << 8) | (bytes[2] & 0xFF);
                bytes = Arrays.copyOfRange(bytes, 3 + 8 * cells, bytes.length);
            }
            bins.add(BackupBin.ofParticle(e.getKey(), e.getValue().type(), bytes));
        }
        return new RestoreRecord(new BackupRecord(key.digest, key.setName, RestoreTestRecords.userKey(key.userKey
                .getObject()), 1, 0, RecordOperation.UPSERT, bins), RestoreTestRecords.FILE);
    }

    private static Map<String, BackupBin> bins(Record record) {
        Map<String, BackupBin> out = new HashMap<>();
        record.bins.forEach((name, value) -> out.put(name, BinValueCodec.fromClient(name, value)));
        return out;
    }
}
