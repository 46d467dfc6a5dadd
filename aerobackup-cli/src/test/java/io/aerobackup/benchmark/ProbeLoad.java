package io.aerobackup.benchmark;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Host;
import com.aerospike.client.Operation;
import com.aerospike.client.ScanCallback;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Helpers of benchmarks/run.sh for the CLI benchmark against a running server.
 * <pre>
 *   ProbeLoad load HOSTS NAMESPACE RECORDS     truncate the namespace, load RECORDS probe records
 *   ProbeLoad scan HOSTS NAMESPACE             the raw client partition scan to a no-op callback (the baseline)
 *   ProbeLoad count HOSTS NAMESPACE            count the records a scan returns
 *   ProbeLoad truncate HOSTS NAMESPACE         truncate the namespace and wait until it is empty
 * </pre>
 */
public final class ProbeLoad {
    private static final int BATCH = 500;

    private ProbeLoad() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        String namespace = args[2];
        try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(args[1], 3000))) {
            switch (what) {
                case "load":
                    truncate(client, namespace);
                    load(client, namespace, Long.parseLong(args[3]));
                    break;
                case "scan":
                    long start = System.nanoTime();
                    long n = scan(client, namespace, (key, record) -> { });
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("raw client scan: %,d records in %.2f s = %,.0f records/s%n", n, seconds,
                            n / seconds);
                    break;
                case "count":
                    System.out.println(scan(client, namespace, (key, record) -> { }));
                    break;
                case "truncate":
                    truncate(client, namespace);
                    break;
                default:
                    throw new IllegalArgumentException("unknown command " + what);
            }
        }
    }

    private static long scan(AerospikeClient client, String namespace, ScanCallback callback) {
        AtomicLong count = new AtomicLong();
        ScanPolicy policy = new ScanPolicy();
        client.scanPartitions(policy, PartitionFilter.all(), namespace, null, (key, record) -> {
            callback.scanCallback(key, record);
            count.incrementAndGet();
        });
        return count.get();
    }

    private static void truncate(AerospikeClient client, String namespace) throws InterruptedException {
        client.truncate(null, namespace, null, null);
        long deadline = System.currentTimeMillis() + 120_000;
        while (scan(client, namespace, (key, record) -> { }) > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("namespace " + namespace + " is not empty 120 s after truncate");
            }
            Thread.sleep(500);
        }
    }

    private static void load(AerospikeClient client, String namespace, long records) throws Exception {
        long start = System.nanoTime();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        BatchPolicy batchPolicy = new BatchPolicy();
        batchPolicy.totalTimeout = 60_000;
        batchPolicy.socketTimeout = 60_000;
        BatchWritePolicy writePolicy = new BatchWritePolicy();
        writePolicy.sendKey = true;
        for (int t = 0; t < threads; t++) {
            final int thread = t;
            futures.add(pool.submit(() -> {
                List<BatchRecord> batch = new ArrayList<>(BATCH);
                for (long i = thread; i < records; i += threads) {
                    batch.add(new BatchWrite(writePolicy, ProbeRecords.key(namespace, "probe", i),
                            puts(ProbeRecords.bins(i, 1))));
                    if (batch.size() == BATCH) {
                        write(client, batchPolicy, batch);
                    }
                }
                write(client, batchPolicy, batch);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("loaded %,d probe records into %s in %.1f s%n", records, namespace,
                (System.nanoTime() - start) / 1e9);
    }

    private static Operation[] puts(com.aerospike.client.Bin[] bins) {
        Operation[] ops = new Operation[bins.length];
        for (int b = 0; b < bins.length; b++) {
            ops[b] = Operation.put(bins[b]);
        }
        return ops;
    }

    private static void write(AerospikeClient client, BatchPolicy policy, List<BatchRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (!client.operate(policy, batch)) {
            for (BatchRecord r : batch) {
                if (r.resultCode != 0) {
                    throw new IllegalStateException("load failed: result code " + r.resultCode + " for " + r.key);
                }
            }
        }
        batch.clear();
    }
}
