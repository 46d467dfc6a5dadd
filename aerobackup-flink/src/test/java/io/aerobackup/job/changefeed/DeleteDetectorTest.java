package io.aerobackup.job.changefeed;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.source.SourceTestData;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.Round;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delete detector, keyed by partition on Flink's harness: digests of the previous full or sweep
 * that a delta's presence sweep misses become one DELETE each (or an expiry count when their
 * void-time passed), the known set moves with each round, and it survives a snapshot and restore.
 */
class DeleteDetectorTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Aerospike's void-times count seconds from 2010-01-01T00:00:00Z. */
    private static final long NOW_VOID_TIME = NOW.getEpochSecond() - Instant.parse("2010-01-01T00:00:00Z")
            .getEpochSecond();
    private static final int PARTITION = 7;

    private static final Round FULL = new Round(1, BackupManifest.FULL, "20261202T000000000Z-full-0001", null, null,
            null, 1_000_000L, null, null, true);
    private static final Round DELTA = delta(2, FULL, true);
    private static final Round NEXT_DELTA = delta(3, DELTA, true);

    private final Random random = new Random(7);

    @Test
    void aRecordMissingFromTheNextSweepBecomesExactlyOneDelete() throws Exception {
        BackupRecord kept = record(0);
        BackupRecord gone = record(0);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness()) {
            harness.open();
            fullRound(harness, FULL, PARTITION, kept, gone);
            harness.getOutput().clear();

            sweep(harness, DELTA, PARTITION, kept);

            List<FeedElement> out = harness.extractOutputValues();
            assertThat(deletes(out)).hasSize(1);
            FeedElement delete = deletes(out).get(0);
            assertThat(delete.record().digest()).isEqualTo(gone.digest());
            assertThat(delete.backupId()).isEqualTo(DELTA.backupId());
            assertThat(delete.roundNumber()).isEqualTo(DELTA.number());
            assertThat(delete.partition()).isEqualTo(PARTITION);
            assertThat(delete.record().bins()).isEmpty();
            assertThat(out.get(out.size() - 1).kind()).as("the marker follows the deletes")
                    .isEqualTo(FeedElement.Kind.PARTITION_DONE);
            assertThat(out).extracting(FeedElement::kind).as("presence is consumed here")
                    .doesNotContain(FeedElement.Kind.PRESENCE, FeedElement.Kind.EXPIRED);
        }
    }

    @Test
    void recordsStillPresentYieldNoDeletes() throws Exception {
        BackupRecord a = record(0);
        BackupRecord b = record(NOW_VOID_TIME + 3600);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness()) {
            harness.open();
            fullRound(harness, FULL, PARTITION, a, b);
            sweep(harness, DELTA, PARTITION, b, a);
            sweep(harness, NEXT_DELTA, PARTITION, a, b, record(0)); // a new record: no delete either

            assertThat(deletes(harness.extractOutputValues())).isEmpty();
        }
    }

    @Test
    void aDeleteIsReportedOnceAndNotAgainInLaterSweeps() throws Exception {
        BackupRecord kept = record(0);
        BackupRecord gone = record(0);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness()) {
            harness.open();
            fullRound(harness, FULL, PARTITION, kept, gone);
            sweep(harness, DELTA, PARTITION, kept);
            sweep(harness, NEXT_DELTA, PARTITION, kept);

            assertDeletedDigests(harness, gone);
        }
    }

    @Test
    void eachSweepIsComparedWithThePreviousSweepAlone() throws Exception {
        BackupRecord kept = record(0);
        BackupRecord goneInFirstDelta = record(0);
        BackupRecord goneInSecondDelta = record(0);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness()) {
            harness.open();
            fullRound(harness, FULL, PARTITION, kept, goneInFirstDelta, goneInSecondDelta);
            sweep(harness, DELTA, PARTITION, kept, goneInSecondDelta);
            assertDeletedDigests(harness, goneInFirstDelta);
            harness.getOutput().clear();

            sweep(harness, NEXT_DELTA, PARTITION, kept);

            List<FeedElement> deletes = deletes(harness.extractOutputValues());
            assertThat(deletes).extracting(e -> e.record().digestHex()).containsExactly(goneInSecondDelta.digestHex());
            assertThat(deletes.get(0).backupId()).isEqualTo(NEXT_DELTA.backupId());
        }
    }

    @Test
    void expiredRecordsAreCountedNotDeleted() throws Exception {
        BackupRecord expired1 = record(NOW_VOID_TIME - 10);
        BackupRecord expired2 = record(NOW_VOID_TIME);
        BackupRecord deletedWithTtl = record(NOW_VOID_TIME + 10);
        BackupRecord deletedNoTtl = record(0);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness()) {
            harness.open();
            fullRound(harness, FULL, PARTITION, expired1, expired2, deletedWithTtl, deletedNoTtl);
            harness.getOutput().clear();

            sweep(harness, DELTA, PARTITION);

            List<FeedElement> out = harness.extractOutputValues();
            assertThat(deletes(out)).extracting(e -> e.record().digestHex())
                    .containsExactlyInAnyOrder(deletedWithTtl.digestHex(), deletedNoTtl.digestHex());
            List<FeedElement> expiries = out.stream().filter(e -> e.kind() == FeedElement.Kind.EXPIRED).toList();
            assertThat(expiries).hasSize(1);
            assertThat(expiries.get(0).file().expiries()).isEqualTo(2);
            assertThat(expiries.get(0).backupId()).isEqualTo(DELTA.backupId());
            assertThat(expiries.get(0).partition()).isEqualTo(PARTITION);
        }
    }

    @Test
    void partitionsKeepTheirOwnSets() throws Exception {
        BackupRecord inSeven = record(0);
        BackupRecord inNine = recordIn(9, 0);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness()) {
            harness.open();
            fullRound(harness, FULL, PARTITION, inSeven);
            fullRound(harness, FULL, 9, inNine);
            harness.getOutput().clear();

            sweep(harness, DELTA, 9); // partition 9's record vanished; partition 7 not swept yet
            assertDeletedDigests(harness, inNine);

            sweep(harness, DELTA, PARTITION, inSeven);
            assertThat(deletes(harness.extractOutputValues())).as("nothing vanished from partition 7")
                    .extracting(e -> e.record().digestHex()).containsExactly(inNine.digestHex());
        }
    }

    @Test
    void aFullRoundReplacesTheSetWithoutDeletes() throws Exception {
        BackupRecord a = record(0);
        BackupRecord b = record(0);
        Round secondFull = new Round(2, BackupManifest.FULL, "20261202T000100000Z-full-0002", null, null, null,
                2_000_000L, null, null, true);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness()) {
            harness.open();
            fullRound(harness, FULL, PARTITION, a, b);
            fullRound(harness, secondFull, PARTITION, a);
            assertThat(deletes(harness.extractOutputValues())).as("a full never sweeps").isEmpty();

            sweep(harness, delta(3, secondFull, true), PARTITION);
            assertThat(deletes(harness.extractOutputValues())).as("b left with the second full's set")
                    .extracting(e -> e.record().digestHex()).containsExactly(a.digestHex());
        }
    }

    @Test
    void builtForReplicationAFullRoundHandsOnEachPartitionsDigestsBeforeItsMarker() throws Exception {
        BackupRecord a = record(0);
        BackupRecord b = record(NOW_VOID_TIME + 60);
        BackupRecord absent = record(0);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness(true)) {
            harness.open();
            fullRound(harness, FULL, PARTITION, b, a);
            List<FeedElement> out = harness.extractOutputValues();
            assertThat(out).extracting(FeedElement::kind).containsExactly(FeedElement.Kind.CHANGE,
                    FeedElement.Kind.CHANGE, FeedElement.Kind.DIGESTS, FeedElement.Kind.PARTITION_DONE);
            FeedElement digests = out.get(2);
            assertThat(digests.partition()).isEqualTo(PARTITION);
            assertThat(digests.roundNumber()).isEqualTo(FULL.number());
            assertThat(digests.digestEntries()).hasSize(2 * FeedElement.DIGEST_ENTRY);
            assertThat(DeleteDetector.containsDigest(digests.digestEntries(), a.digest())).isTrue();
            assertThat(DeleteDetector.containsDigest(digests.digestEntries(), b.digest())).isTrue();
            assertThat(DeleteDetector.containsDigest(digests.digestEntries(), absent.digest())).isFalse();
            assertThat(DeleteDetector.containsDigest(new byte[0], a.digest())).isFalse();
            harness.getOutput().clear();

            sweep(harness, DELTA, PARTITION, a);
            assertThat(harness.extractOutputValues()).extracting(FeedElement::kind).as("deltas hand on nothing")
                    .doesNotContain(FeedElement.Kind.DIGESTS);
        }
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> feed = harness()) {
            feed.open();
            fullRound(feed, FULL, PARTITION, a);
            assertThat(feed.extractOutputValues()).extracting(FeedElement::kind).as("the change feed's detector")
                    .containsExactly(FeedElement.Kind.CHANGE, FeedElement.Kind.PARTITION_DONE);
        }
    }

    @Test
    void aDeltaWithoutDeleteCaptureNeitherDeletesNorMovesTheSet() throws Exception {
        BackupRecord a = record(0);
        BackupRecord gone = record(0);
        Round noCapture = delta(2, FULL, false);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness = harness()) {
            harness.open();
            fullRound(harness, FULL, PARTITION, a, gone);
            harness.processElement(FeedElement.change(noCapture, a), 0);
            harness.processElement(FeedElement.partitionDone(noCapture, PARTITION), 0);
            assertThat(deletes(harness.extractOutputValues())).isEmpty();

            sweep(harness, delta(3, noCapture, true), PARTITION, a);
            assertDeletedDigests(harness, gone);
        }
    }

    @Test
    void stateSurvivesARestoreBetweenRounds() throws Exception {
        BackupRecord kept = record(0);
        BackupRecord gone = record(0);
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> first = harness()) {
            first.open();
            fullRound(first, FULL, PARTITION, kept, gone);
            snapshot = first.snapshot(1, 1);
        }

        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> second = harness()) {
            second.initializeState(snapshot);
            second.open();
            sweep(second, DELTA, PARTITION, kept);

            assertDeletedDigests(second, gone);
        }
    }

    @Test
    void aRestoreInsideASweepKeepsTheDigestsSeenBeforeTheCheckpoint() throws Exception {
        BackupRecord seenBefore = record(0);
        BackupRecord seenAfter = record(0);
        BackupRecord gone = record(0);
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> first = harness()) {
            first.open();
            fullRound(first, FULL, PARTITION, seenBefore, seenAfter, gone);
            first.processElement(FeedElement.presence(DELTA, seenBefore), 0);
            snapshot = first.snapshot(1, 1);
        }

        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> second = harness()) {
            second.initializeState(snapshot);
            second.open();
            // the source resumes after the checkpoint: only the rest of the sweep arrives again
            second.processElement(FeedElement.presence(DELTA, seenAfter), 0);
            second.processElement(FeedElement.partitionDone(DELTA, PARTITION), 0);

            assertDeletedDigests(second, gone);
        }
    }

    @Test
    void aMarkerReplayedAfterARestoreProducesNoDuplicateDeletes() throws Exception {
        BackupRecord kept = record(0);
        BackupRecord gone = record(0);
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> first = harness()) {
            first.open();
            fullRound(first, FULL, PARTITION, kept, gone);
            sweep(first, DELTA, PARTITION, kept);
            assertThat(deletes(first.extractOutputValues())).hasSize(1);
            snapshot = first.snapshot(1, 1);
        }

        try (KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> second = harness()) {
            second.initializeState(snapshot);
            second.open();
            sweep(second, DELTA, PARTITION, kept); // the same round's sweep again

            List<FeedElement> out = second.extractOutputValues();
            assertThat(deletes(out)).isEmpty();
            assertThat(out).extracting(FeedElement::kind).as("the marker still passes")
                    .containsExactly(FeedElement.Kind.PARTITION_DONE);

            // the marker alone, again (its presence elements were before the checkpoint)
            second.processElement(FeedElement.partitionDone(DELTA, PARTITION), 0);
            assertThat(deletes(second.extractOutputValues())).as("an empty replay deletes nothing").isEmpty();

            sweep(second, NEXT_DELTA, PARTITION, kept);
            assertThat(deletes(second.extractOutputValues())).as("the restored set no longer holds the deleted")
                    .isEmpty();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness()
            throws Exception {
        return harness(false);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness(
            boolean handsOnFullRoundDigests) throws Exception {
        KeySelector<FeedElement, Integer> byPartition = FeedElement::partition;
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new DeleteDetector(CLOCK, handsOnFullRoundDigests)), byPartition, Types.INT);
    }

    private static Round delta(long number, Round parent, boolean captureDeletes) {
        long from = number * 1_000_000L - 1_000_000L;
        return new Round(number, BackupManifest.DELTA, "20261202T00000" + number + "000Z-delta-000" + number,
                parent.backupId(), from, from + 1_000_000L, from + 1_000_000L, null, null, captureDeletes);
    }

    /** A full round's records of one partition (all pass through), then its marker. */
    private static void fullRound(KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness,
                                  Round round, int partition, BackupRecord... records) throws Exception {
        for (BackupRecord r : records) {
            assertThat(r.partitionId()).isEqualTo(partition);
            harness.processElement(FeedElement.change(round, r), 0);
        }
        harness.processElement(FeedElement.partitionDone(round, partition), 0);
    }

    /** A delta round's presence sweep of one partition, then its marker. */
    private static void sweep(KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> harness,
                              Round round, int partition, BackupRecord... present) throws Exception {
        for (BackupRecord r : present) {
            assertThat(r.partitionId()).isEqualTo(partition);
            harness.processElement(FeedElement.presence(round, r), 0);
        }
        harness.processElement(FeedElement.partitionDone(round, partition), 0);
    }

    /** The harness emitted DELETE changes for exactly these records' digests, in this order. */
    private static void assertDeletedDigests(KeyedOneInputStreamOperatorTestHarness<Integer, FeedElement, FeedElement> h,
                                             BackupRecord... gone) {
        assertThat(deletes(h.extractOutputValues())).extracting(e -> e.record().digestHex())
                .containsExactly(Arrays.stream(gone).map(BackupRecord::digestHex).toArray(String[]::new));
    }

    private static List<FeedElement> deletes(List<FeedElement> out) {
        List<FeedElement> list = new ArrayList<>();
        for (FeedElement e : out) {
            if (e.kind() == FeedElement.Kind.CHANGE && e.record().operation() == RecordOperation.DELETE) {
                list.add(e);
            }
        }
        return list;
    }

    private BackupRecord record(long voidTime) {
        return recordIn(PARTITION, voidTime);
    }

    private BackupRecord recordIn(int partition, long voidTime) {
        return new BackupRecord(SourceTestData.digestInPartition(partition, random), "set1", null, 1, voidTime,
                RecordOperation.UPSERT, SourceTestData.upsert(SourceTestData.randomDigest(random), 1).bins());
    }
}
