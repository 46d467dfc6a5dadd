package io.aerobackup.benchmark;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The "probe" record shape of the fast-path issue (about 300 bytes of bin data): an integer, a
 * double, a ~30-character string, a 0-40-byte blob, a boolean, a list in 1/3 of records, a
 * key-ordered map in 1/4, an integer-keyed map in 1/5, a GeoJSON point in 1/7, a bin with a
 * 15-character name in 1/11 and a 150-character string; integer user keys stored with the record.
 */
public final class ProbeRecords {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";

    private ProbeRecords() {
    }

    public static Key key(String namespace, String set, long i) {
        return new Key(namespace, set, i);
    }

    /** The bins of record i; the same i and seed always give the same bins. */
    public static Bin[] bins(long i, long seed) {
        Random random = new Random(seed * 1_000_003L + i);
        List<Bin> bins = new ArrayList<>(12);
        bins.add(new Bin("id", i));
        bins.add(new Bin("score", random.nextDouble() * 1000));
        bins.add(new Bin("name", text(random, 25 + random.nextInt(11))));
        byte[] blob = new byte[random.nextInt(41)];
        random.nextBytes(blob);
        bins.add(new Bin("blob", blob));
        bins.add(new Bin("active", random.nextBoolean()));
        if (i % 3 == 0) {
            List<Object> tags = new ArrayList<>();
            for (int t = 0, n = 1 + random.nextInt(4); t < n; t++) {
                tags.add(text(random, 6));
            }
            bins.add(new Bin("tags", tags));
        }
        if (i % 4 == 0) {
            SortedMap<Object, Object> attrs = new TreeMap<>();
            attrs.put("color", text(random, 5));
            attrs.put("size", (long) random.nextInt(100));
            attrs.put("weight", random.nextDouble());
            bins.add(new Bin("attrs", Value.get(attrs)));
        }
        if (i % 5 == 0) {
            Map<Object, Object> counts = new HashMap<>();
            for (long k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                counts.put(k, (long) random.nextInt(1_000_000));
            }
            bins.add(new Bin("counts", counts));
        }
        if (i % 7 == 0) {
            bins.add(new Bin("loc", Value.getAsGeoJSON(String.format(
                    "{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}",
                    random.nextDouble() * 360 - 180, random.nextDouble() * 180 - 90))));
        }
        if (i % 11 == 0) {
            bins.add(new Bin("a_fifteen_chars", text(random, 12)));
        }
        bins.add(new Bin("description", text(random, 150)));
        return bins.toArray(new Bin[0]);
    }

    private static String text(Random random, int length) {
        char[] chars = new char[length];
        for (int c = 0; c < length; c++) {
            chars[c] = LETTERS.charAt(random.nextInt(LETTERS.length()));
        }
        return new String(chars);
    }
}
