package io.aerobackup.benchmark;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ClientRecords;
import io.aerobackup.source.rawscan.RawScan;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

/**
 * Client-side cost of a full partition scan, three ways over the same records: the client's
 * scanPartitions to a no-op callback (the client decodes every value), the same plus the
 * conversion the backup used to make ({@link ClientRecords}), and {@link RawScan} into a counting
 * consumer (bins as particle bytes). Prints records/s and the process CPU per record; run the
 * server in another process so that the CPU figures are the client's alone.
 *
 * <pre>
 * RawScanBenchmark --hosts 127.0.0.1:3000 [--namespace test] [--set S] [--rounds 3]
 *                  [--load N [--rich]]   load N records into a new set first, truncate it afterwards
 * </pre>
 */
public final class RawScanBenchmark {
    private RawScanBenchmark() {
    }

    private interface Mode {
        long scan(AerospikeClient client, String namespace, String set);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        String hosts = require(opts, "--hosts");
        String namespace = opts.getOrDefault("--namespace", "test");
        String set = opts.get("--set");
        int rounds = Integer.parseInt(opts.getOrDefault("--rounds", "3"));
        int load = Integer.parseInt(opts.getOrDefault("--load", "0"));
        ClientPolicy clientPolicy = new ClientPolicy();
        clientPolicy.timeout = 5000;
        try (AerospikeClient client = new AerospikeClient(clientPolicy, Host.parseHosts(hosts, 3000))) {
            if (load > 0) {
                set = "rawbench" + System.currentTimeMillis() % 100000;
                load(client, namespace, set, load, opts.containsKey("--rich"));
            }
            Map<String, Mode> modes = new LinkedHashMap<>();
            modes.put("client scan, no-op callback", RawScanBenchmark::clientScan);
            modes.put("client scan + ClientRecords", RawScanBenchmark::clientScanConverted);
            modes.put("raw scan, counting consumer", RawScanBenchmark::rawScan);
            System.out.printf("scanning namespace %s%s at %s, %d rounds after a warm-up, %d cores%n", namespace,
                    set == null ? "" : " set " + set, hosts, rounds, Runtime.getRuntime().availableProcessors());
            try {
                run(client, namespace, set, rounds, modes);
            } finally {
                if (load > 0) {
                    client.truncate(null, namespace, set, null);
                }
            }
        }
    }

    private static void run(AerospikeClient client, String namespace, String set, int rounds, Map<String, Mode> modes) {
        modes.forEach((name, mode) -> mode.scan(client, namespace, set)); // warm-up
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            // Interleaved, so that server-side drift hits every mode alike.
            for (Map.Entry<String, Mode> e : modes.entrySet()) {
                double[] r = measure(client, namespace, set, e.getValue());
                results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(r);
                System.out.printf("  round %d %-30s %,12.0f records/s  %6.2f µs CPU/record  (%,d records)%n",
                        round + 1, e.getKey(), r[0], r[1], (long) r[2]);
            }
        }
        System.out.println("median over rounds:");
        double baseCpu = 0;
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double rate = median(e.getValue(), 0);
            double cpu = median(e.getValue(), 1);
            baseCpu = baseCpu == 0 ? cpu : baseCpu;
            System.out.printf("  %-30s %,12.0f records/s  %6.2f µs CPU/record  (%.2fx the CPU of the first)%n",
                    e.getKey(), rate, cpu, cpu / baseCpu);
        }
    }

    /** records/s, process CPU microseconds per record, records. */
    private static double[] measure(AerospikeClient client, String namespace, String set, Mode mode) {
        System.gc();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long records = mode.scan(client, namespace, set);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (processCpuNanos() - cpu0) / 1e3;
        if (records == 0) {
            throw new IllegalStateException("the scan found no records; load some with --load N");
        }
        return new double[] {records / seconds, cpuMicros / records, records};
    }

    private static long clientScan(AerospikeClient client, String namespace, String set) {
        LongAdder count = new LongAdder();
        client.scanPartitions(new ScanPolicy(), PartitionFilter.all(), namespace, set, (k, r) -> count.increment());
        return count.sum();
    }

    private static long clientScanConverted(AerospikeClient client, String namespace, String set) {
        LongAdder count = new LongAdder();
        LongAdder bins = new LongAdder();
        client.scanPartitions(new ScanPolicy(), PartitionFilter.all(), namespace, set, (k, r) -> {
            bins.add(ClientRecords.toBackupRecord(k, r).bins().size());
            count.increment();
        });
        return count.sum();
    }

    private static long rawScan(AerospikeClient client, String namespace, String set) {
        LongAdder count = new LongAdder();
        LongAdder bytes = new LongAdder();
        new RawScan(client.getCluster(), new ScanPolicy(), PartitionFilter.all(), namespace, set, null,
                (BackupRecord r) -> {
                    long b = 0;
                    for (BackupBin bin : r.bins()) {
                        b += bin.particle().length;
                    }
                    bytes.add(b);
                    count.increment();
                }).run();
        return count.sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static void load(AerospikeClient client, String namespace, String set, int records, boolean rich) {
        Random random = new Random(1);
        long start = System.nanoTime();
        for (int first = 0; first < records; first += 1000) {
            List<BatchRecord> batch = new ArrayList<>(1000);
            for (int i = first; i < Math.min(records, first + 1000); i++) {
                List<Bin> bins = new ArrayList<>(Arrays.asList(EmbeddedServerBenchmark.sampleBins(random, i)));
                if (rich) {
                    // A small list and map, as document-style records have: the client decodes them to collections.
                    bins.add(new Bin("tags", List.of((long) i, random.nextLong(), "t" + (i % 97), 2.5d)));
                    bins.add(new Bin("attrs", Map.of("a", (long) i, "b", "x" + (i % 13), "c", random.nextDouble())));
                }
                batch.add(new BatchWrite(new Key(namespace, set, i),
                        bins.stream().map(Operation::put).toArray(Operation[]::new)));
            }
            client.operate(null, batch);
        }
        System.out.printf("loaded %,d %srecords into %s.%s in %.1f s%n", records, rich ? "rich " : "", namespace, set,
                (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; options start with --");
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(args[i], flag ? "" : args[++i]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required (host:port[,host:port])");
        }
        return value;
    }
}
