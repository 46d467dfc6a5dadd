package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.MsgPackCodec;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random records of every particle type, built from particle bytes as a scan delivers them, go
 * through the 2.0 writer and reader and come back with every bin's type and bytes equal.
 */
class TypedFormatPropertyTest {
    private static final int SAMPLE_ROWS = 60;
    private static final int[] TYPES = {
        ParticleTypes.INTEGER, ParticleTypes.DOUBLE, ParticleTypes.STRING, ParticleTypes.BLOB,
        ParticleTypes.JAVA_BLOB, ParticleTypes.CSHARP_BLOB, ParticleTypes.PYTHON_BLOB, ParticleTypes.RUBY_BLOB,
        ParticleTypes.PHP_BLOB, ParticleTypes.ERLANG_BLOB, ParticleTypes.BOOL, ParticleTypes.HLL,
        ParticleTypes.MAP, ParticleTypes.LIST, ParticleTypes.GEOJSON,
    };
    /** Column names, names that must fall back (unsafe, clashing with a record column or by case), a keyword. */
    private static final String[] NAMES = {
        "age", "score", "select", "名前", "émoji😀", "x-y.z", "digest", "Generation", "Tag", "tag", "", "0lead",
        "abcdefghijklmno",
    };
    private static final String[] TEXTS = {"", "hello", "日本語", "emoji 😀👩‍💻", "\u0000nul", "𝄞"};

    @TempDir
    java.nio.file.Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyBinComesBackByteForByte(long seed) throws IOException {
        Random random = new Random(seed);
        Map<String, Integer> fixedType = new HashMap<>();
        for (String name : NAMES) {
            fixedType.put(name, TYPES[random.nextInt(TYPES.length)]);
        }
        List<BackupRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(record(random, fixedType, i));
        }
        Path path = new Path(dir.toUri().toString(), "p-" + seed + ".parquet");
        ParquetWriteOptions options = ParquetWriteOptions.builder().rowGroupSize(64 << 10).pageSize(8 << 10).build();
        BackupFileWriter writer = ParquetTestFiles.write(path, records, options, SAMPLE_ROWS);

