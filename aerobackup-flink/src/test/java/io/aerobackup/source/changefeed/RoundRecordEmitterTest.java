package io.aerobackup.source.changefeed;

import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.source.SourceTestData;
import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.source.reader.ScanProgress;
import io.aerobackup.source.reader.ScanReaderMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.aerobackup.source.SourceTestData.digestInPartition;
import static io.aerobackup.source.SourceTestData.partitionOf;
import static io.aerobackup.source.SourceTestData.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoundRecordEmitterTest {
    private final Random random = new Random(4096);
    private MetricListener listener;
    private ScanReaderMetrics metrics;
    private String runId;
    private ScanProgress progress;
    private RoundRecordEmitter emitter;

    @BeforeEach
    void createEmitter() {
        listener = new MetricListener();
        metrics = new ScanReaderMetrics(InternalSourceReaderMetricGroup.mock(listener.getMetricGroup()));
        runId = "RoundRecordEmitterTest-" + UUID.randomUUID();
        progress = new ScanProgress(runId);
        emitter = new RoundRecordEmitter(metrics, progress);
    }

    @AfterEach
    void releaseProgress() {
        progress.release();
    }

    @Test
    void digestsLandInTheirPartition() {
        for (int partition : new int[] {0, 1, 255, 256, 1234, 4095}) {
            byte[] digest = digestInPartition(partition, random);
            assertThat(partitionOf(digest)).isEqualTo(partition);
            assertThat(upsert(digest, 1).partitionId()).isEqualTo(partition);
        }
    }

    @Test
    void emitsTheRecordAndThenAdvancesItsPartitionsCursor() {
        RoundSplitState state = stateOf(PartitionSplit.fresh(1024, 512));
        BackupRecord record = upsert(digestInPartition(1234, random), 3);
        List<PartitionSplit> stateAtCollect = new ArrayList<>();
        CollectingFeedOutput output = new CollectingFeedOutput(r -> stateAtCollect.add(state.toSplit().partitions()));

        emitter.emitRecord(change(record), output, state);

        assertThat(output.records).containsExactly(record);
        assertThat(stateAtCollect.get(0).resumeDigests()).as("the cursor moves only after the record is out")
                .isEmpty();
        PartitionSplit snapshot = state.toSplit().partitions();
        assertThat(snapshot.resumeDigests()).containsOnlyKeys(1234);
        assertThat(snapshot.resumeDigests().get(1234)).containsExactly(record.digest());
    }

    @Test
    void keepsTheLastDigestPerPartition() {
        RoundSplitState state = stateOf(PartitionSplit.fresh(1024, 512));
        BackupRecord a1 = upsert(digestInPartition(1100, random), 1);
        BackupRecord a2 = upsert(digestInPartition(1100, random), 2);
        BackupRecord b = upsert(digestInPartition(1535, random), 1);
        BackupRecord c = new BackupRecord(digestInPartition(1024, random), "set1", null, 4, 0,
                RecordOperation.DELETE, List.of());
        CollectingFeedOutput output = new CollectingFeedOutput(r -> { });

        for (BackupRecord record : List.of(a1, b, a2, c)) {
            emitter.emitRecord(change(record), output, state);
        }

        assertThat(output.records).containsExactly(a1, b, a2, c);
        PartitionSplit snapshot = state.toSplit().partitions();
        assertThat(snapshot.resumeDigests()).containsOnlyKeys(1024, 1100, 1535);
        assertThat(snapshot.resumeDigests().get(1100)).containsExactly(a2.digest());
        assertThat(snapshot.resumeDigests().get(1535)).containsExactly(b.digest());
        assertThat(snapshot.resumeDigests().get(1024)).containsExactly(c.digest());
    }

    @Test
    void aBatchGoesOutInOrderAndLeavesEachPartitionAtItsLastRecord() {
        RoundSplitState state = stateOf(PartitionSplit.fresh(1024, 512));
        BackupRecord a1 = upsert(digestInPartition(1100, random), 1);
        BackupRecord b = upsert(digestInPartition(1535, random), 1);
        BackupRecord a2 = upsert(digestInPartition(1100, random), 2);
        CollectingFeedOutput output = new CollectingFeedOutput(r -> { });

        emitter.emitRecord(new ScanItem(ScanItem.Type.CHANGE, List.of(a1, b, a2)), output, state);

        assertThat(output.records).containsExactly(a1, b, a2);
        PartitionSplit snapshot = state.toSplit().partitions();
        assertThat(snapshot.resumeDigests()).containsOnlyKeys(1100, 1535);
        assertThat(snapshot.resumeDigests().get(1100)).containsExactly(a2.digest());
        assertThat(snapshot.resumeDigests().get(1535)).containsExactly(b.digest());
        assertThat(state.recordsEmitted()).isEqualTo(3);
        assertThat(counter(ScanReaderMetrics.RECORDS_READ).getCount()).isEqualTo(3);
        assertThat(progress.records()).isEqualTo(3);
    }

    @Test
    void advancesARestoredCursor() {
        PartitionSplit restored = SourceTestData.frozenSplit();
        RoundSplitState state = stateOf(restored);
        BackupRecord record = upsert(digestInPartition(1100, random), 1);

        emitter.emitRecord(change(record), new CollectingFeedOutput(r -> { }), state);

        PartitionSplit snapshot = state.toSplit().partitions();
        assertThat(snapshot.resumeDigests()).containsOnlyKeys(1024, 1100, 1279);
        assertThat(snapshot.resumeDigests().get(1100)).containsExactly(record.digest());
        assertThat(snapshot.resumeDigests().get(1024)).containsExactly(restored.resumeDigests().get(1024));
    }

    @Test
    void aFailingOutputLeavesTheCursorWhereItWas() {
        RoundSplitState state = stateOf(PartitionSplit.fresh(0, 4096));
        BackupRecord record = upsert(digestInPartition(77, random), 1);
        CollectingFeedOutput failing = new CollectingFeedOutput(r -> {
            throw new IllegalStateException("downstream failed");
        });

        assertThatThrownBy(() -> emitter.emitRecord(change(record), failing, state))
                .isInstanceOf(IllegalStateException.class);

        assertThat(state.toSplit().partitions().resumeDigests()).isEmpty();
        assertThat(counter(ScanReaderMetrics.BIN_BYTES_READ).getCount()).isZero();
    }

    @Test
    void countsBinBytesButNoFinishedPartitions() {
        RoundSplitState state = stateOf(PartitionSplit.fresh(0, 4096));
        long expectedBytes = 0;
        for (int i = 0; i < 5; i++) {
            BackupRecord record = upsert(SourceTestData.randomDigest(random), i);
            expectedBytes += RecordSizes.binBytes(record);
            emitter.emitRecord(change(record), new CollectingFeedOutput(r -> { }), state);
        }

        // one bin "a" holding a Long: 1 byte of name and 8 of value per record
        assertThat(expectedBytes).isEqualTo(45);
        assertThat(counter(ScanReaderMetrics.BIN_BYTES_READ).getCount()).isEqualTo(expectedBytes);
        assertThat(counter(ScanReaderMetrics.PARTITIONS_DONE).getCount()).isZero();
        assertThat(progress.records()).isEqualTo(5);
        assertThat(progress.bytes()).isEqualTo(expectedBytes);
        assertThat(progress.partitionsDone()).isZero();
    }

    @Test
    void aDeletionCountsAsARecordWithoutBinBytes() {
        RoundSplitState state = stateOf(PartitionSplit.fresh(0, 4096));
        BackupRecord deletion = new BackupRecord(SourceTestData.randomDigest(random), null, null, 0, 0,
                RecordOperation.DELETE, List.of());

        emitter.emitRecord(change(deletion), new CollectingFeedOutput(r -> { }), state);

        assertThat(counter(ScanReaderMetrics.BIN_BYTES_READ).getCount()).isZero();
        assertThat(progress.records()).isEqualTo(1);
        assertThat(state.toSplit().partitions().resumeDigests()).containsOnlyKeys(deletion.partitionId());
    }

    @Test
    void partitionsDoneAccumulates() {
        metrics.partitionsDone(512);
        metrics.partitionsDone(1);

        assertThat(counter(ScanReaderMetrics.PARTITIONS_DONE).getCount()).isEqualTo(513);
        assertThat(counter(ScanReaderMetrics.BIN_BYTES_READ).getCount()).isZero();
    }

    @Test
    void countsBytesInOnTheStandardCounter() {
        // MetricListener's mock group hands out a fresh numBytesIn counter on every call, so use a real IO group
        InternalSourceReaderMetricGroup group = InternalSourceReaderMetricGroup.wrap(
                UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());
        RoundRecordEmitter withIo = new RoundRecordEmitter(new ScanReaderMetrics(group), progress);
        RoundSplitState state = stateOf(PartitionSplit.fresh(0, 4096));
        BackupRecord record = upsert(SourceTestData.randomDigest(random), 1);

        withIo.emitRecord(change(record), new CollectingFeedOutput(r -> { }), state);
        withIo.emitRecord(change(record), new CollectingFeedOutput(r -> { }), state);

        assertThat(group.getIOMetricGroup().getNumBytesInCounter().getCount())
                .isEqualTo(2 * RecordSizes.binBytes(record)).isPositive();
    }

    @Test
    void progressIsSharedByRunIdOnly() {
        // a second handle on the same run, as a deserialized copy in another task would be
        ScanProgress sameRun = new ScanProgress(runId);
        ScanProgress otherRun = new ScanProgress("RoundRecordEmitterTest-other-" + UUID.randomUUID());
        try {
            emitter.emitRecord(change(upsert(SourceTestData.randomDigest(random), 1)), new CollectingFeedOutput(r -> { }),
                    stateOf(PartitionSplit.fresh(0, 4096)));
            progress.partitionsDone(16);

            assertThat(sameRun.records()).isEqualTo(1);
            assertThat(sameRun.partitionsDone()).isEqualTo(16);
            assertThat(otherRun.records()).isZero();
        } finally {
            otherRun.release();
        }
    }

    private static final Round ROUND = new Round(1, "full", "20261202T000000000Z-full-0001", null, null, null, 0L,
            null, null, false);

    private static RoundSplitState stateOf(PartitionSplit partitions) {
        return new RoundSplitState(new RoundSplit(ROUND, partitions, RoundSplit.Phase.CHANGES, false, 0));
    }

    private static ScanItem change(BackupRecord record) {
        return new ScanItem(ScanItem.Type.CHANGE, List.of(record));
    }

    @Test
    void wrapsEachRecordAsAChangeOfItsRoundAndCountsIt() {
        RoundSplitState state = stateOf(PartitionSplit.fresh(0, 4096));
        BackupRecord record = upsert(SourceTestData.randomDigest(random), 1);
        List<FeedElement> elements = new ArrayList<>();
        CollectingFeedOutput output = new CollectingFeedOutput(r -> { });
        output.elements = elements;

        emitter.emitRecord(change(record), output, state);

        assertThat(elements).hasSize(1);
        assertThat(elements.get(0).kind()).isEqualTo(FeedElement.Kind.CHANGE);
        assertThat(elements.get(0).backupId()).isEqualTo(ROUND.backupId());
        assertThat(elements.get(0).record()).isSameAs(record);
        assertThat(state.recordsEmitted()).isEqualTo(1);
    }

    @Test
    void withoutAProgressLineItOnlyCountsMetrics() {
        RoundRecordEmitter quiet = new RoundRecordEmitter(metrics, null);
        BackupRecord record = upsert(SourceTestData.randomDigest(random), 1);

        quiet.emitRecord(change(record), new CollectingFeedOutput(r -> { }), stateOf(PartitionSplit.fresh(0, 4096)));

        assertThat(counter(ScanReaderMetrics.BIN_BYTES_READ).getCount()).isEqualTo(RecordSizes.binBytes(record));
        assertThat(progress.records()).isZero();
    }

    private Counter counter(String name) {
        return listener.getCounter(ScanReaderMetrics.GROUP, name)
                .orElseThrow(() -> new AssertionError("no counter " + ScanReaderMetrics.GROUP + "." + name));
    }
}
