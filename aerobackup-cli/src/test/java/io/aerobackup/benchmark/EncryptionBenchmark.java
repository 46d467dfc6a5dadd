package io.aerobackup.benchmark;

import io.aerobackup.crypto.EncryptionKey;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.sink.parquet.ParquetBackupReader;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The cost of encryption at rest on one thread: writing and reading back the same records (the
 * shape of {@link ParquetWriterBenchmark}) as format 2.0 files, ZSTD level 1, in clear and with
 * Parquet modular encryption (AES-GCM, 256-bit key), interleaved so drift on a shared machine hits
 * both alike. Reports the best of the rounds, wall and thread CPU seconds, and file sizes.
 * Usage: EncryptionBenchmark [records] [rounds].
 */
public final class EncryptionBenchmark {
    private EncryptionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<ParquetWriterBenchmark.Template> templates = ParquetWriterBenchmark.templates(count);
        java.nio.file.Path dir = Files.createTempDirectory("encryption-bench-");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key); // a throwaway key, never printed
        java.nio.file.Path keyFile = dir.resolve("bench.key");
        Files.write(keyFile, Base64.getEncoder().encode(key));
        KeyRing keys = KeyRing.of(EncryptionKey.of(key));
        ParquetWriteOptions plain = ParquetWriteOptions.defaults();
        ParquetWriteOptions encrypted = ParquetWriteOptions.builder()
                .encryption(EncryptionOptions.of(List.of(keyFile.toString()), null)).build();
        Path plainFile = new Path(dir.toUri().toString(), "plain.parquet");
        Path encryptedFile = new Path(dir.toUri().toString(), "encrypted.parquet");
        List<ParquetWriterBenchmark.Template> warm = templates.subList(0, count / 5);
        write(new ParquetBackupWriterFactory(plain), ParquetWriterBenchmark.records(warm), plainFile);
        write(new ParquetBackupWriterFactory(encrypted), ParquetWriterBenchmark.records(warm), encryptedFile);
        read(plainFile, KeyRing.EMPTY);
        read(encryptedFile, keys);
        double[][] best = new double[4][];
        for (int round = 0; round < rounds; round++) {
            best[0] = min(best[0], write(new ParquetBackupWriterFactory(plain), ParquetWriterBenchmark.records(templates),
                    plainFile));
            best[1] = min(best[1], write(new ParquetBackupWriterFactory(encrypted),
                    ParquetWriterBenchmark.records(templates), encryptedFile));
            best[2] = min(best[2], read(plainFile, KeyRing.EMPTY));
            best[3] = min(best[3], read(encryptedFile, keys));
        }
        long plainSize = Files.size(dir.resolve("plain.parquet"));
        long encryptedSize = Files.size(dir.resolve("encrypted.parquet"));
        System.out.printf("%,d records, best of %d rounds (wall s / thread CPU s)%n", count, rounds);
        System.out.printf("write plain:     %.2f / %.2f  file %,d bytes%n", best[0][0], best[0][1], plainSize);
        System.out.printf("write encrypted: %.2f / %.2f  file %,d bytes (+%.3f %%)%n", best[1][0], best[1][1],
                encryptedSize, 100.0 * (encryptedSize - plainSize) / plainSize);
        System.out.printf("read plain:      %.2f / %.2f%n", best[2][0], best[2][1]);
        System.out.printf("read encrypted:  %.2f / %.2f%n", best[3][0], best[3][1]);
        System.out.printf("CPU cost of encryption: write +%.1f %% (%.2f CPU-s per 1M), read +%.1f %% (%.2f CPU-s per 1M)%n",
                100 * (best[1][1] / best[0][1] - 1), (best[1][1] - best[0][1]) * 1e6 / count,
                100 * (best[3][1] / best[2][1] - 1), (best[3][1] - best[2][1]) * 1e6 / count);
        Files.deleteIfExists(dir.resolve("plain.parquet"));
        Files.deleteIfExists(dir.resolve("encrypted.parquet"));
        Files.deleteIfExists(keyFile);
        Files.deleteIfExists(dir);
    }

    private static double[] min(double[] best, double[] run) {
        return best == null ? run : new double[] {Math.min(best[0], run[0]), Math.min(best[1], run[1])};
    }

    private static double[] write(BulkWriter.Factory<BackupRecord> factory, List<BackupRecord> records, Path file)
            throws Exception {
        System.gc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem().create(file, FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<BackupRecord> writer = factory.create(out);
            for (BackupRecord record : records) {
                writer.addElement(record);
            }
            writer.finish();
        }
        return new double[] {(System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9};
    }

    private static double[] read(Path file, KeyRing keys) throws Exception {
        System.gc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        long rows = 0;
        try (ParquetBackupReader reader = ParquetBackupReader.open(file, keys)) {
            while (reader.hasNext()) {
                reader.next();
                rows++;
            }
        }
        if (rows == 0) {
            throw new IllegalStateException("no rows read from " + file);
        }
        return new double[] {(System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9};
    }
}
