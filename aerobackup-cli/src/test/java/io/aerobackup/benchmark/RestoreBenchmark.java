package io.aerobackup.benchmark;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.BackupRunner;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.restore.RestoreResult;
import io.aerobackup.restore.RestoreRunner;
import io.aerobackup.restore.RestoreSpec;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Restore throughput against raw client batch writes of the same records, in one run: loads N
 * records of about 300 bytes into "test", backs them up, times raw batch writes of the same data
 * into "restore" (8 threads, 128-record batches: the restore's 2 writers x 4 batches in flight),
 * then the restore job into "restore", with the process CPU it used.
 * Usage: RestoreBenchmark [records] [hosts] [parallelism] [scalar|document].
 */
public final class RestoreBenchmark {
    /** Whether records are documents (lists, maps, GeoJSON) instead of the ~300-byte scalar records. */
    private static boolean documents;

    private RestoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String hosts = args[1];
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        documents = args.length > 3 && args[3].equals("document");
        try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(hosts, 3000))) {
            String set = "rbench" + System.currentTimeMillis() % 100000;
            write(client, "test", set, records, 8);
            java.nio.file.Path dir = Files.createTempDirectory("aerobackup-rbench-");
            BackupManifest manifest = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    BackupTestSupport.spec(hosts, ScanOptions.builder("test").sets(List.of(set)).build(),
                            dir.toUri().toString(), parallelism, Duration.ofSeconds(30)),
                    ProgressListener.NONE, UnaryOperator.identity()).manifest();
            System.out.printf("backed up %,d records of set %s%n", manifest.recordCount(), set);
            double raw = write(client, "restore", set + "raw", records, 8);
            System.out.printf("raw client batch writes (8 threads, 128 per batch): %,.0f records/s%n", raw);
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            RestoreResult result = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    new RestoreSpec(new ConnectionOptions(hosts, Duration.ofSeconds(5)), dir.toUri().toString(), "test",
                            manifest.backupId(), null, RestoreWriteOptions.builder("restore").build(), parallelism,
                            false, false, false), ProgressListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            double rate = result.written() / seconds;
            System.out.printf("restore job (parallelism %d, generation check on): %,d written in %.2f s = %,.0f records/s,"
                    + " %.1f MB/s; skipped %s, failed %s%n", parallelism, result.written(), seconds, rate,
                    result.bandwidthBytesPerSecond() / 1e6, result.skipped(), result.failed());
            System.out.printf("restore job process CPU: %.2f s = %.2f us/record (with a server in another process,"
                    + " this is the restore's own CPU)%n", cpuSeconds,
                    cpuSeconds * 1e6 / Math.max(1, result.written()));
            System.out.printf("ratio restore/raw batch writes: %.2f%n", rate / raw);
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("heap in use after the restore: %,d MiB of %,d MiB max%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
            // Leave a shared server as it was: these sets hold the benchmark's records only.
            client.truncate(null, "test", set, null);
            client.truncate(null, "restore", set, null);
            client.truncate(null, "restore", set + "raw", null);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Batch-writes the benchmark records from several threads; returns records/s. */
    static double write(AerospikeClient client, String namespace, String set, int records, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int first = 0; first < records; first += 128) {
            int from = first;
            int to = Math.min(records, first + 128);
            futures.add(pool.submit(() -> {
                Random random = new Random(from);
                List<BatchRecord> batch = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    Bin[] bins = documents ? documentBins(random, i) : EmbeddedServerBenchmark.sampleBins(random, i);
                    Operation[] ops = new Operation[bins.length];
                    for (int b = 0; b < bins.length; b++) {
                        ops[b] = Operation.put(bins[b]);
                    }
                    batch.add(new BatchWrite(new Key(namespace, set, i), ops));
                }
                client.operate(new BatchPolicy(), batch);
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return records / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * A document record: a list of 10 strings and numbers, a key-ordered map of 8 entries with a
     * nested list, an unordered map of 6 counters, a bool and a GeoJSON point.
     */
    static Bin[] documentBins(Random random, int i) {
        List<Object> tags = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            tags.add(t % 2 == 0 ? "tag-" + random.nextInt(1000) : (Object) (long) random.nextInt(100000));
        }
        java.util.TreeMap<Object, Object> attrs = new java.util.TreeMap<>();
        for (int a = 0; a < 8; a++) {
            attrs.put("attr" + a, a == 7 ? List.of(1L, 2.5, "x") : (Object) ("value-" + random.nextInt(1_000_000)));
        }
        java.util.Map<Object, Object> counts = new java.util.HashMap<>();
        for (int c = 0; c < 6; c++) {
            counts.put("c" + c, (long) random.nextInt());
        }
        String where = "{\"type\":\"Point\",\"coordinates\":[" + random.nextInt(180) + ".25," + random.nextInt(90)
                + ".5]}";
        return new Bin[] {new Bin("id", i), new Bin("name", "customer-" + i), new Bin("active", i % 2 == 0),
            new Bin("tags", tags), new Bin("attrs", attrs), new Bin("counts", counts),
            new Bin("where", com.aerospike.client.Value.getAsGeoJSON(where))};
    }
}
