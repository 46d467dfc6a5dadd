package io.aerobackup.job.replicate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.FeedElementTypeInfo;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.RunningJobs;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.aerobackup.job.replicate.ReplicationTestSupport.CONVERGES_WITHIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication across interruptions while the source keeps changing: a stop with a savepoint and a
 * resume from it, a fresh start against a catalog that already has backups (it copies the namespace
 * with a full round again), and a destination node lost in the middle of the stream.
 */
class ReplicationRestartITCase extends ReplicationTestBase {
    private static final String DST_NS = "test";

    /** Three nodes, so one can be lost. */
    @RegisterExtension
    static final AerospikeTestCluster DESTINATION = AerospikeTestCluster.standby(3, "test", "restore");

    /** Updates, deletes and re-creates records of {@code set} until stopped. */
    private static final class SourceWriter implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        SourceWriter(AerospikeClient client, String set, int records) {
            thread = new Thread(() -> {
                Random random = new Random(42);
                long n = 0;
                try {
                    while (running.get()) {
                        int id = random.nextInt(records);
                        Key key = new Key("test", set, id);
                        if (random.nextInt(10) == 0) {
                            client.delete(null, key);
                        } else {
                            client.put(null, key, new Bin("v", n++), new Bin("id", id));
                        }
                        Thread.sleep(2);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "source-writer");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
            assertThat(failure.get()).as("the source writer's failure").isNull();
        }
    }

    private static void seed(String set, int records) {
        for (int i = 0; i < records; i++) {
            SOURCE.client().put(null, new Key("test", set, i), new Bin("v", -1L), new Bin("id", i));
        }
    }

    private static long fulls(String catalog) throws IOException {
        long fulls = 0;
        for (Catalog.CatalogEntry e : new Catalog(new Path(catalog)).list("test")) {
            if (e.complete() && BackupManifest.FULL.equals(e.manifest().kind())) {
                fulls++;
            }
        }
        return fulls;
    }

    @Test
    void aSavepointResumesTheRoundsAndAFreshStartCopiesTheNamespaceAgain() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("rsp");
        String catalog = temp.resolve("catalog").toUri().toString();
        String statusTo = temp.resolve("status.json").toUri().toString();
        ReplicationSpec spec = ReplicationTestSupport.spec(SOURCE.hosts(), set, DESTINATION.hosts(), DST_NS,
                Duration.ofSeconds(1), catalog, statusTo);
        seed(set, 300);
        JobClient first = start(spec, null);
        long stoppedAt;
        long resumedLast;
        try (SourceWriter writer = new SourceWriter(SOURCE.client(), set, 400)) {
            stoppedAt = ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= 3, CONVERGES_WITHIN,
                    first).lastRound();
            String savepoint = first.stopWithSavepoint(false, temp.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            Thread.sleep(500); // the source changes while no job runs
            JobClient resumed = start(spec, savepoint);
            ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= stoppedAt + 2, CONVERGES_WITHIN,
                    resumed);
            writer.close();
            ReplicationTestSupport.awaitConverged(SOURCE.client(), DESTINATION.client(), DST_NS, set, CONVERGES_WITHIN,
                    resumed);
            assertThat(ReplicationTestSupport.status(statusTo).lastRound())
                    .as("the resumed job continues the rounds' numbers").isGreaterThan(stoppedAt);
            assertThat(fulls(catalog)).as("the resumed job took no new full round").isEqualTo(1);
            resumedLast = ReplicationTestSupport.status(statusTo).lastRound();
            resumed.cancel().get();
            RunningJobs.awaitTerminal(resumed);
        }

