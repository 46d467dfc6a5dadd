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
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.job.BackupResult;
import io.aerobackup.job.BackupRunner;
import io.aerobackup.job.changefeed.ChangeFeedRunner;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.spec.Incremental;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Incremental backup cost against a full backup, and the change feed's lag, in one run:
 * <ol>
 *   <li>loads N records of about 300 bytes (RestoreBenchmark.write) into a fresh set of "test";</li>
 *   <li>runs a warm-up full backup (the first job of both JVMs runs cold), then times a full backup
 *   into a fresh catalog;</li>
 *   <li>updates 1% of the records (every 100th key), then times an incremental (delta, not
 *   cumulative, 1 s skew margin) into the same catalog and checks that the delta holds exactly
 *   the updated records; prints the incremental/full ratio (target at most 0.15);</li>
 *   <li>starts the change feed (rounds every 5 s, 1 s skew margin, checkpoints every 2 s) on the
 *   same set into a new catalog, waits for its first full, then writes 2,000 updates/s from one
 *   thread for 60 s while sampling every 500 ms the lag, now minus the covered time T of the
 *   latest committed backup; prints its median, p90 and max and the records of each delta.</li>
 * </ol>
 * Usage: IncrementalBenchmark [records] [hosts|embedded] [parallelism].
 */
public final class IncrementalBenchmark {
    private static final String NAMESPACE = "test";
    private static final Duration SKEW_MARGIN = Duration.ofSeconds(1);
    /** Longer than the skew margin, so what is written before a pause falls outside the next window. */
    private static final long PAUSE_MILLIS = 1100;
    private static final double TARGET_RATIO = 0.15;
    private static final Duration FEED_INTERVAL = Duration.ofSeconds(5);
    private static final Duration FEED_CHECKPOINTS = Duration.ofSeconds(2);
    private static final int FEED_UPDATES_PER_SECOND = 2000;
    private static final Duration FEED_STEADY = Duration.ofSeconds(60);
    private static final long LAG_SAMPLE_MILLIS = 500;
    private static final Duration FIRST_FULL_TIMEOUT = Duration.ofMinutes(15);

