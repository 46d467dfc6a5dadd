package io.aerobackup.benchmark;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.Statement;
import io.aerobackup.config.JobArguments;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.job.replicate.ReplicateJobOptions;
import io.aerobackup.job.replicate.ReplicationRunner;
import io.aerobackup.job.replicate.ReplicationSpec;
import io.aerobackup.job.replicate.ReplicationStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replication lag at a steady write rate:
 * <ol>
 *   <li>loads N records of about 300 bytes into a fresh set of "test" on the source;</li>
 *   <li>starts the replication job (rounds every 5 s, checkpoints every 2 s, 1 s skew margin) and waits
 *   for its first applied round, the full copy (its time is printed);</li>
 *   <li>writes 2,000 records/s (one in 50 a delete) from one thread for 60 s, sampling every 500 ms
 *   the lag, now minus the covered time of the last applied round (the status file's);</li>
 *   <li>stops writing, waits for a round that covers the last write, and compares source and
 *   destination record by record (digests and bins).</li>
 * </ol>
 * Usage: ReplicationLagBenchmark [records] [source hosts|embedded] [destination hosts|same] [parallelism].
 * With "same" (the default for a given source) the destination is the source cluster's namespace
 * "restore"; "embedded" starts two embedded clusters in this JVM.
 */
public final class ReplicationLagBenchmark {
    private static final String NAMESPACE = "test";
    private static final int WRITES_PER_SECOND = 2000;
    private static final int DELETE_EVERY = 50;
    private static final Duration STEADY = Duration.ofSeconds(60);
    private static final long LAG_SAMPLE_MILLIS = 500;
    private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(5);

    private ReplicationLagBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String sourceArg = args.length > 1 ? args[1] : "embedded";
        String destinationArg = args.length > 2 ? args[2] : "same";
        int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        EmbeddedAerospike sourceServer = null;
        EmbeddedAerospike destinationServer = null;
        if (sourceArg.equals("embedded")) {
            sourceServer = EmbeddedAerospike.builder().build().start();
            destinationServer = EmbeddedAerospike.builder().build().start();
        }
        String sourceHosts = sourceServer != null ? sourceServer.hosts() : sourceArg;
        String destinationHosts = destinationServer != null ? destinationServer.hosts()
                : destinationArg.equals("same") ? sourceHosts : destinationArg;
        String destinationNamespace = destinationHosts.equals(sourceHosts) ? "restore" : NAMESPACE;
        java.nio.file.Path dir = Files.createTempDirectory("aerobackup-replication-bench-");
        try (AerospikeClient source = client(sourceHosts); AerospikeClient destination = client(destinationHosts)) {
            String set = "rbench" + System.currentTimeMillis() % 100000;
            double loadRate = RestoreBenchmark.write(source, NAMESPACE, set, records, 8);
            System.out.printf("loaded %,d records (about 300 bytes of bins each) into %s.%s at %s: %,.0f records/s%n",
                    records, NAMESPACE, set, sourceHosts, loadRate);
            Path statusFile = new Path(dir.resolve("status.json").toUri());
            ReplicationSpec spec = ReplicateJobOptions.toSpec(JobArguments.parse(new String[] {
                "--hosts", sourceHosts, "--namespace", NAMESPACE + "," + destinationNamespace,
                "--to-hosts", destinationHosts, "--set", set, "--interval", "5", "--checkpoint-interval", "2",
                "--clock-skew-margin", "1", "--parallelism", Integer.toString(parallelism),
                "--status-to", statusFile.toString()}, ReplicateJobOptions.ALL));
            long cpuBefore = processCpuNanos();
            long submitted = System.nanoTime();
            JobClient job = ReplicationRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(), spec);
            try {
                ReplicationStatus first = awaitStatus(statusFile, job, s -> true);
                System.out.printf("replication %s -> %s/%s (interval 5 s, checkpoints every 2 s, parallelism %d):"
                        + " full copy of %,d records applied %.1f s after submission%n", sourceHosts, destinationHosts,
                        destinationNamespace, parallelism, first.recordsApplied(), (System.nanoTime() - submitted) / 1e9);
                steadyPhase(source, set, records, statusFile, job);
                long lastWrite = System.currentTimeMillis();
                long waitStart = System.nanoTime();
                ReplicationStatus caughtUp = awaitStatus(statusFile, job, s -> s.coveredUntilMillis() > lastWrite);
                System.out.printf("caught up %.1f s after the last write: round %d, %,d records and %,d deletes applied,"
                        + " %,d conflicts skipped; client CPU of this JVM (job, writer, loads) %.1f s%n",
                        (System.nanoTime() - waitStart) / 1e9, caughtUp.lastRound(), caughtUp.recordsApplied(),
                        caughtUp.deletesApplied(), caughtUp.conflictsSkipped(),
                        (processCpuNanos() - cpuBefore) / 1e9);
                compare(source, destination, set, destinationNamespace);
            } finally {
                IncrementalBenchmark.cancel(job);
                // The benchmark's set must not stay in a real cluster's namespaces (other benchmarks count them).
                source.truncate(null, NAMESPACE, set, null);
                destination.truncate(null, destinationNamespace, set, null);
            }
        } finally {
            if (sourceServer != null) {
                sourceServer.close();
                destinationServer.close();
            }
            Files.deleteIfExists(dir.resolve("status.json"));
            Files.deleteIfExists(dir);
        }
    }

    private static void steadyPhase(AerospikeClient source, String set, int records, Path statusFile, JobClient job)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Thread writer = new Thread(() -> IncrementalBenchmark.pacedUpdates(source, set, records, WRITES_PER_SECOND,
                DELETE_EVERY, running, written, failed), "rbench-writer");
        long start = System.nanoTime();
        writer.start();
        List<Long> lags = new ArrayList<>();
        long next = start;
        while (System.nanoTime() < start + STEADY.toNanos() && !job.getJobStatus().get().isTerminalState()) {
            next += TimeUnit.MILLISECONDS.toNanos(LAG_SAMPLE_MILLIS);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            ReplicationStatus status = readQuietly(statusFile);
            if (status != null) {
                lags.add(System.currentTimeMillis() - status.coveredUntilMillis());
            }
        }
        running.set(false);
        writer.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("steady phase: %,d writes (one in %d a delete) in %.1f s = %,.0f/s, %,d failed%n",
                written.get(), DELETE_EVERY, seconds, written.get() / seconds, failed.get());
        lags.sort(Comparator.naturalOrder());
        if (lags.isEmpty()) {
            System.out.println("lag: no samples");
            return;
        }
        System.out.printf("replication lag (now - covered time of the last applied round), %d samples every %d ms:"
                        + " median %.2f s, p90 %.2f s, max %.2f s, min %.2f s%n", lags.size(), LAG_SAMPLE_MILLIS,
                IncrementalBenchmark.percentile(lags, 0.5) / 1000.0, IncrementalBenchmark.percentile(lags, 0.9) / 1000.0,
                lags.get(lags.size() - 1) / 1000.0, lags.get(0) / 1000.0);
    }

    /** Every source record's bins on the destination, and no destination record the source lacks. */
    private static void compare(AerospikeClient source, AerospikeClient destination, String set,
                                String destinationNamespace) {
        long sourceCount = 0;
        long missing = 0;
        long different = 0;
        Statement statement = new Statement();
        statement.setNamespace(NAMESPACE);
        statement.setSetName(set);
        try (var records = source.queryPartitions(null, statement, PartitionFilter.all())) {
            while (records.next()) {
                sourceCount++;
                Key key = records.getKey();
                Record copy = destination.get(null, new Key(destinationNamespace, key.digest, set, null));
                if (copy == null) {
                    missing++;
                } else if (!Objects.equals(comparable(copy.bins), comparable(records.getRecord().bins))) {
                    different++;
                }
            }
        }
        long destinationCount = 0;
        statement.setNamespace(destinationNamespace);
        try (var records = destination.queryPartitions(null, statement, PartitionFilter.all())) {
            while (records.next()) {
                destinationCount++;
            }
        }
        System.out.printf("compare: source %,d records, destination %,d; %,d missing, %,d with other bins, %,d extra:"
                        + " %s%n", sourceCount, destinationCount, missing, different,
                destinationCount - (sourceCount - missing),
                missing == 0 && different == 0 && destinationCount == sourceCount ? "CONVERGED" : "NOT converged");
    }

    /** The value with every byte[] (blobs, also inside maps and lists) as a ByteBuffer, which equals by content. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return java.nio.ByteBuffer.wrap(bytes);
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> copy = new java.util.HashMap<>();
            map.forEach((k, v) -> copy.put(comparable(k), comparable(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReplicationLagBenchmark::comparable).toList();
        }
        return value;
    }

    private static ReplicationStatus awaitStatus(Path statusFile, JobClient job,
                                                 java.util.function.Predicate<ReplicationStatus> done) throws Exception {
        long deadline = System.nanoTime() + CONVERGE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ReplicationStatus status = readQuietly(statusFile);
            if (status != null && done.test(status)) {
                return status;
            }
            if (job.getJobStatus().get().isTerminalState()) {
                throw new IllegalStateException("the replication job ended: " + job.getJobStatus().get());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no applied round as awaited within " + CONVERGE_TIMEOUT);
    }

    private static ReplicationStatus readQuietly(Path statusFile) {
        try {
            return statusFile.getFileSystem().exists(statusFile) ? ReplicationStatus.read(statusFile) : null;
        } catch (IOException e) {
            return null; // being replaced: the next sample reads it
        }
    }

    private static AerospikeClient client(String hosts) {
        return new AerospikeClient(new ClientPolicy(), Host.parseHosts(hosts, 3000));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
