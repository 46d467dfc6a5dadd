package io.aerobackup.job.replicate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.FeedElementTypeInfo;
import io.aerobackup.testutils.AerospikeTestCluster;
import com.aerospike.client.cluster.Partition;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.aerobackup.job.replicate.ReplicationTestSupport.CONVERGES_WITHIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication between two clusters while the source changes: the destination (always an embedded
 * cluster) converges to the source record by record, and the conflict rule keeps a record written
 * directly on the destination after the source's last change.
 */
class ReplicationITCase extends ReplicationTestBase {
    private static final String DST_NS = "restore";

    @RegisterExtension
    static final AerospikeTestCluster DESTINATION = AerospikeTestCluster.standby(1, "test", "restore");

    private static void put(AerospikeClient client, String set, int id, int ttl, Bin... bins) {
        WritePolicy policy = new WritePolicy();
        policy.sendKey = id % 2 == 0; // half the records keep their user key
        policy.expiration = ttl;
        client.put(policy, new Key("test", set, id), bins);
    }

    @Test
    void theDestinationFollowsWritesUpdatesDeletesAndTtlsWhileTheJobRuns() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("repl");
        String catalog = temp.resolve("catalog").toUri().toString();
        String statusTo = temp.resolve("status/replication.json").toUri().toString();
        AerospikeClient source = SOURCE.client();
        for (int i = 0; i < 600; i++) {
            put(source, set, i, i % 3 == 0 ? 3600 : -1, new Bin("a", i), new Bin("b", "b" + i));
        }
        JobClient job = start(ReplicationTestSupport.spec(SOURCE.hosts(), set, DESTINATION.hosts(), DST_NS,
                Duration.ofSeconds(1), catalog, statusTo), null);
        ReplicationTestSupport.awaitConverged(source, DESTINATION.client(), DST_NS, set, CONVERGES_WITHIN, job);

        // While it runs: updates that remove a bin, deletes, new records with a TTL, updates of a TTL.
        for (int i = 0; i < 100; i++) {
            put(source, set, i, -2, new Bin("a", -i), Bin.asNull("b"));
        }
        for (int i = 100; i < 150; i++) {
            source.delete(null, new Key("test", set, i));
        }
        for (int i = 600; i < 700; i++) {
            put(source, set, i, 600, new Bin("a", i), new Bin("c", "new"));
        }
        for (int i = 150; i < 160; i++) {
            put(source, set, i, 120, new Bin("a", i), new Bin("b", "ttl"));
        }
        ReplicationTestSupport.awaitConverged(source, DESTINATION.client(), DST_NS, set, CONVERGES_WITHIN, job);
        assertThat(DESTINATION.client().get(null, new Key(DST_NS, set, 5)).bins).as("a removed bin is gone")
                .containsOnlyKeys("a");

        // Every delete was applied once, and the rounds went on being applied.
        ReplicationStatus status = ReplicationTestSupport.awaitStatus(statusTo, s -> s.deletesApplied() >= 50,
                CONVERGES_WITHIN, job);
        assertThat(status.deletesApplied()).isEqualTo(50);
        assertThat(status.recordsApplied()).isGreaterThanOrEqualTo(600 + 100 + 100 + 10);
        assertThat(status.sourceNamespace()).isEqualTo("test");
        assertThat(status.destinationNamespace()).isEqualTo(DST_NS);
        assertThat(status.lastRoundKind()).isEqualTo(BackupManifest.DELTA);
        assertThat(status.lagMillis()).isBetween(0L, 30_000L);
        assertThat(status.conflictsSkipped()).isZero();

