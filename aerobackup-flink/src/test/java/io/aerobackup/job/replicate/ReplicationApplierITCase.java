package io.aerobackup.job.replicate;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.Round;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applier alone, fed rounds by hand against two real clusters: the conflict rule decided record
 * by record (fast path, own writes known exactly, fallback spans, exact resolution against the
 * source), and a restore in the middle of a round.
 */
class ReplicationApplierITCase {
    private static final String DST_NS = "restore";

    @RegisterExtension
    static final AerospikeTestCluster SOURCE = AerospikeTestCluster.create();

    @RegisterExtension
    static final AerospikeTestCluster DESTINATION = AerospikeTestCluster.standby(1, "test", "restore");

    private final String set = AerospikeTestCluster.uniqueSet("appl");

    private OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness(OperatorSubtaskState restored)
            throws Exception {
        ReplicationSpec spec = ReplicationTestSupport.spec(SOURCE.hosts(), set, DESTINATION.hosts(), DST_NS,
                Duration.ofSeconds(1), null, null);
        OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = new OneInputStreamOperatorTestHarness<>(
                new ReplicationApplier(spec, Clock.systemUTC()), 128, 1, 0);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static Round full(long number, long startedAt) {
        return new Round(number, BackupManifest.FULL, BackupIds.newId(Instant.ofEpochMilli(startedAt),
                BackupManifest.FULL), null, null, null, startedAt, null, null, true);
    }

    private static Round delta(long number, String parent, long from, long startedAt) {
        return new Round(number, BackupManifest.DELTA, BackupIds.newId(Instant.ofEpochMilli(startedAt),
                BackupManifest.DELTA), parent, from, startedAt, startedAt, null, null, true);
    }

    /** The record as a scan of the source carries it now. */
    private BackupRecord scanned(String id) {
        Key key = new Key("test", set, id);
        Record r = SOURCE.client().get(null, key);
        return new BackupRecord(key.digest, set, null, r.generation, 0, RecordOperation.UPSERT,
                List.of(new BackupBin("v", ParticleTypes.STRING, r.getString("v"))));
    }

    private BackupRecord deleted(String id) {
        return new BackupRecord(new Key("test", set, id).digest, null, null, 0, 0, RecordOperation.DELETE, List.of());
    }

    private static void change(OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness, Round round,
                               BackupRecord record) throws Exception {
        harness.processElement(new StreamRecord<>(FeedElement.change(round, record)));
    }

    private static void allDone(OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness, Round round)
            throws Exception {
        for (int p = 0; p < 4096; p++) {
            harness.processElement(new StreamRecord<>(FeedElement.partitionDone(round, p)));
        }
    }

    private String onDestination(String id) {
        Record r = DESTINATION.client().get(null, new Key(DST_NS, set, id));
        return r == null ? null : r.getString("v");
    }

    private void putSource(String id, String value) {
        SOURCE.client().put(null, new Key("test", set, id), new Bin("v", value));
    }

    private void putDestination(String id, String value) {
        DESTINATION.client().put(null, new Key(DST_NS, set, id), new Bin("v", value));
    }

    /** A checkpoint as the task takes it: the barrier's preparation (every write waited for), then the state. */
    private static OperatorSubtaskState checkpoint(OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness,
                                                   long id) throws Exception {
        harness.prepareSnapshotPreBarrier(id);
        return harness.snapshot(id, id);
    }

    /** The counts the applier sent on before its last barrier: records, deletes, conflicts. */
    private static long[] counts(OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness) {
        long[] total = new long[3];
        for (Object o : new ArrayList<>(harness.getOutput())) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof FeedElement e
                    && e.kind() == FeedElement.Kind.FILE) {
                AppliedCounts c = AppliedCounts.of(e);
                assertThat(c.backupId()).as("counts name their round's backup id").isNotNull();
                total[0] += c.records();
                total[1] += c.deletes();
                total[2] += c.conflicts();
            }
        }
        harness.getOutput().clear();
        return total;
    }

    @Test
    void theConflictRuleDecidesRecordByRecord() throws Exception {
        // Before the job: "newer" written on the source after its direct write on the destination,
        // "direct" written on the destination after the source's version.
        putDestination("newer", "d-old");
        Thread.sleep(5);
        putSource("newer", "s1");
        putSource("direct", "s1");
        Thread.sleep(5);
        putDestination("direct", "d-new");
        putSource("fresh", "s1");
        Thread.sleep(5);

        Round first = full(1, System.currentTimeMillis());
        OperatorSubtaskState midRound;
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(null)) {
            change(harness, first, scanned("newer"));
            change(harness, first, scanned("direct"));
            midRound = checkpoint(harness, 1);
            assertThat(counts(harness)).containsExactly(1, 0, 1);
        }
        assertThat(onDestination("newer")).as("the source's newer version replaces it").isEqualTo("s1");
        assertThat(onDestination("direct")).as("the newer direct write is kept").isEqualTo("d-new");

        // A restore in the middle of the round: the rest of it is applied, then the next rounds.
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(midRound)) {
            change(harness, first, scanned("fresh"));
            allDone(harness, first);
            checkpoint(harness, 2);
            assertThat(counts(harness)).containsExactly(1, 0, 0);
            assertThat(onDestination("fresh")).isEqualTo("s1");

            // Written by the replicator in round 1 (inside its span), changed on the source since:
            // applied without asking the source. A direct write after round 1 was applied and before
            // round 2 was planned is newer than round 2's version of that record, so it stays.
            putSource("direct", "s2");
            putDestination("fresh", "d-after-round-1");
            putSource("fresh", "s2");
            Thread.sleep(5);
            putDestination("fresh", "d-newest");
            putSource("newer", "s2");
            Thread.sleep(5);
            Round second = delta(2, first.backupId(), first.startedAtMillis(), System.currentTimeMillis());
            change(harness, second, scanned("newer"));
            change(harness, second, scanned("fresh"));
            change(harness, second, scanned("direct"));
            checkpoint(harness, 3);
            assertThat(onDestination("newer")).as("the replicator's own write of round 1").isEqualTo("s2");
            assertThat(onDestination("fresh")).as("a direct write newer than the source's").isEqualTo("d-newest");
            assertThat(onDestination("direct")).as("the source's s2 is newer than d-new").isEqualTo("s2");
            assertThat(counts(harness)).containsExactly(2, 0, 1);

            // Deletes: of the replicator's own record, applied; of a record written directly after
            // round 2 was applied (its deletion time is unknown), skipped.
            allDone(harness, second);
            Thread.sleep(5); // apply spans end on a millisecond, inclusive
            putDestination("fresh", "d-gap");
            Thread.sleep(5);
            SOURCE.client().delete(null, new Key("test", set, "newer"));
            SOURCE.client().delete(null, new Key("test", set, "fresh"));
            Round third = delta(3, second.backupId(), second.startedAtMillis(), System.currentTimeMillis());
            change(harness, third, deleted("newer"));
            change(harness, third, deleted("fresh"));
            checkpoint(harness, 4);
            assertThat(onDestination("newer")).isNull();
            assertThat(onDestination("fresh")).as("the destination's later write wins").isEqualTo("d-gap");
            assertThat(counts(harness)).containsExactly(0, 1, 1);
        }
    }

    @Test
    void aDirectWriteDuringADeltaRoundOrInsideThePreviousRoundsApplyTimeIsKeptFromAnOlderSourceVersion()
            throws Exception {
        putSource("x", "s1");
        putSource("z", "s1");
        Thread.sleep(5);
        Round first = full(1, System.currentTimeMillis());
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(null)) {
            change(harness, first, scanned("x"));
            change(harness, first, scanned("z"));
            allDone(harness, first);
            checkpoint(harness, 1);
            assertThat(counts(harness)).containsExactly(2, 0, 0);

            putSource("x", "s2");
            putSource("z", "s2");
            Thread.sleep(5);
            Round second = delta(2, first.backupId(), first.startedAtMillis(), System.currentTimeMillis());
            change(harness, second, scanned("z"));
            checkpoint(harness, 2); // z's write acknowledged: the applier knows its last-update time
            assertThat(counts(harness)).containsExactly(1, 0, 0);
            assertThat(onDestination("z")).isEqualTo("s2");

            // While round 2 is being applied: x written directly, after its source version s2.
            Thread.sleep(5);
            putDestination("x", "direct");
            change(harness, second, scanned("x"));
            // Still inside round 2's apply time: z changes on the source, then directly on the destination.
            putSource("z", "s3");
            Thread.sleep(5);
            putDestination("z", "direct");
            allDone(harness, second);
            checkpoint(harness, 3);
            assertThat(onDestination("x")).as("newer than the source's s2, written during the round").isEqualTo(
                    "direct");
            assertThat(counts(harness)).containsExactly(0, 0, 1);

            Thread.sleep(5);
            Round third = delta(3, second.backupId(), second.startedAtMillis(), System.currentTimeMillis());
            change(harness, third, scanned("z"));
            checkpoint(harness, 4);
            assertThat(onDestination("z")).as("newer than the source's s3, written inside round 2's apply time")
                    .isEqualTo("direct");
            assertThat(counts(harness)).containsExactly(0, 0, 1);

            // A later source version is newer than the direct write: applied.
            putSource("z", "s4");
            Thread.sleep(5);
            Round fourth = delta(4, third.backupId(), third.startedAtMillis(), System.currentTimeMillis());
            change(harness, fourth, scanned("z"));
            checkpoint(harness, 5);
            assertThat(onDestination("z")).isEqualTo("s4");
            assertThat(counts(harness)).containsExactly(1, 0, 0);
        }
    }

    @Test
    void aRestoreKeepsTheOwnWritesSoAVersionWrittenOnTheSourceBeforeTheReplicatorsWriteStillReplacesIt()
            throws Exception {
        putSource("z", "s1");
        Thread.sleep(5);
        Round first = full(1, System.currentTimeMillis());
        OperatorSubtaskState inRoundThree;
        Round third;
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(null)) {
            change(harness, first, scanned("z"));
            allDone(harness, first);
            checkpoint(harness, 1);

            putSource("z", "s2");
            Thread.sleep(5);
            Round second = delta(2, first.backupId(), first.startedAtMillis(), System.currentTimeMillis());
            BackupRecord carried = scanned("z");
            // The source changes again after round 2 read z and before the replicator writes it: s3
            // is older than the replicator's write of s2, yet newer on the source.
            putSource("z", "s3");
            Thread.sleep(5);
            change(harness, second, carried);
            allDone(harness, second);
            Thread.sleep(5);
            third = delta(3, second.backupId(), second.startedAtMillis(), System.currentTimeMillis());
            harness.processElement(new StreamRecord<>(FeedElement.partitionDone(third, 0)));
            inRoundThree = checkpoint(harness, 2);
            assertThat(onDestination("z")).isEqualTo("s2");
            counts(harness);
        }
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(inRoundThree)) {
            change(harness, third, scanned("z"));
            checkpoint(harness, 3);
            assertThat(onDestination("z")).as("the replicator's own write of s2, known after the restore")
                    .isEqualTo("s3");
            assertThat(counts(harness)).containsExactly(1, 0, 0);
        }
    }
}
