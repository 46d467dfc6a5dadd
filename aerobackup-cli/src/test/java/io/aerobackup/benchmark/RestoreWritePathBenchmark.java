package io.aerobackup.benchmark;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Value;
import com.aerospike.client.command.BatchNode;
import com.aerospike.client.command.Command;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.ParticleValue;
import io.aerobackup.record.Particles;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Client CPU of the restore's write path, before and after writing particle bytes as they are, on
 * the same records: "decoded" turns each bin into a client Value from its decoded Java value (the
 * previous path: msgpack is unpacked, then re-packed by the client), "particle" sends the bytes
 * through {@link ParticleValue} (the restore's path now). Both build the same batch rows.
 *
 * <p>Part 1 only encodes the batch commands (Command.setBatchOperate, 128 rows, one thread): no
 * network, no server. Part 2, with hosts, batch-writes to the namespace "restore" from 4 threads
 * (the writer's default in-flight batches) and reports the process CPU, which on a separate
 * server process is the client's. Bins are made from particle bytes per batch, as the restore
 * gets them from Parquet. Usage: RestoreWritePathBenchmark [records] [passes] [hosts].
 */
public final class RestoreWritePathBenchmark {
    private static final int BATCH = 128;
    private static final String[] MODES = {"decoded", "particle"};

    private RestoreWritePathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String hosts = args.length > 2 ? args[2] : null;
        for (String shape : new String[] {"scalar", "document"}) {
            Data data = new Data(shape, particles(shape, records));
            List<Key> keys = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                keys.add(new Key("restore", "wpbench_" + shape, i));
            }
            // Pass 0 warms the JIT up for both modes and is not reported.
            for (int pass = 0; pass <= passes; pass++) {
                for (String mode : MODES) {
                    long cpu = encode(mode, data, keys);
                    report(pass, shape, mode, "encode only, 1 thread", records, cpu, 0);
                }
            }
            if (hosts == null) {
                continue;
            }
            try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(hosts, 3000))) {
                for (int pass = 0; pass <= passes; pass++) {
                    for (String mode : MODES) {
                        long cpu0 = processCpuNanos();
                        long t0 = System.nanoTime();
                        write(client, mode, data, keys);
                        report(pass, shape, mode, "batch writes to " + hosts + ", 4 threads", records,
                                processCpuNanos() - cpu0, System.nanoTime() - t0);
                    }
                }
                // Leave a shared server as it was: the set holds the benchmark's records only.
                client.truncate(null, "restore", "wpbench_" + shape, null);
            }
        }
    }

    /** Builds every batch command in memory; returns this thread's CPU nanoseconds. */
    static long encode(String mode, Data data, List<Key> keys) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        BatchPolicy policy = new BatchPolicy();
        long bytes = 0;
        for (int first = 0; first < data.records(); first += BATCH) {
            List<BatchRecord> batch = rows(mode, data, keys, first);
            BatchNode node = new BatchNode(null, batch.size(), 0);
            for (int i = 1; i < batch.size(); i++) {
                node.addKey(i);
            }
            Command command = new Command(0, 0, 0);
            command.setBatchOperate(policy, null, null, null, batch, node, null);
            bytes += command.dataOffset;
        }
        if (bytes == 0) {
            throw new IllegalStateException("nothing encoded");
        }
        return threads.getCurrentThreadCpuTime() - start;
    }

    static void write(AerospikeClient client, String mode, Data data, List<Key> keys)
            throws Exception {
        // The machine may be shared: a slow answer must not fail the run.
        BatchPolicy policy = new BatchPolicy();
        policy.totalTimeout = 60_000;
        policy.socketTimeout = 60_000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int first = 0; first < data.records(); first += BATCH) {
                int from = first;
                futures.add(pool.submit(() -> {
                    List<BatchRecord> batch = rows(mode, data, keys, from);
                    client.operate(policy, batch);
                    for (BatchRecord r : batch) {
                        if (r.resultCode != 0) {
                            throw new IllegalStateException("write failed with result code " + r.resultCode);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The batch rows of records [first, first + BATCH), with one put per bin as the restore builds
     * them. Bins are made here from the particle bytes, without a decoded value, and dropped with
     * the batch: as the restore gets them from Parquet and lets them go once written.
     */
    static List<BatchRecord> rows(String mode, Data data, List<Key> keys, int first) {
        int end = Math.min(data.records(), first + BATCH);
        BatchWritePolicy policy = new BatchWritePolicy();
        List<BatchRecord> batch = new ArrayList<>(end - first);
        for (int i = first; i < end; i++) {
            byte[][] record = data.particles.get(i);
            Operation[] ops = new Operation[record.length];
            for (int b = 0; b < ops.length; b++) {
                BackupBin bin = BackupBin.ofServerParticle(data.names[b], data.types[b], record[b]);
                Value value = mode.equals("particle") ? ParticleValue.of(bin) : decodedValue(bin);
                ops[b] = Operation.put(new Bin(bin.name(), value));
            }
            batch.add(new BatchWrite(policy, keys.get(i), ops));
        }
        return batch;
    }

    /** The previous restore path (BinValueCodec.toClientValue before this change): a Value of the decoded value. */
    static Value decodedValue(BackupBin bin) {
        Object v = bin.value();
        switch (bin.particleType()) {
            case ParticleTypes.INTEGER: return Value.get((long) (Long) v);
            case ParticleTypes.DOUBLE: return Value.get((double) (Double) v);
            case ParticleTypes.STRING: return Value.get((String) v);
            case ParticleTypes.BOOL: return Value.get((boolean) (Boolean) v);
            case ParticleTypes.HLL: return new Value.HLLValue((byte[]) v);
            case ParticleTypes.GEOJSON: return Value.getAsGeoJSON((String) v);
            case ParticleTypes.LIST: return Value.get((List<?>) v);
            case ParticleTypes.MAP:
                return v instanceof SortedMap ? Value.get((SortedMap<?, ?>) v) : Value.get((Map<?, ?>) v);
            default: return Value.get((byte[]) v, bin.particleType());
        }
    }

    private static final String[] SCALAR_NAMES = {"id", "score", "name", "payload"};
    private static final int[] SCALAR_TYPES = {ParticleTypes.INTEGER, ParticleTypes.DOUBLE, ParticleTypes.STRING,
        ParticleTypes.BLOB};
    private static final String[] DOC_NAMES = {"id", "name", "active", "tags", "attrs", "counts", "where"};
    private static final int[] DOC_TYPES = {ParticleTypes.INTEGER, ParticleTypes.STRING, ParticleTypes.BOOL,
        ParticleTypes.LIST, ParticleTypes.MAP, ParticleTypes.MAP, ParticleTypes.GEOJSON};

    /**
     * Particle bytes per record. "scalar": the other benchmarks' ~300-byte records (int, double,
     * string, 220-byte blob). "document": a list of 10 strings and numbers, a key-ordered map of 8
     * entries with a nested list, an unordered map of 6 counters, a bool and a GeoJSON point.
     */
    static List<byte[][]> particles(String shape, int records) {
        boolean scalar = shape.equals("scalar");
        int[] types = scalar ? SCALAR_TYPES : DOC_TYPES;
        List<byte[][]> out = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            Random random = new Random(i);
            Object[] values = scalar ? scalarValues(random, i) : documentValues(random, i);
            byte[][] particles = new byte[values.length][];
            for (int b = 0; b < values.length; b++) {
                particles[b] = Particles.encode(types[b], values[b]);
            }
            out.add(particles);
        }
        return out;
    }

    private static Object[] scalarValues(Random random, int i) {
        byte[] payload = new byte[220];
        random.nextBytes(payload);
        return new Object[] {(long) i, random.nextDouble(), "customer-" + i + "-" + Long.toHexString(random.nextLong()),
            payload};
    }

    private static Object[] documentValues(Random random, int i) {
        List<Object> tags = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            tags.add(t % 2 == 0 ? "tag-" + random.nextInt(1000) : (Object) (long) random.nextInt(100000));
        }
        TreeMap<Object, Object> attrs = new TreeMap<>();
        for (int a = 0; a < 8; a++) {
            attrs.put("attr" + a, a == 7 ? List.of(1L, 2.5, "x") : (Object) ("value-" + random.nextInt(1_000_000)));
        }
        Map<Object, Object> counts = new HashMap<>();
        for (int c = 0; c < 6; c++) {
            counts.put("c" + c, (long) random.nextInt());
        }
        String where = "{\"type\":\"Point\",\"coordinates\":[" + random.nextInt(180) + ".25," + random.nextInt(90)
                + ".5]}";
        return new Object[] {(long) i, "customer-" + i, i % 2 == 0, tags, attrs, counts, where};
    }

    /** A shape's particle bytes per record, with its bin names and types. */
    static final class Data {
        final List<byte[][]> particles;
        final String[] names;
        final int[] types;

        Data(String shape, List<byte[][]> particles) {
            boolean scalar = shape.equals("scalar");
            this.particles = particles;
            this.names = scalar ? SCALAR_NAMES : DOC_NAMES;
            this.types = scalar ? SCALAR_TYPES : DOC_TYPES;
        }

        int records() {
            return particles.size();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(int pass, String shape, String mode, String what, int records, long cpuNanos,
                               long wallNanos) {
        if (pass == 0) {
            return;
        }
        System.out.printf("pass %d %-8s %-8s %-40s cpu %7.0f ms = %5.2f us/record%s%n", pass, shape, mode, what,
                cpuNanos / 1e6, cpuNanos / 1e3 / records,
                wallNanos == 0 ? "" : String.format(", wall %.2f s = %,.0f records/s", wallNanos / 1e9,
                        records / (wallNanos / 1e9)));
    }
}
