package io.aerobackup.demo;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.policy.WritePolicy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A varied, reproducible sample data set: every Aerospike value type, several sets, user keys of
 * each key type (and records without a stored key), and TTLs (default, never, and an hour).
 */
public final class SampleData {
    public static final List<String> SETS = List.of("customers", "orders", "events");

    private SampleData() {
    }

    /** Writes {@code count} records into {@code namespace}; returns how many bytes of bin data were written. */
    public static long load(AerospikeClient client, String namespace, int count, long seed) {
        return load(client, namespace, SETS, count, seed);
    }

    /** Loads into the given sets in turn (tests use sets of their own). */
    public static long load(AerospikeClient client, String namespace, List<String> sets, int count, long seed) {
        Random random = new Random(seed);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String set = sets.get(i % sets.size());
            WritePolicy policy = new WritePolicy();
            policy.sendKey = i % 4 != 3;
            policy.expiration = i % 5 == 0 ? 3600 : (i % 5 == 1 ? -1 : 0);
            Key key = key(namespace, set, i);
            Bin[] bins = bins(random, i);
            client.put(policy, key, bins);
            for (Bin bin : bins) {
                bytes += bin.name.length() + bin.value.estimateSize();
            }
        }
        return bytes;
    }

    /** Integer, string and bytes user keys in turn. */
    public static Key key(String namespace, String set, int i) {
        switch (i % 3) {
            case 0:
                return new Key(namespace, set, (long) i);
            case 1:
                return new Key(namespace, set, "key-" + i + "-\u00e9\u4e2d");
            default:
                return new Key(namespace, set, ("bytes-" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    static Bin[] bins(Random random, int i) {
        List<Bin> bins = new ArrayList<>();
        bins.add(new Bin("id", i));
        bins.add(new Bin("score", random.nextDouble() * 1000));
        bins.add(new Bin("name", "name \u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9 " + Long.toHexString(random.nextLong())));
        byte[] blob = new byte[16 + random.nextInt(200)];
        random.nextBytes(blob);
        bins.add(new Bin("blob", blob));
        bins.add(new Bin("active", Value.get(random.nextBoolean())));
        List<Object> list = new ArrayList<>();
        list.add((long) random.nextInt(100));
        list.add("item-" + i);
        list.add(List.of(1L, 2.5, "nested"));
        bins.add(new Bin("tags", list));
        Map<Object, Object> unordered = new HashMap<>();
        unordered.put("a", (long) i);
        unordered.put("b", random.nextDouble());
        bins.add(new Bin("attrs", unordered));
        TreeMap<Object, Object> ordered = new TreeMap<>();
        ordered.put("k" + (i % 7), "v");
        ordered.put("z", List.of("x", 1L));
        bins.add(new Bin("sorted", ordered, MapOrder.KEY_ORDERED));
        if (i % 2 == 0) {
            bins.add(new Bin("where", Value.getAsGeoJSON(
                    "{\"type\":\"Point\",\"coordinates\":[" + (i % 180) + ".5," + (i % 90) + ".25]}")));
        }
        if (i % 10 == 0) {
            bins.add(new Bin("hll", new Value.HLLValue(hll(random))));
        }
        return bins.toArray(new Bin[0]);
    }

    /** A well-formed HyperLogLog particle (4 index bits, no minhash) with random registers. */
    private static byte[] hll(Random random) {
        byte[] hll = new byte[11 + 12];
        random.nextBytes(hll);
        hll[0] = 0;
        hll[1] = 4;
        hll[2] = 0;
        return hll;
    }
}
