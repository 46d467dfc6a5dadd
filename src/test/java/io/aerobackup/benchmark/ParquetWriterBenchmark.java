package io.aerobackup.benchmark;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.sink.parquet.AvroBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Single-thread Parquet sink throughput: the former Avro path (AvroBackupWriterFactory) against
 * ParquetBackupWriterFactory (BackupWriteSupport), on records shaped like the backup benchmark's
 * (EmbeddedServerBenchmark.sampleBins), written through a Flink LocalFileSystem stream as the
 * FileSink does. Records are built up front, so only the writer is timed.
 * Usage: ParquetWriterBenchmark [records] [rounds].
 */
public final class ParquetWriterBenchmark {
    private ParquetWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<BackupRecord> records = records(count);
        long binBytes = binBytes(records);
        System.out.printf("%,d records, %,d bytes of bin data (%.0f bytes/record), best of %d rounds after a warm-up%n",
                count, binBytes, (double) binBytes / count, rounds);
        java.nio.file.Path dir = Files.createTempDirectory("parquet-writer-bench-");
        Path file = new Path(dir.toUri().toString(), "part-0.parquet");
        for (ParquetWriteOptions.Codec codec : new ParquetWriteOptions.Codec[] {
            ParquetWriteOptions.Codec.ZSTD, ParquetWriteOptions.Codec.UNCOMPRESSED}) {
            ParquetWriteOptions options = ParquetWriteOptions.builder().codec(codec).build();
            BulkWriter.Factory<BackupRecord> avro = new AvroBackupWriterFactory(options);
            BulkWriter.Factory<BackupRecord> direct = new ParquetBackupWriterFactory(options);
            time(avro, records.subList(0, count / 5), file); // warm-up of both paths
            time(direct, records.subList(0, count / 5), file);
            double avroBest = Double.MAX_VALUE;
            double directBest = Double.MAX_VALUE;
            long size = 0;
            for (int round = 0; round < rounds; round++) { // interleaved, so drift hits both alike
                avroBest = Math.min(avroBest, time(avro, records, file));
                directBest = Math.min(directBest, time(direct, records, file));
                size = Files.size(java.nio.file.Path.of(file.toUri()));
            }
            print(codec + " avro  ", count, binBytes, avroBest);
            print(codec + " direct", count, binBytes, directBest);
            System.out.printf("%s direct/avro: %.2fx (file %,d bytes = %.2f of bin data)%n", codec,
                    avroBest / directBest, size, (double) size / binBytes);
        }
        FileSystem.getLocalFileSystem().delete(file, false);
        Files.deleteIfExists(dir);
    }

    /** Seconds to write the records to one file, footer included. */
    private static double time(BulkWriter.Factory<BackupRecord> factory, List<BackupRecord> records, Path file)
            throws Exception {
        FileSystem fs = FileSystem.getLocalFileSystem();
        long start = System.nanoTime();
        try (FSDataOutputStream out = fs.create(file, FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<BackupRecord> writer = factory.create(out);
            for (BackupRecord record : records) {
                writer.addElement(record);
            }
            writer.finish();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(String what, int count, long binBytes, double seconds) {
        System.out.printf("%s: %.2f s = %,10.0f records/s, %6.1f MB/s of bin data%n", what, seconds, count / seconds,
                binBytes / seconds / 1e6);
    }

    /** As EmbeddedServerBenchmark.sampleBins (id, score, name, 220-byte payload); no user key, as a scan. */
    private static List<BackupRecord> records(int count) {
        Random random = new Random(42);
        List<BackupRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] digest = new byte[BackupRecord.DIGEST_LENGTH];
            random.nextBytes(digest);
            byte[] payload = new byte[220];
            random.nextBytes(payload);
            out.add(new BackupRecord(digest, "bench", null, 1, 0, RecordOperation.UPSERT, List.of(
                    new BackupBin("id", ParticleTypes.INTEGER, (long) i),
                    new BackupBin("score", ParticleTypes.DOUBLE, random.nextDouble()),
                    new BackupBin("name", ParticleTypes.STRING, "customer-" + i + "-" + Long.toHexString(random.nextLong())),
                    new BackupBin("payload", ParticleTypes.BLOB, payload))));
        }
        return out;
    }

    /** Bin names plus values, as the backup benchmark counts them (8 bytes per number). */
    private static long binBytes(List<BackupRecord> records) {
        long total = 0;
        for (BackupRecord record : records) {
            for (BackupBin bin : record.bins()) {
                Object v = bin.value();
                total += bin.name().length() + (v instanceof byte[] ? ((byte[]) v).length
                        : v instanceof String ? ((String) v).getBytes(StandardCharsets.UTF_8).length : 8);
            }
        }
        return total;
    }
}
