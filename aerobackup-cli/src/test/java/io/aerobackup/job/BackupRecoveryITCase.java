package io.aerobackup.job;

import io.aerobackup.execution.ProgressListener;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.demo.SampleData;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.testutils.junit.SharedObjectsExtension;
import org.apache.flink.testutils.junit.SharedReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures during a backup: a task failure and restart, and a node lost mid-scan, still give every record once. */
class BackupRecoveryITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    @RegisterExtension
    final SharedObjectsExtension shared = SharedObjectsExtension.create();

    @TempDir
    java.nio.file.Path temp;

    private static StreamExecutionEnvironment envWithRestarts() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        return StreamExecutionEnvironment.getExecutionEnvironment(config);
    }

    @Test
    void aFailureAfterACheckpointRestartsWithoutLosingOrRepeatingARecord() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("bk_fail");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 6000, 3);
        SharedReference<AtomicBoolean> failed = shared.add(new AtomicBoolean());
        SharedReference<AtomicInteger> checkpoints = shared.add(new AtomicInteger());
        Path root = new Path(temp.resolve("fail").toUri());

        BackupManifest manifest = BackupRunner.run(envWithRestarts(),
                BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set))
                        .partitionsPerSplit(64).recordsPerSecond(6000).build(), root.toString(), 2,
                        Duration.ofMillis(200)),
                ProgressListener.NONE,
                stream -> stream.map(new FailOnceAfterCheckpoint(failed, checkpoints, 3000))
                        .returns(stream.getType())).manifest();

        assertThat(failed.get().get()).as("the injected failure happened").isTrue();
        assertExactlyOnce(root, manifest, set, 6000);
    }

    @Test
    void aNodeStoppedDuringTheScanStillGivesACompleteBackup() throws Exception {
        EmbeddedAerospike server = CLUSTER.embedded();
        String set = AerospikeTestCluster.uniqueSet("bk_node");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 6000, 5);
        SharedReference<EmbeddedAerospike> serverRef = shared.add(server);
        SharedReference<AtomicBoolean> stopped = shared.add(new AtomicBoolean());
        Path root = new Path(temp.resolve("node").toUri());
        BackupManifest manifest;
        try {
            manifest = BackupRunner.run(envWithRestarts(),
                    BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set))
                            .recordsPerSecond(8000).maxRetries(10).build(), root.toString(), 2, Duration.ofMillis(500)),
                    ProgressListener.NONE,
                    stream -> stream.map(new StopNodeAfter(serverRef, stopped, 1500)).returns(stream.getType()))
                    .manifest();
        } finally {
            if (stopped.get().get()) {
                server.restartNode(1);
            }
        }
        assertThat(stopped.get().get()).as("a node was stopped mid-scan").isTrue();
        waitForNodes(3);
        assertExactlyOnce(root, manifest, set, 6000);
    }

    /** The shared client learns about a restarted node at its next tend (every second). */
    private static void waitForNodes(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (CLUSTER.client().getNodes().length != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the client did not see " + expected + " nodes within 20 s");
            }
            Thread.sleep(50);
        }
    }

    private static void assertExactlyOnce(Path root, BackupManifest manifest, String set, int expected)
            throws Exception {
        Map<String, BackupRecord> truth = BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(set));
        Map<String, Integer> seen = new HashMap<>();
        for (BackupRecord row : BackupTestSupport.readBackup(root, manifest)) {
            seen.merge(row.digestHex(), 1, Integer::sum);
        }
        assertThat(truth).hasSize(expected);
        assertThat(seen.keySet()).isEqualTo(truth.keySet());
        assertThat(seen.values()).allMatch(count -> count == 1);
        assertThat(manifest.recordCount()).isEqualTo(expected);
    }

    /** Throws once, after a checkpoint completed and {@code after} records passed this subtask. */
    static final class FailOnceAfterCheckpoint implements MapFunction<FeedElement, FeedElement>, CheckpointListener {
        private final SharedReference<AtomicBoolean> failed;
        private final SharedReference<AtomicInteger> checkpoints;
        private final int after;
        private int seen;

        FailOnceAfterCheckpoint(SharedReference<AtomicBoolean> failed, SharedReference<AtomicInteger> checkpoints,
                                int after) {
            this.failed = failed;
            this.checkpoints = checkpoints;
            this.after = after;
        }

        @Override
        public FeedElement map(FeedElement element) {
            if (element.kind() == FeedElement.Kind.CHANGE && ++seen >= after / 2 && checkpoints.get().get() > 0 && failed.get().compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
            return element;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpoints.get().incrementAndGet();
        }
    }

    /** Stops node 1 of the embedded cluster once {@code after} records passed. */
    static final class StopNodeAfter implements MapFunction<FeedElement, FeedElement> {
        private final SharedReference<EmbeddedAerospike> server;
        private final SharedReference<AtomicBoolean> stopped;
        private final int after;
        private int seen;

        StopNodeAfter(SharedReference<EmbeddedAerospike> server, SharedReference<AtomicBoolean> stopped, int after) {
            this.server = server;
            this.stopped = stopped;
            this.after = after;
        }

        @Override
        public FeedElement map(FeedElement element) {
            if (element.kind() == FeedElement.Kind.CHANGE && ++seen >= after
                    && stopped.get().compareAndSet(false, true)) {
                server.get().stopNode(1);
            }
            return element;
        }
    }
}
