package io.aerobackup.job.changefeed;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.embedded.storage.NamespaceConfig;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.source.changefeed.ManualTriggerRequests;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.UtcTestClock;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each full-snapshot trigger starts a full inside the running change feed, and nothing else does. */
class ChangeFeedTriggersITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    @TempDir
    java.nio.file.Path temp;

    private final List<JobClient> jobs = new ArrayList<>();

    @AfterEach
    void cancelJobs() throws Exception {
        for (JobClient job : jobs) {
            if (!job.getJobStatus().get().isTerminalState()) {
                job.cancel().get();
            }
            FeedTestSupport.awaitTerminal(job);
        }
    }

    private JobClient start(BackupSpec spec, ChangeFeedOptions feed) throws Exception {
        JobClient job = ChangeFeedRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(), spec, feed,
                UnaryOperator.identity());
        jobs.add(job);
        return job;
    }

    private static void write(AerospikeClient client, String namespace, String set, int from, int to, int size) {
        for (int i = from; i < to; i++) {
            client.put(null, new Key(namespace, set, i), new Bin("v", "x".repeat(size) + System.nanoTime()));
        }
    }

    private static List<String> kinds(List<BackupManifest> chain) {
        return chain.stream().map(m -> m.kind().equals(BackupManifest.FULL)
                ? "full:" + m.options().get("fullSnapshotTrigger") : "delta").toList();
    }

    private static long fulls(List<BackupManifest> chain) {
        return chain.stream().filter(m -> m.kind().equals(BackupManifest.FULL)).count();
    }

    @Test
    void chainLengthStartsAFullAfterNDeltas() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("trglen");
        String to = temp.resolve("cat").toString();
        write(CLUSTER.client(), "test", set, 0, 20, 10);
        JobClient job = start(FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 1),
                FeedTestSupport.feed(to, false, FullSnapshotTriggers.of(null, 2, 0, 0), Clock.systemUTC()));
        List<BackupManifest> chain = FeedTestSupport.awaitCommitted(to, "test", l -> l.size() >= 7, job);
        assertThat(kinds(chain.subList(0, 7))).containsExactly("full:NO_CHAIN", "delta", "delta",
                "full:CHAIN_LENGTH", "delta", "delta", "full:CHAIN_LENGTH");
        assertThat(chain.get(3).options().get("fullSnapshotReason")).contains("2 deltas since the last full");
    }

    @Test
    void changeVolumeStartsAFullOnlyOnceTheDeltasHoldEnough() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("trgvol");
        String to = temp.resolve("cat").toString();
        AerospikeClient client = CLUSTER.client();
        write(client, "test", set, 0, 100, 10);
        JobClient job = start(FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 1),
                FeedTestSupport.feed(to, false, FullSnapshotTriggers.of(null, 0, 30, 0), Clock.systemUTC()));
        FeedTestSupport.awaitCommitted(to, "test", l -> !l.isEmpty(), job);
        write(client, "test", set, 0, 20, 10); // 20% of the full: below the threshold
        long firstBatch = System.currentTimeMillis();
        int covered = FeedTestSupport.awaitCoverage(to, "test", firstBatch, job).size();
        List<BackupManifest> chain = FeedTestSupport.awaitCommitted(to, "test", l -> l.size() >= covered + 3, job);
        assertThat(fulls(chain)).as("20%% changed: no full yet %s", kinds(chain)).isEqualTo(1);
        write(client, "test", set, 20, 40, 10); // 40% in all: above
        chain = FeedTestSupport.awaitCommitted(to, "test", l -> fulls(l) >= 2, job);
        BackupManifest second = chain.stream().filter(m -> m.kind().equals(BackupManifest.FULL)).toList().get(1);
        assertThat(second.options()).containsEntry("fullSnapshotTrigger", "CHANGE_VOLUME");
        assertThat(second.recordCount()).isEqualTo(100);
        int after = chain.size();
        chain = FeedTestSupport.awaitCommitted(to, "test", l -> l.size() >= after + 3, job);
        assertThat(fulls(chain)).as("the volume counts again from the new full %s", kinds(chain)).isEqualTo(2);
    }

    @Test
    void manualRequestStartsOneFullAndIsConsumed() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("trgman");
        String to = temp.resolve("cat").toString();
        write(CLUSTER.client(), "test", set, 0, 20, 10);
        JobClient job = start(FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 1),
                FeedTestSupport.feed(to, false, FullSnapshotTriggers.none(), Clock.systemUTC()));
        List<BackupManifest> chain = FeedTestSupport.awaitCommitted(to, "test", l -> l.size() >= 3, job);
        assertThat(fulls(chain)).as("no trigger, no second full %s", kinds(chain)).isEqualTo(1);
        ManualTriggerRequests.request(new Path(to), "test", "it-test", Instant.now());
        chain = FeedTestSupport.awaitCommitted(to, "test", l -> fulls(l) >= 2, job);
        BackupManifest manual = chain.stream().filter(m -> m.kind().equals(BackupManifest.FULL)).toList().get(1);
        assertThat(manual.options()).containsEntry("fullSnapshotTrigger", "MANUAL");
        assertThat(manual.options().get("fullSnapshotReason")).contains("it-test");
        int after = chain.size();
        chain = FeedTestSupport.awaitCommitted(to, "test", l -> l.size() >= after + 3, job);
        assertThat(fulls(chain)).as("the request is served once %s", kinds(chain)).isEqualTo(2);
        assertThat(ManualTriggerRequests.pending(new Path(to), "test")).as("request consumed").isEmpty();
    }

    @Test
    void scheduleStartsAFullAtTheCronTimeOfATestClock() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("trgcron");
        String to = temp.resolve("cat").toString();
        write(CLUSTER.client(), "test", set, 0, 20, 10);
        // The job's clock shows 01:59:54 UTC now and runs at real speed: "0 2 * * *" is due in 6 s, time
        // for the first full and a delta even on a loaded machine.
        Instant real = Instant.now();
        Instant shown = real.atZone(ZoneOffset.UTC).with(LocalTime.of(1, 59, 54)).toInstant();
        Clock clock = new OffsetClock(shown.toEpochMilli() - real.toEpochMilli());
        JobClient job = start(FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 1),
                FeedTestSupport.feed(to, false, FullSnapshotTriggers.of("0 2 * * *", 0, 0, 0), clock));
        List<BackupManifest> chain = FeedTestSupport.awaitCommitted(to, "test", l -> fulls(l) >= 2, job);
        int after = chain.size();
        chain = FeedTestSupport.awaitCommitted(to, "test", l -> l.size() >= after + 3, job);
        List<BackupManifest> fulls = chain.stream().filter(m -> m.kind().equals(BackupManifest.FULL)).toList();
        assertThat(fulls).as("one full at the start, one at 02:00, nothing else %s", kinds(chain)).hasSize(2);
        assertThat(fulls.get(1).options()).containsEntry("fullSnapshotTrigger", "SCHEDULE");
        Instant scheduled = shown.atZone(ZoneOffset.UTC).with(LocalTime.of(2, 0)).toInstant();
        // Due at 02:00; a delta round still running then delays it until that round ends.
        assertThat(Instant.parse(fulls.get(1).startedAt())).isAfterOrEqualTo(scheduled)
                .isBefore(scheduled.plusSeconds(5));
        assertThat(chain.indexOf(fulls.get(1))).as("deltas ran before 02:00").isGreaterThan(1);
    }

    @Test
    void usedSpaceCrossingStartsOneFull() throws Exception {
        assumeTrue(CLUSTER.isEmbedded(), "needs a namespace of a known size");
        String to = temp.resolve("cat").toString();
        NamespaceConfig small = NamespaceConfig.defaults("space").withDataTotalBytes(200_000);
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().namespaceConfigs(List.of(small)).build().start()) {
            ClientPolicy policy = new ClientPolicy();
            policy.timeout = 5000;
            try (AerospikeClient client = new AerospikeClient(policy, Host.parseHosts(server.hosts(), 3000))) {
                write(client, "space", "s", 0, 20, 1000); // about 10%
                JobClient job = start(FeedTestSupport.spec(server.hosts(), "space", "s", to, 1),
                        FeedTestSupport.feed(to, false, FullSnapshotTriggers.of(null, 0, 0, 50), Clock.systemUTC()));
                List<BackupManifest> chain = FeedTestSupport.awaitCommitted(to, "space", l -> l.size() >= 3, job);
                assertThat(fulls(chain)).as("below the threshold %s", kinds(chain)).isEqualTo(1);
                write(client, "space", "s", 20, 120, 1000); // about 60%
                chain = FeedTestSupport.awaitCommitted(to, "space", l -> fulls(l) >= 2, job);
                BackupManifest full = chain.stream().filter(m -> m.kind().equals(BackupManifest.FULL)).toList().get(1);
                assertThat(full.options()).containsEntry("fullSnapshotTrigger", "SPACE_THRESHOLD");
                int after = chain.size();
                chain = FeedTestSupport.awaitCommitted(to, "space", l -> l.size() >= after + 3, job);
                assertThat(fulls(chain)).as("once per crossing, not at every round above it %s", kinds(chain))
                        .isEqualTo(2);
                job.cancel().get();
                FeedTestSupport.awaitTerminal(job);
            }
        }
    }

    /** The system clock shifted by a fixed offset; serializable, so the job's copy shows the same time. */
    static final class OffsetClock extends UtcTestClock implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long offsetMillis;

        OffsetClock(long offsetMillis) {
            this.offsetMillis = offsetMillis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offsetMillis;
        }
    }
}
