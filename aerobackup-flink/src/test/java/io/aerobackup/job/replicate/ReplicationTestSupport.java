package io.aerobackup.job.replicate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Value;
import com.aerospike.client.policy.ScanPolicy;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Replication jobs in tests: their spec, a record-by-record compare of two clusters, and waits. */
final class ReplicationTestSupport {
    /** Seconds a TTL may differ between source and destination (written a few seconds apart). */
    static final long TTL_TOLERANCE_SECONDS = 5;
    /** Interval (1 s) + checkpoint interval (0.5 s) + a margin for a slow, busy machine. */
    static final Duration CONVERGES_WITHIN = Duration.ofSeconds(1 + 1 + 25);

    private ReplicationTestSupport() {
    }

    /** The Flink mini-cluster of the replication tests: two slots, enough for parallelism 2. */
    static MiniClusterExtension flink() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2).build());
    }

    static ReplicationSpec spec(String sourceHosts, String set, String destinationHosts, String destinationNamespace,
                                Duration interval, String backupTo, String statusTo) {
        return new ReplicationSpec(new ConnectionOptions(sourceHosts, Duration.ofSeconds(5)),
                ScanOptions.builder("test").sets(List.of(set)).build(),
                new ConnectionOptions(destinationHosts, Duration.ofSeconds(5)), destinationNamespace, interval,
                Duration.ZERO, Duration.ofMillis(500), 2, backupTo, ParquetWriteOptions.defaults(),
                256L * 1024 * 1024, Map.of(), statusTo,
                RestoreWriteOptions.builder(destinationNamespace).batchSize(64).maxRetries(8).build(), Duration.ZERO);
    }

    /** What a record holds that replication must carry over. */
    record Copy(String set, Object userKey, Map<String, Object> bins, int ttl) {
        boolean sameAs(Copy other) {
            boolean ttlClose = ttl == other.ttl || (ttl > 0 && other.ttl > 0
                    && Math.abs(ttl - other.ttl) <= TTL_TOLERANCE_SECONDS);
            return Objects.equals(set, other.set) && Objects.equals(userKey, other.userKey)
                    && Objects.equals(bins, other.bins) && ttlClose;
        }
    }

    /** Every record of {@code set}, by digest. */
    static Map<String, Copy> records(AerospikeClient client, String namespace, String set) {
        Map<String, Copy> records = new ConcurrentHashMap<>();
        ScanPolicy policy = new ScanPolicy();
        client.scanAll(policy, namespace, set, (key, record) -> {
            Value userKey = key.userKey;
            records.put(HexFormat.of().formatHex(key.digest), new Copy(key.setName,
                    userKey == null ? null : userKey.getObject(), new TreeMap<>(record.bins),
                    record.getTimeToLive()));
        });
        return new TreeMap<>(records);
    }

    /** The differences between source and destination; empty when they hold the same records. */
    static List<String> diff(Map<String, Copy> source, Map<String, Copy> destination) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> digests = new TreeSet<>(source.keySet());
        digests.addAll(destination.keySet());
        for (String digest : digests) {
            Copy s = source.get(digest);
            Copy d = destination.get(digest);
            if (s == null) {
                problems.add(digest + ": only on the destination: " + d);
            } else if (d == null) {
                problems.add(digest + ": missing on the destination; source " + s);
            } else if (!s.sameAs(d)) {
                problems.add(digest + ": source " + s + " destination " + d);
            }
        }
        return problems;
    }

    /** Waits until the destination holds exactly the source's records of {@code set}; fails with the diff. */
    static void awaitConverged(AerospikeClient source, AerospikeClient destination, String destinationNamespace,
                               String set, Duration within, JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + within.toMillis();
        List<String> problems;
        do {
            problems = diff(records(source, "test", set), records(destination, destinationNamespace, set));
            if (problems.isEmpty()) {
                return;
            }
            failIfEnded(job);
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the destination did not converge within " + within + "; " + problems.size()
                + " differences, first: " + problems.subList(0, Math.min(10, problems.size())));
    }

    /** Waits until the status file satisfies {@code done}; returns it. */
    static ReplicationStatus awaitStatus(String statusTo, Predicate<ReplicationStatus> done, Duration within,
                                         JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + within.toMillis();
        ReplicationStatus last = null;
        while (System.currentTimeMillis() < deadline) {
            last = status(statusTo);
            if (last != null && done.test(last)) {
                return last;
            }
            failIfEnded(job);
            Thread.sleep(25);
        }
        throw new AssertionError("the status did not get there within " + within + "; last: " + last);
    }

    static ReplicationStatus status(String statusTo) {
        try {
            return ReplicationStatus.read(new Path(statusTo));
        } catch (IOException e) {
            return null; // not written yet
        }
    }

    private static void failIfEnded(JobClient job) throws Exception {
        if (job != null && job.getJobStatus().get().isTerminalState()) {
            job.getJobExecutionResult().get(); // surfaces the failure
            throw new AssertionError("the replication job ended: " + job.getJobStatus().get());
        }
    }
}
