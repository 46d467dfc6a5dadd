package io.aerobackup.source.enumerator;

import io.aerobackup.config.PartitionRange;
import io.aerobackup.source.SourceTestData;
import io.aerobackup.source.split.PartitionSplit;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The enumerator against Flink's MockSplitEnumeratorContext: no cluster, no threads of its own. */
class ScanEnumeratorTest {
    private static final int PARALLELISM = 2;

    private MockSplitEnumeratorContext<PartitionSplit> context;

    @BeforeEach
    void createContext() {
        context = new MockSplitEnumeratorContext<>(PARALLELISM);
    }

    @AfterEach
    void closeContext() throws Exception {
        context.close();
    }

    @Test
    void assignsASplitToARegisteredReader() {
        ScanEnumerator enumerator = started(ScanEnumState.initial(), 0);
        context.registerReader(new ReaderInfo(0, "host"));

        enumerator.handleSplitRequest(0, "host");

        assertThat(context.getSplitsAssignmentSequence()).hasSize(1);
        Map<Integer, List<PartitionSplit>> assignment = context.getSplitsAssignmentSequence().get(0).assignment();
        assertThat(assignment).containsOnlyKeys(0);
        assertThat(assignment.get(0)).hasSize(1);
        PartitionSplit split = assignment.get(0).get(0);
        assertThat(split.count()).isEqualTo(512);
        assertThat(split.resumeDigests()).isEmpty();
        assertThat(context.hasNoMoreSplits(0)).isFalse();
        assertThat(enumerator.snapshotState(1).unassigned()).hasSize(7).doesNotContain(split);
    }

    @Test
    void ignoresARequestFromAnUnregisteredReader() {
        ScanEnumerator enumerator = started(ScanEnumState.initial(), 0);
        context.registerReader(new ReaderInfo(0, "host"));

        enumerator.handleSplitRequest(1, "host");

        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        assertThat(context.hasNoMoreSplits(1)).isFalse();
        assertThat(enumerator.snapshotState(1).unassigned()).hasSize(8);
    }

    @Test
    void ignoresAReaderThatWasUnregistered() {
        ScanEnumerator enumerator = started(ScanEnumState.initial(), 0);
        context.registerReader(new ReaderInfo(1, "host"));
        context.unregisterReader(1);

        enumerator.handleSplitRequest(1, "host");

        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        assertThat(enumerator.snapshotState(1).unassigned()).hasSize(8);
    }

    @Test
    void signalsNoMoreSplitsOnceDrained() {
        ScanEnumerator enumerator = started(ScanEnumState.initial(), 2048);
        context.registerReader(new ReaderInfo(0, "host-a"));
        context.registerReader(new ReaderInfo(1, "host-b"));

        enumerator.handleSplitRequest(0, "host-a");
        enumerator.handleSplitRequest(1, "host-b");
        assertThat(context.hasNoMoreSplits(0)).isFalse();
        assertThat(context.hasNoMoreSplits(1)).isFalse();

        enumerator.handleSplitRequest(0, "host-a");
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        assertThat(context.hasNoMoreSplits(1)).as("only the reader that asked").isFalse();
        enumerator.handleSplitRequest(1, "host-b");
        assertThat(context.hasNoMoreSplits(1)).isTrue();

        List<PartitionSplit> assigned = assignedTo(0);
        assigned.addAll(assignedTo(1));
        assertThat(assigned).containsExactlyInAnyOrder(PartitionSplit.fresh(0, 2048), PartitionSplit.fresh(2048, 2048));
        assertThat(context.getSplitsAssignmentSequence()).hasSize(2);
        assertThat(enumerator.snapshotState(2).unassigned()).isEmpty();
    }