    private IncrementalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String target = args.length > 1 ? args[1] : "embedded";
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        EmbeddedAerospike server = target.equals("embedded") ? EmbeddedAerospike.builder().build().start() : null;
        String hosts = server != null ? server.hosts() : target;
        java.nio.file.Path catalogDir = Files.createTempDirectory("aerobackup-ibench-");
        java.nio.file.Path feedDir = Files.createTempDirectory("aerobackup-ibench-feed-");
        java.nio.file.Path warmUpDir = Files.createTempDirectory("aerobackup-ibench-warmup-");
        try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(hosts, 3000))) {
            String set = "ibench" + System.currentTimeMillis() % 100000;
            double loadRate = RestoreBenchmark.write(client, NAMESPACE, set, records, 8);
            System.out.printf("loaded %,d records (about 300 bytes of bins each) into %s.%s at %s: %,.0f records/s%n",
                    records, NAMESPACE, set, hosts, loadRate);
            // The full's coverage ends when it starts and the delta's window begins a skew margin
            // earlier: without this pause the last records loaded would count as changed.
            Thread.sleep(PAUSE_MILLIS);
            ScanOptions scan = ScanOptions.builder(NAMESPACE).sets(List.of(set)).build();

            // The first job in a JVM (client and server) runs cold and would flatter the ratio: a
            // warm-up full into a throwaway catalog first.
            BackupResult warmUp = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    BackupTestSupport.spec(hosts, scan, warmUpDir.toUri().toString(), parallelism,
                            Duration.ofSeconds(30)), ProgressListener.NONE, UnaryOperator.identity());
            System.out.printf("warm-up full backup (cold JVMs, not used in the ratios): %,d records; %.2f s end to end,"
                    + " job %.2f s%n", warmUp.manifest().recordCount(), seconds(warmUp.elapsed()),
                    seconds(warmUp.jobRuntime()));
            deleteRecursively(warmUpDir);
            Thread.sleep(PAUSE_MILLIS);

            BackupSpec fullSpec = BackupTestSupport.spec(hosts, scan, catalogDir.toUri().toString(), parallelism,
                    Duration.ofSeconds(30));
            BackupResult full = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(), fullSpec,
                    ProgressListener.NONE, UnaryOperator.identity());
            System.out.printf("full backup (parallelism %d): %,d records, %,d bytes in %d files; %.2f s end to end,"
                    + " job %.2f s%n", parallelism, full.manifest().recordCount(), full.manifest().fileBytes(),
                    full.manifest().files().size(), seconds(full.elapsed()), seconds(full.jobRuntime()));

            Thread.sleep(PAUSE_MILLIS);
            int updated = updateEveryHundredth(client, set, records);
            System.out.printf("updated %,d records (1%%, every 100th key)%n", updated);
            Thread.sleep(PAUSE_MILLIS);

            BackupSpec deltaSpec = withIncremental(fullSpec, new Incremental(true, false, false, SKEW_MARGIN));
            BackupResult delta = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(), deltaSpec,
                    ProgressListener.NONE, UnaryOperator.identity());
            BackupManifest dm = delta.manifest();
            System.out.printf("incremental backup (%s, parent %s, window %d ms): %,d records, %,d bytes in %d files;"
                    + " %.2f s end to end, job %.2f s%n", dm.kind(), dm.parentId(),
                    dm.windowToMillis() - dm.windowFromMillis(), dm.recordCount(), dm.fileBytes(), dm.files().size(),
                    seconds(delta.elapsed()), seconds(delta.jobRuntime()));
            if (BackupManifest.DELTA.equals(dm.kind()) && dm.recordCount() == updated) {
                System.out.printf("delta record count check: OK (%,d = %,d updated)%n", dm.recordCount(), updated);
            } else {
                System.out.printf("MISMATCH: the incremental is a %s with %,d records; %,d records were updated%n",
                        dm.kind(), dm.recordCount(), updated);
            }
            double endToEnd = seconds(delta.elapsed()) / seconds(full.elapsed());
            double jobOnly = seconds(delta.jobRuntime()) / seconds(full.jobRuntime());
            System.out.printf("full %.2f s, incremental %.2f s (job only: full %.2f s, incremental %.2f s)%n",
                    seconds(full.elapsed()), seconds(delta.elapsed()), seconds(full.jobRuntime()),
                    seconds(delta.jobRuntime()));
            System.out.printf("ratio incremental/full: %.3f end to end (%s), %.3f job only (%s); target <= %.2f%n",
                    endToEnd, endToEnd <= TARGET_RATIO ? "met" : "NOT met", jobOnly,
                    jobOnly <= TARGET_RATIO ? "met" : "NOT met", TARGET_RATIO);

            changeFeedLag(client, hosts, scan, set, records, parallelism, feedDir);
        } finally {
            if (server != null) {
                server.close();
            }
            deleteRecursively(catalogDir);
            deleteRecursively(feedDir);
            deleteRecursively(warmUpDir);
        }
    }

    /** Updates one bin of keys 0, 100, 200, ... in batches; returns how many. */
    private static int updateEveryHundredth(AerospikeClient client, String set, int records) {
        BatchPolicy policy = new BatchPolicy();
        List<BatchRecord> batch = new ArrayList<>(1000);
        int updated = 0;
        for (int i = 0; i < records; i += 100) {
            batch.add(new BatchWrite(new Key(NAMESPACE, set, i),
                    Operation.array(Operation.put(new Bin("score", -1.0 - i)))));
            updated++;
            if (batch.size() == 1000) {
                client.operate(policy, batch);
                batch = new ArrayList<>(1000);
            }
        }
        if (!batch.isEmpty()) {
            client.operate(policy, batch);
        }
        return updated;
    }

    private static void changeFeedLag(AerospikeClient client, String hosts, ScanOptions scan, String set, int records,
                                      int parallelism, java.nio.file.Path feedDir) throws Exception {
        String destination = feedDir.toUri().toString();
        BackupSpec spec = BackupTestSupport.spec(hosts, scan, destination, parallelism, FEED_CHECKPOINTS);
        ChangeFeedOptions feed = new ChangeFeedOptions(destination, FEED_INTERVAL, SKEW_MARGIN, false,
                FullSnapshotTriggers.none(), Clock.systemUTC());
        Catalog catalog = new Catalog(new Path(destination));
        long submitted = System.nanoTime();
        JobClient job = ChangeFeedRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(), spec, feed,
                UnaryOperator.identity());
        try {
            BackupManifest first = awaitFirstFull(catalog, job);
            System.out.printf("change feed (interval %s, skew margin %s, checkpoints every %s, parallelism %d):"
                    + " first full %s committed %.1f s after submission, %,d records%n", FEED_INTERVAL, SKEW_MARGIN,
                    FEED_CHECKPOINTS, parallelism, first.backupId(), (System.nanoTime() - submitted) / 1e9,
                    first.recordCount());

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong written = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Thread writer = new Thread(() -> pacedUpdates(client, set, records, FEED_UPDATES_PER_SECOND, 0, running,
                    written, failed),
                    "ibench-writer");
            long steadyStartMillis = System.currentTimeMillis();
            long steadyStart = System.nanoTime();
            writer.start();
            List<Long> lags = new ArrayList<>();
            long end = steadyStart + FEED_STEADY.toNanos();
            long next = steadyStart;
            while (System.nanoTime() < end) {
                next += TimeUnit.MILLISECONDS.toNanos(LAG_SAMPLE_MILLIS);
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
                Optional<BackupManifest> latest = catalog.latest(NAMESPACE);
                if (latest.isPresent()) {
                    lags.add(System.currentTimeMillis() - latest.get().coverageEndMillis());
                }
                if (job.getJobStatus().get().isTerminalState()) {
                    System.out.printf("the change-feed job stopped during the steady phase: %s%n",
                            job.getJobStatus().get());
                    break;
                }
            }
            running.set(false);
            writer.join();
            double steadySeconds = (System.nanoTime() - steadyStart) / 1e9;
            long steadyEndMillis = System.currentTimeMillis();
            System.out.printf("steady phase: %,d updates in %.1f s = %,.0f updates/s (target %,d/s, one thread,"
                    + " sync puts), %,d failed%n", written.get(), steadySeconds, written.get() / steadySeconds,
                    FEED_UPDATES_PER_SECOND, failed.get());
            lags.sort(Comparator.naturalOrder());
            if (lags.isEmpty()) {
                System.out.println("lag: no samples");
            } else {
                System.out.printf("lag (now - covered time T of the latest committed backup), %d samples every %d ms:"
                        + " median %.2f s, p90 %.2f s, max %.2f s, min %.2f s%n", lags.size(), LAG_SAMPLE_MILLIS,
                        percentile(lags, 0.5) / 1000.0, percentile(lags, 0.9) / 1000.0,
                        lags.get(lags.size() - 1) / 1000.0, lags.get(0) / 1000.0);
            }
            reportRounds(catalog, steadyStartMillis, steadyEndMillis);
        } finally {
            cancel(job);
        }
    }

    private static BackupManifest awaitFirstFull(Catalog catalog, JobClient job) throws Exception {
        long deadline = System.nanoTime() + FIRST_FULL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<BackupManifest> latest = catalog.latest(NAMESPACE);
            if (latest.isPresent()) {
                return latest.get();
            }
            if (job.getJobStatus().get().isTerminalState()) {
                throw new IllegalStateException("the change-feed job ended before its first full: "
                        + job.getJobStatus().get());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no full backup committed within " + FIRST_FULL_TIMEOUT);
    }

    /**
     * One thread, sync writes paced to {@code perSecond}; keys spread over the set by a prime stride.
     * Every {@code deleteEvery}-th write is a delete instead (0: none); {@code written} counts both.
     */
    static void pacedUpdates(AerospikeClient client, String set, int records, int perSecond, int deleteEvery,
                             AtomicBoolean running, AtomicLong written, AtomicLong failed) {
        WritePolicy policy = new WritePolicy();
        long start = System.nanoTime();
        long n = 0;
        while (running.get()) {
            long due = start + n * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            int key = (int) ((n * 7919L) % records);
            try {
                if (deleteEvery > 0 && n % deleteEvery == deleteEvery - 1) {
                    client.delete(policy, new Key(NAMESPACE, set, key));
                } else {
                    client.put(policy, new Key(NAMESPACE, set, key), new Bin("score", (double) n));
                }
                written.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
            n++;
        }
    }

    /** The change feed's backups: the deltas whose commit falls in the steady phase, and their records. */
    private static void reportRounds(Catalog catalog, long steadyStartMillis, long steadyEndMillis)
            throws IOException {
        List<Long> perRound = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        int fulls = 0;
        int deltas = 0;
        for (Catalog.CatalogEntry entry : catalog.list(NAMESPACE)) {
            if (!entry.complete()) {
                continue;
            }
            BackupManifest m = entry.manifest();
            long started = Instant.parse(m.startedAt()).toEpochMilli();
            long finished = Instant.parse(m.finishedAt()).toEpochMilli();
            if (BackupManifest.FULL.equals(m.kind())) {
                fulls++;
            } else {
                deltas++;
            }
            String window = m.windowFromMillis() == null ? "" : String.format(" window %.1f s",
                    (m.windowToMillis() - m.windowFromMillis()) / 1000.0);
            rows.append(String.format("  round %s %-5s %s: %,d records%s, started %+.1f s, committed %.1f s after"
                            + " its start%n", m.options().getOrDefault("changeFeedRound", "?"), m.kind(), m.backupId(),
                    m.recordCount(), window, (started - steadyStartMillis) / 1000.0, (finished - started) / 1000.0));
            if (BackupManifest.DELTA.equals(m.kind()) && m.windowFromMillis() >= steadyStartMillis
                    && m.windowToMillis() <= steadyEndMillis) {
                perRound.add(m.recordCount());
            }
        }
        System.out.printf("change-feed backups (%d full, %d delta; times relative to the steady phase's start):%n%s",
                fulls, deltas, rows);
        if (perRound.isEmpty()) {
            System.out.println("records per round: no delta window lies inside the steady phase");
            return;
        }
        List<Long> sorted = new ArrayList<>(perRound);
        sorted.sort(Comparator.naturalOrder());
        System.out.printf("records per delta round whose window lies inside the steady phase (%d rounds): %s; median %,d,"
                        + " min %,d, max %,d%n", perRound.size(), perRound, percentile(sorted, 0.5), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile of a sorted list. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static BackupSpec withIncremental(BackupSpec s, Incremental incremental) {
        return new BackupSpec(s.connection(), s.scan(), s.destination(), s.parquet(), s.maxFileBytes(),
                s.parallelism(), s.checkpointInterval(), s.optionsUsed(), incremental);
    }

    /**
     * Cancels the change feed and waits for it to end. The local environment runs each job on its
     * own mini cluster, which shuts down once the job ends; asking for the status then fails.
     */
    static void cancel(JobClient job) throws Exception {
        try {
            if (job.getJobStatus().get().isTerminalState()) {
                System.out.printf("job had already ended: %s%n", job.getJobStatus().get());
                return;
            }
            job.cancel().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!job.getJobStatus().get().isTerminalState() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            System.out.printf("job: %s%n", job.getJobStatus().get());
        } catch (IllegalStateException e) {
            System.out.println("job cancelled (its mini cluster has shut down)");
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static void deleteRecursively(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<java.nio.file.Path> paths = Files.walk(dir)) {
            for (java.nio.file.Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
