package io.aerobackup.benchmark;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.MsgPackCodec;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.record.UserKey;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.sink.parquet.V1BackupWriterFactory;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Single-thread Parquet sink throughput: format 1.0 (list of variant bins, V1BackupWriterFactory)
 * against format 2.0 (one typed column per bin, ParquetBackupWriterFactory) on the same records,
 * written through a Flink LocalFileSystem stream as the FileSink does. Bins are made from particle
 * bytes as the scan makes them, fresh for every run (1.0 decodes values, and a bin caches its
 * decoded value), and only the writer is timed.
 * Shape: integer id, double, ~30-char string, 0-40-byte blob, boolean; a list in 1/3 of the records,
 * a key-ordered map in 1/4, an integer-keyed map in 1/5, a GeoJSON point in 1/7, a bin with a
 * 15-character name holding a 150-character string in 1/11; integer user keys.
 * Usage: ParquetWriterBenchmark [records] [rounds] [profile-2.0] (the last runs only 2.0, for a profiler).
 */
public final class ParquetWriterBenchmark {
    private ParquetWriterBenchmark() {
    }

    /** A bin's parts, kept so every run gets new BackupBin objects over the same particle bytes. */
    record Template(byte[] digest, long key, String[] names, int[] types, byte[][] particles) {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Template> templates = templates(count);
        long binBytes = 0;
        for (BackupRecord r : records(templates)) {
            binBytes += RecordSizes.binBytes(r);
        }
        System.out.printf("%,d records, %,d bytes of bin data (%.0f bytes/record), best of %d rounds after a warm-up%n",
                count, binBytes, (double) binBytes / count, rounds);
        java.nio.file.Path dir = Files.createTempDirectory("parquet-writer-bench-");
        Path file = new Path(dir.toUri().toString(), "part-0.parquet");
        if (args.length > 2 && args[2].equals("profile-2.0")) {
            BulkWriter.Factory<BackupRecord> v2 = new ParquetBackupWriterFactory(ParquetWriteOptions.builder()
                    .codec(ParquetWriteOptions.Codec.UNCOMPRESSED).build());
            for (int round = 0; round < rounds; round++) {
                print("UNCOMPRESSED 2.0", count, binBytes, time(v2, records(templates), file), 0);
            }
            return;
        }
        for (ParquetWriteOptions.Codec codec : new ParquetWriteOptions.Codec[] {
            ParquetWriteOptions.Codec.ZSTD, ParquetWriteOptions.Codec.UNCOMPRESSED}) {
            ParquetWriteOptions options = ParquetWriteOptions.builder().codec(codec).build();
            BulkWriter.Factory<BackupRecord> v1 = new V1BackupWriterFactory(options);
            BulkWriter.Factory<BackupRecord> v2 = new ParquetBackupWriterFactory(options);
            List<Template> warm = templates.subList(0, count / 5);
            time(v1, records(warm), file);
            time(v2, records(warm), file);
            double[] v1Best = {Double.MAX_VALUE, Double.MAX_VALUE};
            double[] v2Best = {Double.MAX_VALUE, Double.MAX_VALUE};
            long v1Size = 0;
            long v2Size = 0;
            for (int round = 0; round < rounds; round++) { // interleaved, so drift hits both alike
                best(v1Best, time(v1, records(templates), file));
                v1Size = Files.size(java.nio.file.Path.of(file.toUri()));
                best(v2Best, time(v2, records(templates), file));
                v2Size = Files.size(java.nio.file.Path.of(file.toUri()));
            }
            print(codec + " 1.0", count, binBytes, v1Best, v1Size);
            print(codec + " 2.0", count, binBytes, v2Best, v2Size);
            System.out.printf("%s 2.0/1.0 speed-up: %.2fx wall, %.2fx writer-thread CPU; size %.2f of 1.0%n", codec,
                    v1Best[0] / v2Best[0], v1Best[1] / v2Best[1], (double) v2Size / v1Size);
        }
        FileSystem.getLocalFileSystem().delete(file, false);
        Files.deleteIfExists(dir);
    }