    @Test
    void handsOutEverySplitExactlyOnceAcrossReaders() {
        ScanEnumerator enumerator = started(ScanEnumState.initial(), 0);
        context.registerReader(new ReaderInfo(0, "host-a"));
        context.registerReader(new ReaderInfo(1, "host-b"));

        for (int i = 0; i < 10; i++) {
            enumerator.handleSplitRequest(i % 2, "host");
        }

        List<PartitionSplit> all = assignedTo(0);
        all.addAll(assignedTo(1));
        assertThat(all).hasSize(8).doesNotHaveDuplicates();
        PartitionAssignerTest.assertCoversExactly(all, 0, 4096);
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void splitsAddedBackAreAssignableAgain() {
        ScanEnumerator enumerator = started(ScanEnumState.initial(), 2048);
        context.registerReader(new ReaderInfo(0, "host-a"));
        context.registerReader(new ReaderInfo(1, "host-b"));
        enumerator.handleSplitRequest(0, "host-a");
        enumerator.handleSplitRequest(0, "host-a");
        List<PartitionSplit> taken = assignedTo(0);
        assertThat(taken).hasSize(2);
        // reader 0 fails before a checkpoint took its splits; one of them had progress
        PartitionSplit progressed = new PartitionSplit(taken.get(1).begin(), taken.get(1).count(),
                Map.of(taken.get(1).begin() + 1, SourceTestData.patternDigest(8)));

        enumerator.addSplitsBack(List.of(taken.get(0), progressed), 0);
        assertThat(enumerator.snapshotState(3).unassigned()).containsExactlyInAnyOrder(taken.get(0), progressed);

        enumerator.handleSplitRequest(1, "host-b");
        enumerator.handleSplitRequest(1, "host-b");
        enumerator.handleSplitRequest(1, "host-b");

        assertThat(assignedTo(1)).containsExactlyInAnyOrder(taken.get(0), progressed);
        assertThat(assignedTo(1).stream().filter(s -> s.equals(progressed)).findFirst().orElseThrow()
                .resumeDigests()).hasSize(1);
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void snapshotHoldsOnlyTheUnassignedSplits() {
        ScanEnumerator enumerator = started(ScanEnumState.initial(), 0);
        context.registerReader(new ReaderInfo(0, "host"));
        for (int i = 0; i < 3; i++) {
            enumerator.handleSplitRequest(0, "host");
        }

        ScanEnumState snapshot = enumerator.snapshotState(7);

        assertThat(snapshot.initialized()).isTrue();
        assertThat(snapshot.unassigned()).hasSize(5).doesNotContainAnyElementsOf(assignedTo(0));
        List<PartitionSplit> all = new ArrayList<>(snapshot.unassigned());
        all.addAll(assignedTo(0));
        PartitionAssignerTest.assertCoversExactly(all, 0, 4096);

        enumerator.handleSplitRequest(0, "host");
        assertThat(snapshot.unassigned()).as("a snapshot is a copy").hasSize(5);
    }

    @Test
    void aRestoredEnumeratorAssignsOnlyWhatWasLeft() {
        PartitionSplit left = SourceTestData.frozenSplit();
        ScanEnumerator enumerator = started(new ScanEnumState(List.of(left), true), 0);
        context.registerReader(new ReaderInfo(0, "host"));

        assertThat(enumerator.snapshotState(1).unassigned()).containsExactly(left);
        enumerator.handleSplitRequest(0, "host");
        enumerator.handleSplitRequest(0, "host");

        assertThat(assignedTo(0)).containsExactly(left);
        assertThat(assignedTo(0).get(0).resumeDigests()).hasSize(3);
        assertThat(context.hasNoMoreSplits(0)).isTrue();
    }

    @Test
    void aRestoredEnumeratorThatHadHandedOutEverythingSignalsNoMoreSplits() {
        ScanEnumerator enumerator = started(new ScanEnumState(List.of(), true), 0);
        context.registerReader(new ReaderInfo(0, "host"));

        enumerator.handleSplitRequest(0, "host");

        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        assertThat(context.hasNoMoreSplits(0)).isTrue();
    }

    @Test
    void snapshotBeforeStartIsNotInitialized() {
        ScanEnumerator enumerator = enumerator(ScanEnumState.initial(), 0);
        ScanEnumState snapshot = enumerator.snapshotState(1);
        assertThat(snapshot.initialized()).isFalse();
        assertThat(snapshot.unassigned()).isEmpty();
    }

    /** The one place that knows the enumerator's constructor: a scan of all 4096 partitions. */
    private ScanEnumerator enumerator(ScanEnumState state, int partitionsPerSplit) {
        return new ScanEnumerator(context, state, List.of(PartitionRange.all()), partitionsPerSplit);
    }

    private ScanEnumerator started(ScanEnumState state, int partitionsPerSplit) {
        ScanEnumerator enumerator = enumerator(state, partitionsPerSplit);
        enumerator.start();
        return enumerator;
    }

    private List<PartitionSplit> assignedTo(int subtask) {
        List<PartitionSplit> splits = new ArrayList<>();
        for (SplitsAssignment<PartitionSplit> assignment : context.getSplitsAssignmentSequence()) {
            splits.addAll(assignment.assignment().getOrDefault(subtask, List.of()));
        }
        return splits;
    }
}