        List<BackupRecord> read = ParquetTestFiles.readAll(path);
        assertThat(read).hasSameSizeAs(records);
        for (int i = 0; i < records.size(); i++) {
            BackupRecord want = records.get(i);
            BackupRecord got = read.get(i);
            assertThat(got.digest()).isEqualTo(want.digest());
            assertThat(got.setName()).isEqualTo(want.setName());
            assertThat(got.userKey()).isEqualTo(want.userKey());
            assertThat(got.generation()).isEqualTo(want.generation());
            assertThat(got.voidTime()).isEqualTo(want.voidTime());
            assertThat(got.operation()).isEqualTo(want.operation());
            assertThat(ParquetTestFiles.binBytes(got)).as("row %d", i).isEqualTo(ParquetTestFiles.binBytes(want));
        }
        BinColumns columns = writer.columns();
        for (String fallback : new String[] {"mixed", "late", "名前", "émoji😀", "x-y.z", "digest", "Generation",
            "Tag", "tag", "", "0lead"}) {
            assertThat(columns.indexOf(fallback)).as(fallback).isEqualTo(-1);
        }
        for (String typed : new String[] {"age", "score", "select", "abcdefghijklmno", "drift"}) {
            assertThat(columns.indexOf(typed)).as(typed).isGreaterThanOrEqualTo(0);
        }
        assertThat(columns.type(columns.indexOf("drift"))).isEqualTo(ParticleTypes.INTEGER);
    }

    private static BackupRecord record(Random random, Map<String, Integer> fixedType, int row) {
        byte[] digest = new byte[20];
        random.nextBytes(digest);
        if (random.nextInt(12) == 0) {
            return new BackupRecord(digest, null, null, 3, 0, RecordOperation.DELETE, List.of());
        }
        Map<String, BackupBin> bins = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (random.nextInt(3) > 0) {
                bins.put(name, bin(random, name, fixedType.get(name)));
            }
        }
        bins.put("mixed", bin(random, "mixed", TYPES[random.nextInt(TYPES.length)])); // type varies per row
        // Integer while the schema is sampled, then sometimes a string: those rows use the fallback.
        bins.put("drift", bin(random, "drift", row >= SAMPLE_ROWS && random.nextBoolean()
                ? ParticleTypes.STRING : ParticleTypes.INTEGER));
        if (row >= SAMPLE_ROWS && random.nextBoolean()) {
            bins.put("late", bin(random, "late", ParticleTypes.INTEGER)); // first seen after the schema is fixed
        }
        List<BackupBin> list = new ArrayList<>(bins.values());
        java.util.Collections.shuffle(list, random);
        UserKey key = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new UserKey(ParticleTypes.INTEGER, random.nextLong());
            case 2 -> new UserKey(ParticleTypes.STRING, TEXTS[random.nextInt(TEXTS.length)]);
            default -> new UserKey(ParticleTypes.BLOB, bytes(random, random.nextInt(5)));
        };
        return new BackupRecord(digest, random.nextBoolean() ? null : "set😀", key, random.nextInt(65536),
                random.nextBoolean() ? 0 : random.nextInt(Integer.MAX_VALUE), RecordOperation.UPSERT, list);
    }

    /** A bin as the scan makes it: from particle bytes, no Java value. */
    private static BackupBin bin(Random random, String name, int type) {
        return BackupBin.ofServerParticle(name, type, particle(random, type));
    }

    static byte[] particle(Random random, int type) {
        switch (type) {
            case ParticleTypes.INTEGER:
                return Particles.longBytes(random.nextBoolean() ? random.nextLong() : random.nextInt(3) - 1);
            case ParticleTypes.DOUBLE:
                long[] odd = {Double.doubleToRawLongBits(-0.0), 0x7ff8000000000000L, 0x7ff0000000000001L,
                    0xfff8000000000123L, Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY)};
                return Particles.longBytes(random.nextBoolean() ? odd[random.nextInt(odd.length)]
                        : Double.doubleToRawLongBits(random.nextGaussian()));
            case ParticleTypes.STRING:
                return TEXTS[random.nextInt(TEXTS.length)].getBytes(StandardCharsets.UTF_8);
            case ParticleTypes.BOOL:
                return new byte[] {(byte) random.nextInt(2)};
            case ParticleTypes.GEOJSON:
                return ("{\"type\":\"Point\",\"coordinates\":[" + random.nextInt(180) + ".5,1]}")
                        .getBytes(StandardCharsets.UTF_8);
            case ParticleTypes.LIST:
                return list(random);
            case ParticleTypes.MAP:
                return map(random);
            default: // blobs, legacy blobs, HLL
                return bytes(random, random.nextInt(3) == 0 ? 0 : random.nextInt(48));
        }
    }

    /** Unordered, or ordered: array header n+1, then the order extension C7 00 01, then the items. */
    private static byte[] list(Random random) {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            items.add(random.nextBoolean() ? (Object) random.nextLong() : TEXTS[random.nextInt(TEXTS.length)]);
        }
        byte[] plain = MsgPackCodec.pack(items); // fixarray: one header byte
        if (random.nextBoolean()) {
            return plain;
        }
        byte[] ordered = new byte[plain.length + 3];
        ordered[0] = (byte) (0x90 | (items.size() + 1));
        ordered[1] = (byte) 0xC7;
        ordered[2] = 0;
        ordered[3] = 1;
        System.arraycopy(plain, 1, ordered, 4, plain.length - 1);
        return ordered;
    }

    /** Unordered, key-ordered (flag 1) or key-value-ordered (flag 3); empty maps too. */
    private static byte[] map(Random random) {
        int kind = random.nextInt(3);
        Map<Object, Object> map = kind == 0 ? new HashMap<>() : new TreeMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            map.put("k" + random.nextInt(100), random.nextBoolean() ? random.nextLong() : List.of(1L, "x"));
        }
        byte[] packed = MsgPackCodec.pack(map);
        if (kind == 2) {
            packed[3] = 3; // fixmap header, C7, 00, flags
        }
        return packed;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