        // Without a savepoint a job copies the namespace again, whatever backups the catalog holds; the
        // records deleted on the source while no job ran go from the destination with its full round.
        SOURCE.client().put(null, new Key("test", set, 1000), new Bin("v", 1000L), new Bin("id", 1000));
        int deletedMeanwhile = 0;
        for (int i = 0; i < 60; i++) {
            if (SOURCE.client().delete(null, new Key("test", set, i))) {
                deletedMeanwhile++;
            }
        }
        assertThat(deletedMeanwhile).as("records deleted while no job ran").isPositive();
        JobClient fresh = start(spec, null);
        long deadline = System.currentTimeMillis() + CONVERGES_WITHIN.toMillis();
        while (fulls(catalog) < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(fulls(catalog)).as("a fresh job starts with a full round").isEqualTo(2);
        ReplicationTestSupport.awaitConverged(SOURCE.client(), DESTINATION.client(), DST_NS, set, CONVERGES_WITHIN,
                fresh);
        // Its full round found the other records already there, in the same version: neither written
        // again nor counted as conflicts.
        ReplicationStatus copied = ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() < resumedLast,
                CONVERGES_WITHIN, fresh);
        assertThat(copied.conflictsSkipped()).isZero();
        assertThat(copied.recordsApplied()).isEqualTo(1);
        assertThat(copied.deletesApplied()).as("the records the source lacks").isEqualTo(deletedMeanwhile);
    }

    /** Whether the injected failure happened (static: the function runs in this JVM's mini-cluster). */
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger DELTA_CHANGES = new AtomicInteger();

    /** Fails the job once, in the middle of a delta round, after checkpoints were taken. */
    private static final class FailOnce implements MapFunction<FeedElement, FeedElement> {
        @Override
        public FeedElement map(FeedElement e) {
            if (e.kind() == FeedElement.Kind.CHANGE && !e.fullRound() && e.roundNumber() >= 3
                    && DELTA_CHANGES.incrementAndGet() == 50 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure in the middle of round " + e.roundNumber());
            }
            return e;
        }
    }

    @Test
    void aFailureInTheMiddleOfARoundRestartsFromTheLastCheckpointAndConverges() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("rfl");
        String statusTo = temp.resolve("failure-status.json").toUri().toString();
        seed(set, 400);
        JobClient job = jobs.add(ReplicationRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(),
                ReplicationTestSupport.spec(SOURCE.hosts(), set, DESTINATION.hosts(), DST_NS, Duration.ofSeconds(1),
                        null, statusTo),
                stream -> stream.map(new FailOnce()).returns(FeedElementTypeInfo.INSTANCE).name("fail-once")));
        try (SourceWriter writer = new SourceWriter(SOURCE.client(), set, 400)) {
            long deadline = System.currentTimeMillis() + CONVERGES_WITHIN.toMillis();
            while (!FAILED.get() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(FAILED).as("the failure was injected").isTrue();
            long round = ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= 3, CONVERGES_WITHIN, job)
                    .lastRound();
            ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= round + 2, CONVERGES_WITHIN, job);
        }
        ReplicationTestSupport.awaitConverged(SOURCE.client(), DESTINATION.client(), DST_NS, set, CONVERGES_WITHIN,
                job);
        assertThat(job.getJobStatus().get().isTerminalState()).as("the job recovered").isFalse();
    }

    @Test
    void losingADestinationNodeMidStreamStillConverges() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("rnl");
        String statusTo = temp.resolve("loss-status.json").toUri().toString();
        seed(set, 2000);
        JobClient job = start(ReplicationTestSupport.spec(SOURCE.hosts(), set, DESTINATION.hosts(), DST_NS,
                Duration.ofSeconds(1), null, statusTo), null);
        try {
            try (SourceWriter writer = new SourceWriter(SOURCE.client(), set, 2000)) {
                long round = ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= 2, CONVERGES_WITHIN,
                        job).lastRound();
                DESTINATION.embedded().stopNode(1);
                ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= round + 3, CONVERGES_WITHIN, job);
            }
            ReplicationTestSupport.awaitConverged(SOURCE.client(), DESTINATION.client(), DST_NS, set, CONVERGES_WITHIN,
                    job);
            assertThat(job.getJobStatus().get().isTerminalState()).isFalse();
        } finally {
            DESTINATION.embedded().restartNode(1);
        }
    }
}
