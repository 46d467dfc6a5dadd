package io.aerobackup.record;

import com.aerospike.client.Value;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seeded random backup records covering every bin type and the edge cases of the format: nested
 * lists and maps (key-ordered ones as TreeMap with ByteBuffer keys, as the client builds them),
 * empty values, ~200 KB values, 4-byte emoji, 15-byte and unicode bin names, every user-key type,
 * DELETE rows, generation 65535, void-time 0 and large. Values have exactly the Java types the
 * client's decoding produces, so a lossless round trip must reproduce them equal.
 */
public final class RecordGenerator {
    private static final int[] BIN_TYPES = {
        ParticleTypes.INTEGER, ParticleTypes.DOUBLE, ParticleTypes.STRING, ParticleTypes.BLOB,
        ParticleTypes.JAVA_BLOB, ParticleTypes.CSHARP_BLOB, ParticleTypes.PYTHON_BLOB, ParticleTypes.RUBY_BLOB,
        ParticleTypes.PHP_BLOB, ParticleTypes.ERLANG_BLOB, ParticleTypes.BOOL, ParticleTypes.HLL,
        ParticleTypes.MAP, ParticleTypes.LIST, ParticleTypes.GEOJSON,
    };
    private static final String[] ODD_NAMES = {
        "abcdefghijklmno", "bin", "名前", "émoji😀", "ß", "a", "x-y_z.0", "日本語ビン", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
    };
    private static final String[] TEXTS = {
        "", "hello", "héllo wörld", "日本語テキスト", "emoji 😀🎉👩‍💻", "\u0000nul", "tab\tnew\nline", "𝄞 music",
    };
    private static final double[] DOUBLES = {
        0.0, -0.0, 1.5, -2.25, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, Math.PI,
    };
    private static final long[] LONGS = {0, 1, -1, 127, 128, -32, -33, 255, 65535, 65536, Long.MAX_VALUE, Long.MIN_VALUE,
        Integer.MAX_VALUE, Integer.MIN_VALUE, 4294967295L};

    private final Random random;

    public RecordGenerator(long seed) {
        this.random = new Random(seed);
    }

    public List<BackupRecord> records(int count) {
        List<BackupRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(record());
        }
        return out;
    }

    public BackupRecord record() {
        byte[] digest = bytes(20);
        String set = random.nextInt(4) == 0 ? null : random.nextBoolean() ? "set" + random.nextInt(5) : "集合😀";
        boolean delete = random.nextInt(10) == 0;
        int generation = random.nextInt(5) == 0 ? 65535 : random.nextInt(5) == 0 ? 0 : random.nextInt(65536);
        long voidTime = random.nextInt(3) == 0 ? 0 : random.nextInt(4) == 0 ? 0xFFFFFFFFL : random.nextInt(Integer.MAX_VALUE);
        List<BackupBin> bins = new ArrayList<>();
        if (!delete) {
            Set<String> names = new LinkedHashSet<>();
            int count = random.nextInt(9);
            while (names.size() < count) {
                names.add(random.nextInt(3) == 0 ? pick(ODD_NAMES) : "b" + random.nextInt(1000));
            }
            for (String name : names) {
                bins.add(bin(name, BIN_TYPES[random.nextInt(BIN_TYPES.length)]));
            }
        }
        return new BackupRecord(digest, set, userKey(), generation, voidTime,
                delete ? RecordOperation.DELETE : RecordOperation.UPSERT, bins);
    }

    public UserKey userKey() {
        switch (random.nextInt(4)) {
            case 0: return null;
            case 1: return new UserKey(ParticleTypes.INTEGER, LONGS[random.nextInt(LONGS.length)]);
            case 2: return new UserKey(ParticleTypes.STRING, text());
            default: return new UserKey(ParticleTypes.BLOB, bytes(random.nextInt(40)));
        }
    }

    public BackupBin bin(String name, int type) {
        boolean large = random.nextInt(150) == 0;
        switch (type) {
            case ParticleTypes.INTEGER: return new BackupBin(name, type, randomLong());
            case ParticleTypes.DOUBLE: return new BackupBin(name, type, randomDouble());
            case ParticleTypes.STRING: return new BackupBin(name, type, large ? largeText() : text());
            case ParticleTypes.BOOL: return new BackupBin(name, type, random.nextBoolean());
            case ParticleTypes.GEOJSON: return new BackupBin(name, type, geoJson());
            case ParticleTypes.LIST: return new BackupBin(name, type, large ? largeList() : list(0));
            case ParticleTypes.MAP: return new BackupBin(name, type, random.nextBoolean() ? sortedMap(0) : hashMap(0));
            default: // blobs and HLL
                return new BackupBin(name, type, bytes(large ? 200_000 : random.nextInt(3) == 0 ? 0 : random.nextInt(64)));
        }
    }

    private Object nested(int depth) {
        switch (random.nextInt(depth >= 3 ? 7 : 10)) {
            case 0: return randomLong();
            case 1: return randomDouble();
            case 2: return text();
            case 3: return bytes(random.nextInt(12));
            case 4: return random.nextBoolean();
            case 5: return null;
            case 6: return Value.getAsGeoJSON(geoJson()); // the client decodes nested GeoJSON as GeoJSONValue
            case 7: return list(depth + 1);
            case 8: return hashMap(depth + 1);
            default: return sortedMap(depth + 1);
        }
    }

    private List<Object> list(int depth) {
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(depth == 0 ? 20 : 5);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(nested(depth));
        }
        return list;
    }

    private Map<Object, Object> hashMap(int depth) {
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(depth == 0 ? 20 : 5);
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
            // Unordered maps may mix key types; byte[] keys stay byte[] as the client leaves them.
            Object key = switch (random.nextInt(3)) {
                case 0 -> randomLong();
                case 1 -> text() + i;
                default -> bytes(1 + random.nextInt(8));
            };
            map.put(key, nested(depth));
        }
        return map;
    }

    private TreeMap<Object, Object> sortedMap(int depth) {
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(depth == 0 ? 20 : 5);
        int keyKind = random.nextInt(4);
        TreeMap<Object, Object> map = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            // Key-ordered maps need mutually comparable keys; the client wraps byte[] keys in ByteBuffer.
            Object key = switch (keyKind) {
                case 0 -> randomLong();
                case 1 -> text() + i;
                case 2 -> randomDouble();
                default -> ByteBuffer.wrap(bytes(1 + random.nextInt(8)));
            };
            map.put(key, nested(depth));
        }
        return map;
    }

    private List<Object> largeList() {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            list.add(i % 2 == 0 ? bytes(90) : text() + "x".repeat(80));
        }
        return list;
    }

    private String largeText() {
        StringBuilder b = new StringBuilder();
        while (b.length() < 200_000) {
            b.append(pick(TEXTS)).append(' ');
        }
        return b.toString();
    }

    private String text() {
        return random.nextInt(3) == 0 ? pick(TEXTS) : new String(asciiBytes(random.nextInt(20)), StandardCharsets.US_ASCII);
    }

    private String geoJson() {
        return "{\"type\":\"Point\",\"coordinates\":[" + (random.nextInt(360) - 180) + "." + random.nextInt(1000) + ","
                + (random.nextInt(180) - 90) + "." + random.nextInt(1000) + "]}";
    }

    private long randomLong() {
        return random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong() >> random.nextInt(64);
    }

    private double randomDouble() {
        return random.nextBoolean() ? DOUBLES[random.nextInt(DOUBLES.length)] : random.nextGaussian() * 1e6;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] asciiBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (32 + random.nextInt(95));
        }
        return b;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
