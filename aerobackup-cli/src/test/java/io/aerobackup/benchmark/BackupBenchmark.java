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
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.ChangeFeedSource;
import io.aerobackup.source.changefeed.Round;
import io.aerobackup.source.reader.ScanProgress;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.job.BackupResult;
import io.aerobackup.job.BackupRunner;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Backup throughput against the raw client, in one run: loads N records of about 300 bytes, times
 * a partition scan to a no-op callback (the baseline), then the backup job to Parquet, and prints
 * records/s of each, their ratio, output bytes against raw bin bytes, and the peak heap.
 * Usage: BackupBenchmark [records] [hosts|embedded] [parallelism]. With hosts, the cluster runs in
 * another JVM, so the peak heap printed is the backup's alone.
 */
public final class BackupBenchmark {
    private BackupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String target = args.length > 1 ? args[1] : "embedded";
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        EmbeddedAerospike server = target.equals("embedded") ? EmbeddedAerospike.builder().build().start() : null;
        String hosts = server != null ? server.hosts() : target;
        try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(hosts, 3000))) {
            String set = "bench" + System.currentTimeMillis() % 100000;
            long binBytes = load(client, set, records);
            System.out.printf("loaded %,d records (%,d bytes of bin data, %.0f bytes/record) into set %s at %s%n",
                    records, binBytes, (double) binBytes / records, set, hosts);
            double scanRate = 0;
            for (int round = 0; round < 2; round++) {
                scanRate = Math.max(scanRate, rawScan(client, set, records));
            }
            System.out.printf("raw client partition scan (best of 2): %,.0f records/s%n", scanRate);
            sourceOnly(hosts, set, records, parallelism);
            java.nio.file.Path dir = Files.createTempDirectory("aerobackup-bench-");
            System.gc();
            HeapSampler heap = HeapSampler.begin();
            BackupResult result = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    BackupTestSupport.spec(hosts, ScanOptions.builder("test").sets(List.of(set)).build(),
                            dir.toUri().toString(), parallelism, Duration.ofSeconds(30)),
                    ProgressListener.NONE, UnaryOperator.identity());
            long backupPeak = heap.finish();
            double backupRate = result.recordsPerSecond();
            System.out.printf("backup job (parallelism %d, ZSTD): %,d records in %.2f s = %,.0f records/s, %.1f MB/s of bin data%n",
                    parallelism, result.manifest().recordCount(), result.elapsed().toMillis() / 1000.0, backupRate,
                    result.bandwidthBytesPerSecond() / 1e6);
            double jobRate = result.manifest().recordCount() / (result.jobRuntime().toMillis() / 1000.0);
            System.out.printf("  of which the Flink job ran %.2f s = %,.0f records/s (start-up, checks and the"
                    + " manifest take the rest)%n", result.jobRuntime().toMillis() / 1000.0, jobRate);
            System.out.printf("ratio backup/raw scan: %.2f end to end, %.2f for the job alone%n", backupRate / scanRate,
                    jobRate / scanRate);
            System.out.printf("output: %,d bytes in %d files = %.2f of raw bin bytes%n", result.manifest().fileBytes(),
                    result.manifest().files().size(), (double) result.manifest().fileBytes() / binBytes);
            System.out.printf("peak heap in use during the backup (sampled every 20 ms): %,d MiB of %,d MiB max%n",
                    backupPeak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The scan source (one full round) into a discarding sink: what the job costs without writing Parquet. */
    private static void sourceOnly(String hosts, String set, int records, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        Round round = new Round(1, BackupManifest.FULL, "bench-source-only", null, null, null,
                System.currentTimeMillis(), null, null, false);
        ChangeFeedSource source = new ChangeFeedSource(new ConnectionOptions(hosts, Duration.ofSeconds(5)),
                ScanOptions.builder("test").sets(List.of(set)).build(),
                ChangeFeedOptions.oneRound("file:///unused", Duration.ZERO, round, Clock.systemUTC()),
                new ScanProgress("bench-source-only"));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "scan").sinkTo(new DiscardingSink<>());
        long millis = env.execute("source only").getNetRuntime();
        System.out.printf("scan source into a discarding sink (parallelism %d): %.2f s = %,.0f records/s%n",
                parallelism, millis / 1000.0, records / (millis / 1000.0));
    }

    private static long load(AerospikeClient client, String set, int records) {
        LongAdder bytes = new LongAdder();
        Random random = new Random(1);
        BatchPolicy policy = new BatchPolicy();
        for (int first = 0; first < records; first += 1000) {
            List<BatchRecord> batch = new ArrayList<>(1000);
            for (int i = first; i < Math.min(records, first + 1000); i++) {
                Bin[] bins = EmbeddedServerBenchmark.sampleBins(random, i);
                for (Bin bin : bins) {
                    bytes.add(bin.name.length() + bin.value.estimateSize());
                }
                batch.add(new BatchWrite(new Key("test", set, i), Operation.array(Operation.put(bins[0]),
                        Operation.put(bins[1]), Operation.put(bins[2]), Operation.put(bins[3]))));
            }
            client.operate(policy, batch);
        }
        return bytes.sum();
    }

    private static double rawScan(AerospikeClient client, String set, int records) {
        LongAdder count = new LongAdder();
        long start = System.nanoTime();
        client.scanPartitions(null, PartitionFilter.all(), "test", set, (k, r) -> count.increment());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (count.sum() != records) {
            throw new IllegalStateException("raw scan saw " + count.sum() + " of " + records);
        }
        return records / seconds;
    }

    /** Samples the heap in use, to report the backup's peak rather than the pools' unrelated peaks. */
    private static final class HeapSampler extends Thread {
        private volatile boolean running = true;
        private volatile long peak;

        static HeapSampler begin() {
            HeapSampler sampler = new HeapSampler();
            sampler.setDaemon(true);
            sampler.start();
            return sampler;
        }

        @Override
        public void run() {
            Runtime runtime = Runtime.getRuntime();
            while (running) {
                peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long finish() {
            running = false;
            return peak;
        }
    }
}