    /**
     * Wall and writer-thread CPU seconds to write the records to one file, footer included. CPU
     * time is reported too because the benchmark machine's cores are shared with other builds.
     */
    private static double[] time(BulkWriter.Factory<BackupRecord> factory, List<BackupRecord> records, Path file)
            throws Exception {
        System.gc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FileSystem fs = FileSystem.getLocalFileSystem();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        try (FSDataOutputStream out = fs.create(file, FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<BackupRecord> writer = factory.create(out);
            for (BackupRecord record : records) {
                writer.addElement(record);
            }
            writer.finish();
        }
        return new double[] {(System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9};
    }

    private static void best(double[] best, double[] run) {
        best[0] = Math.min(best[0], run[0]);
        best[1] = Math.min(best[1], run[1]);
    }

    private static void print(String what, int count, long binBytes, double[] seconds, long size) {
        System.out.printf("%s: %.2f s wall = %,10.0f records/s, %6.1f MB/s of bin data; %.2f s CPU = %,10.0f records/s;"
                + " file %,d bytes (%.2f of bin data)%n", what, seconds[0], count / seconds[0],
                binBytes / seconds[0] / 1e6, seconds[1], count / seconds[1], size, (double) size / binBytes);
    }

    /** Fresh records over the templates' bytes, as a scan delivers them (BackupBin.ofServerParticle). */
    static List<BackupRecord> records(List<Template> templates) {
        List<BackupRecord> out = new ArrayList<>(templates.size());
        for (Template t : templates) {
            List<BackupBin> bins = new ArrayList<>(t.names.length);
            for (int b = 0; b < t.names.length; b++) {
                bins.add(BackupBin.ofServerParticle(t.names[b], t.types[b], t.particles[b]));
            }
            out.add(new BackupRecord(t.digest, "bench", new UserKey(ParticleTypes.INTEGER, t.key), 3, 0,
                    RecordOperation.UPSERT, bins));
        }
        return out;
    }

    static List<Template> templates(int count) {
        Random random = new Random(42);
        List<Template> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] digest = new byte[BackupRecord.DIGEST_LENGTH];
            random.nextBytes(digest);
            List<String> names = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            List<byte[]> particles = new ArrayList<>();
            add(names, types, particles, "id", ParticleTypes.INTEGER, Particles.longBytes(i));
            add(names, types, particles, "score", ParticleTypes.DOUBLE,
                    Particles.longBytes(Double.doubleToRawLongBits(random.nextDouble() * 100)));
            add(names, types, particles, "name", ParticleTypes.STRING,
                    utf8("customer-" + i + "-" + Long.toHexString(random.nextLong())));
            byte[] blob = new byte[random.nextInt(41)];
            random.nextBytes(blob);
            add(names, types, particles, "payload", ParticleTypes.BLOB, blob);
            add(names, types, particles, "active", ParticleTypes.BOOL, new byte[] {(byte) (i & 1)});
            if (i % 3 == 0) {
                add(names, types, particles, "items", ParticleTypes.LIST,
                        MsgPackCodec.pack(List.of((long) i, "item-" + (i % 100), random.nextDouble())));
            }
            if (i % 4 == 0) {
                add(names, types, particles, "prefs", ParticleTypes.MAP, MsgPackCodec.pack(new TreeMap<>(Map.of(
                        "lang", "en", "theme", i % 2 == 0 ? "dark" : "light", "zoom", (long) (i % 5)))));
            }
            if (i % 5 == 0) {
                Map<Object, Object> counts = new HashMap<>();
                for (long k = 0; k < 4; k++) {
                    counts.put(k, (long) random.nextInt(1000));
                }
                add(names, types, particles, "counts", ParticleTypes.MAP, MsgPackCodec.pack(counts));
            }
            if (i % 7 == 0) {
                add(names, types, particles, "location", ParticleTypes.GEOJSON, utf8("{\"type\":\"Point\",\"coordinates\":["
                        + (random.nextInt(360) - 180) + "." + random.nextInt(1000) + ","
                        + (random.nextInt(180) - 90) + "." + random.nextInt(1000) + "]}"));
            }
            if (i % 11 == 0) {
                add(names, types, particles, "description_15c", ParticleTypes.STRING, utf8(text(random, 150)));
            }
            out.add(new Template(digest, i, names.toArray(new String[0]),
                    types.stream().mapToInt(Integer::intValue).toArray(), particles.toArray(new byte[0][])));
        }
        return out;
    }

    private static void add(List<String> names, List<Integer> types, List<byte[]> particles, String name, int type,
                            byte[] particle) {
        names.add(name);
        types.add(type);
        particles.add(particle);
    }

    private static String text(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