        // The same job keeps a catalog: a full first, then deltas. Its committer commits on the same
        // checkpoints as the replication's, independently: a delta may land a moment after the status.
        long deadline = System.nanoTime() + CONVERGES_WITHIN.toNanos();
        List<String> kinds = committedKinds(catalog);
        while (!kinds.contains(BackupManifest.DELTA) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            kinds = committedKinds(catalog);
        }
        assertThat(kinds).contains(BackupManifest.FULL, BackupManifest.DELTA);
    }

    private static List<String> committedKinds(String catalog) throws java.io.IOException {
        List<String> kinds = new ArrayList<>();
        for (Catalog.CatalogEntry e : new Catalog(new Path(catalog)).list("test")) {
            if (e.complete()) {
                kinds.add(e.manifest().kind());
            }
        }
        return kinds;
    }

    /** The destination record written directly while the full round runs (static: the job runs in this JVM). */
    private static volatile Key directDuringTheFullRound;
    private static final AtomicBoolean DIRECT_WRITTEN = new AtomicBoolean();

    /**
     * Writes {@link #directDuringTheFullRound} on the destination just before the applier gets the
     * full round's digests of its partition: after the round was planned, before its extras are deleted.
     */
    private static final class DirectWriteDuringTheFullRound implements MapFunction<FeedElement, FeedElement> {
        @Override
        public FeedElement map(FeedElement e) {
            Key key = directDuringTheFullRound;
            if (e.kind() == FeedElement.Kind.DIGESTS && e.partition() == Partition.getPartitionId(key.digest)
                    && DIRECT_WRITTEN.compareAndSet(false, true)) {
                DESTINATION.client().put(null, key, new Bin("v", "direct"));
            }
            return e;
        }
    }

    @Test
    void theFullRoundDeletesTheDestinationsRecordsTheSourceLacksUnlessWrittenSinceItWasPlanned() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("extra");
        String otherSet = AerospikeTestCluster.uniqueSet("other");
        String statusTo = temp.resolve("extras-status.json").toUri().toString();
        AerospikeClient source = SOURCE.client();
        AerospikeClient destination = DESTINATION.client();
        for (int i = 0; i < 50; i++) {
            destination.put(null, new Key(DST_NS, set, i), new Bin("a", -i)); // stale copies, older than the source's
        }
        Thread.sleep(5);
        for (int i = 0; i < 50; i++) {
            put(source, set, i, -1, new Bin("a", i));
        }
        List<Key> olderExtras = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Key key = new Key(DST_NS, set, "gone-" + i);
            destination.put(null, key, new Bin("a", i));
            olderExtras.add(key);
        }
        Key notReplicated = new Key(DST_NS, otherSet, "gone-0");
        destination.put(null, notReplicated, new Bin("a", 0));
        directDuringTheFullRound = new Key(DST_NS, set, "direct");

        JobClient job = jobs.add(ReplicationRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(),
                ReplicationTestSupport.spec(SOURCE.hosts(), set, DESTINATION.hosts(), DST_NS, Duration.ofSeconds(1),
                        null, statusTo),
                stream -> stream.map(new DirectWriteDuringTheFullRound()).returns(FeedElementTypeInfo.INSTANCE)
                        .name("direct-write")));
        ReplicationStatus afterFull = ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= 1,
                CONVERGES_WITHIN, job);

        assertThat(DIRECT_WRITTEN).as("the direct write was made during the full round").isTrue();
        for (Key key : olderExtras) {
            assertThat(destination.exists(null, key)).as("%s, older than the round", key.userKey).isFalse();
        }
        assertThat(destination.get(null, directDuringTheFullRound).getString("v"))
                .as("written after the round was planned: a newer direct write wins").isEqualTo("direct");
        assertThat(destination.exists(null, notReplicated)).as("a set not replicated is left alone").isTrue();
        assertThat(afterFull.deletesApplied()).isEqualTo(olderExtras.size());
        assertThat(afterFull.conflictsSkipped()).as("the direct write kept").isEqualTo(1);
        Map<String, ReplicationTestSupport.Copy> copied = ReplicationTestSupport.records(destination, DST_NS, set);
        copied.remove(HexFormat.of().formatHex(directDuringTheFullRound.digest));
        assertThat(ReplicationTestSupport.diff(ReplicationTestSupport.records(source, "test", set), copied))
                .as("otherwise the destination's set equals the source's").isEmpty();
    }

    @Test
    void aDirectWriteOnTheDestinationNewerThanTheSourceVersionIsKeptUntilTheSourceChangesAgain() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("conf");
        String statusTo = temp.resolve("conflict-status.json").toUri().toString();
        AerospikeClient source = SOURCE.client();
        Key onSource = new Key("test", set, "k");
        Key onDestination = new Key(DST_NS, set, "k");
        Key leftAlone = new Key("test", set, "alone");
        source.put(null, onSource, new Bin("v", "s1"));
        source.put(null, leftAlone, new Bin("v", "s1"));
        // Rounds 4 s apart: a round is applied well before the next starts, leaving a gap to write in.
        JobClient job = start(ReplicationTestSupport.spec(SOURCE.hosts(), set, DESTINATION.hosts(), DST_NS,
                Duration.ofSeconds(4), null, statusTo), null);
        ReplicationTestSupport.awaitConverged(source, DESTINATION.client(), DST_NS, set, Duration.ofSeconds(30), job);

        // Right after a round was applied: the source changes, then the destination is written directly.
        long round = ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= 1, Duration.ofSeconds(30),
                job).lastRound();
        ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() > round, Duration.ofSeconds(30), job);
        source.put(null, onSource, new Bin("v", "s2"));
        DESTINATION.client().put(null, onDestination, new Bin("v", "direct"));
        DESTINATION.client().put(null, new Key(DST_NS, set, "alone"), new Bin("v", "direct"));
        long applied = ReplicationTestSupport.status(statusTo).lastRound();

        // The round carrying s2 skips it: the destination's direct write is newer.
        ReplicationStatus status = ReplicationTestSupport.awaitStatus(statusTo, s -> s.lastRound() >= applied + 2,
                Duration.ofSeconds(30), job);
        assertThat(DESTINATION.client().get(null, onDestination).getString("v")).isEqualTo("direct");
        assertThat(DESTINATION.client().get(null, new Key(DST_NS, set, "alone")).getString("v")).isEqualTo("direct");
        assertThat(status.conflictsSkipped()).isEqualTo(1);

        // A later change on the source is newer than the direct write: it replaces it.
        source.put(null, onSource, new Bin("v", "s3"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"s3".equals(DESTINATION.client().get(null, onDestination).getString("v"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(DESTINATION.client().get(null, onDestination).getString("v")).isEqualTo("s3");
        assertThat(DESTINATION.client().get(null, new Key(DST_NS, set, "alone")).getString("v"))
                .as("the record left alone on the source keeps its direct write").isEqualTo("direct");
    }
}
