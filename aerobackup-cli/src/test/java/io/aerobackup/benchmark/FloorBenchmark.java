package io.aerobackup.benchmark;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.sink.parquet.BackupFileWriter;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.source.rawscan.RawScan;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The floor of a backup's client CPU in this format, without Flink: {@code threads} threads, each
 * running {@link RawScan} over its share of the 4096 partitions straight into one
 * {@link BackupFileWriter} (typed Parquet, the default ZSTD level, SHA-256 while writing) on the
 * scan thread itself: no queues, no hand-over, no job. Run it under {@code /usr/bin/time} in its
 * own JVM, as the CLI benchmark runs {@code bin/aerobackup}; {@code scan} mode drops the records
 * instead, for the scan's share.
 * <pre>
 * FloorBenchmark HOSTS NAMESPACE OUT_DIR [threads] [write|scan]
 * </pre>
 */
public final class FloorBenchmark {
    private FloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[1];
        Path out = new Path(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        boolean write = args.length <= 4 || "write".equals(args[4]);
        ClientPolicy clientPolicy = new ClientPolicy();
        clientPolicy.timeout = 5000;
        long start = System.nanoTime();
        AtomicLong records = new AtomicLong();
        try (AerospikeClient client = new AerospikeClient(clientPolicy, Host.parseHosts(args[0], 3000))) {
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            int per = 4096 / threads;
            for (int t = 0; t < threads; t++) {
                int begin = t * per;
                int count = t == threads - 1 ? 4096 - begin : per;
                Path file = new Path(out, "part-" + t + ".parquet");
                Thread worker = new Thread(() -> {
                    try {
                        records.addAndGet(scanInto(client, namespace, begin, count, write ? file : null));
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "floor-" + t);
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a scan failed", failures.get(0));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("floor (%s, %d threads): %,d records in %.2f s = %,.0f records/s%n",
                write ? "raw scan into Parquet" : "raw scan only", threads, records.get(), seconds,
                records.get() / seconds);
    }

    private static long scanInto(AerospikeClient client, String namespace, int begin, int count, Path file)
            throws IOException {
        AtomicLong n = new AtomicLong();
        FSDataOutputStream stream = null;
        BackupFileWriter writer = null;
        Consumer<BackupRecord> consumer;
        if (file == null) {
            consumer = record -> n.incrementAndGet();
        } else {
            stream = FileSystem.getLocalFileSystem().create(file, FileSystem.WriteMode.OVERWRITE);
            BackupFileWriter fileWriter = new ParquetBackupWriterFactory(ParquetWriteOptions.defaults()).create(stream);
            writer = fileWriter;
            consumer = record -> {
                try {
                    fileWriter.addElement(record);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                n.incrementAndGet();
            };
        }
        ScanPolicy policy = new ScanPolicy();
        policy.socketTimeout = 30_000;
        new RawScan(client.getCluster(), policy, PartitionFilter.range(begin, count), namespace, null, null, consumer)
                .run();
        if (writer != null) {
            writer.finish();
            stream.close();
        }
        return n.get();
    }
}
