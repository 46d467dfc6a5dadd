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
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.embedded.EmbeddedAerospike;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput of the embedded server with the real client in the same JVM: batch writes of N
 * records of about 300 bytes, then partition scans of them to a no-op callback. Not a test: it
 * prints figures. Usage: EmbeddedServerBenchmark [records] [nodes] [writerThreads].
 */
public final class EmbeddedServerBenchmark {
    private static final int BATCH_SIZE = 1000;

    private EmbeddedServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int writers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().nodes(nodes).build().start();
             AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(server.hosts(), 3000))) {
            System.out.printf("embedded server: %d node(s); %,d records of ~300 bytes; %d writer threads%n",
                    nodes, records, writers);
            long bytes = write(client, records, writers);
            for (int round = 1; round <= 3; round++) {
                scan(client, records, bytes, round);
            }
            System.out.printf("peak heap: %,d MiB%n", peakHeapBytes() / (1024 * 1024));
        }
    }

    private static long write(AerospikeClient client, int records, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        LongAdder binBytes = new LongAdder();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int first = 0; first < records; first += BATCH_SIZE) {
            int from = first;
            int to = Math.min(records, first + BATCH_SIZE);
            futures.add(pool.submit(() -> {
                Random random = new Random(from);
                List<BatchRecord> batch = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    Bin[] bins = sampleBins(random, i);
                    for (Bin bin : bins) {
                        binBytes.add(bin.name.length() + bin.value.estimateSize());
                    }
                    batch.add(new BatchWrite(new Key("test", "bench", i), Operation.array(
                            Operation.put(bins[0]), Operation.put(bins[1]), Operation.put(bins[2]),
                            Operation.put(bins[3]))));
                }
                if (!client.operate(new BatchPolicy(), batch)) {
                    throw new IllegalStateException("a batch write failed");
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("batch write: %,d records in %.2f s = %,.0f records/s (%.1f MB/s of bin data)%n",
                records, seconds, records / seconds, binBytes.sum() / seconds / 1e6);
        return binBytes.sum();
    }

    /** About 300 bytes of bin data: an integer, a double, a string and a blob. */
    static Bin[] sampleBins(Random random, int i) {
        byte[] payload = new byte[220];
        random.nextBytes(payload);
        return new Bin[] {new Bin("id", i), new Bin("score", random.nextDouble()),
            new Bin("name", "customer-" + i + "-" + Long.toHexString(random.nextLong())),
            new Bin("payload", payload)};
    }

    private static void scan(AerospikeClient client, int records, long bytes, int round) {
        LongAdder count = new LongAdder();
        ScanPolicy policy = new ScanPolicy();
        long start = System.nanoTime();
        client.scanPartitions(policy, PartitionFilter.all(), "test", "bench", (key, record) -> count.increment());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (count.sum() != records) {
            throw new IllegalStateException("scan returned " + count.sum() + " records, expected " + records);
        }
        System.out.printf("partition scan %d: %,d records in %.2f s = %,.0f records/s (%.1f MB/s of bin data)%n",
                round, count.sum(), seconds, count.sum() / seconds, bytes / seconds / 1e6);
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
