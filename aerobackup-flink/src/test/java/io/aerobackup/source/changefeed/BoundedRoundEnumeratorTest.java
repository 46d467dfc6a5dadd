package io.aerobackup.source.changefeed;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.source.SourceTestData;
import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.source.split.SplitCutterTest;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enumerator of a bounded run (a full or incremental backup: one planned round) against Flink's
 * MockSplitEnumeratorContext: no cluster, no threads of its own.
 */
class BoundedRoundEnumeratorTest {
    private static final int PARALLELISM = 2;
    private static final Round ROUND = new Round(1, "full", "20261202T000000000Z-full-0001", null, null, null,
            1000L, null, null, false);

    private MockSplitEnumeratorContext<RoundSplit> context;

    @BeforeEach
    void createContext() {
        context = new MockSplitEnumeratorContext<>(PARALLELISM);
    }

    @AfterEach
    void closeContext() throws Exception {
        context.close();
    }

    @Test
    void startsItsPlannedRoundAtOnceAndAssignsOneSplitPerRequest() {
        ChangeFeedEnumerator enumerator = started(null, 0);
        context.registerReader(new ReaderInfo(0, "host"));

        enumerator.handleSplitRequest(0, "host");

        assertThat(context.getSplitsAssignmentSequence()).hasSize(1);
        List<RoundSplit> assigned = assignedTo(0);
        assertThat(assigned).hasSize(1);
        RoundSplit split = assigned.get(0);
        assertThat(split.round()).isEqualTo(ROUND);
        assertThat(split.partitions().count()).isEqualTo(512);
        assertThat(split.partitions().resumeDigests()).isEmpty();
        assertThat(context.hasNoMoreSplits(0)).isFalse();
        assertThat(enumerator.snapshotState(1).unassigned()).hasSize(7).doesNotContain(split);
    }

    @Test
    void ignoresARequestFromAnUnregisteredReader() {
        ChangeFeedEnumerator enumerator = started(null, 0);
        context.registerReader(new ReaderInfo(0, "host"));

        enumerator.handleSplitRequest(1, "host");

        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        assertThat(context.hasNoMoreSplits(1)).isFalse();
        assertThat(enumerator.snapshotState(1).unassigned()).hasSize(8);
    }

    @Test
    void signalsNoMoreSplitsToEveryReaderOnceEverySplitFinished() {
        ChangeFeedEnumerator enumerator = started(null, 2048);
        context.registerReader(new ReaderInfo(0, "host-a"));
        context.registerReader(new ReaderInfo(1, "host-b"));
        enumerator.handleSplitRequest(0, "host-a");
        enumerator.handleSplitRequest(1, "host-b");
        RoundSplit first = assignedTo(0).get(0);
        RoundSplit second = assignedTo(1).get(0);

        enumerator.handleSourceEvent(0, new ReaderEvents.SplitFinished(first.splitId(), 10));
        enumerator.handleSplitRequest(0, "host-a");
        assertThat(context.hasNoMoreSplits(0)).as("a split is still running: it may come back").isFalse();

        enumerator.handleSourceEvent(1, new ReaderEvents.SplitFinished(second.splitId(), 20));
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        assertThat(context.hasNoMoreSplits(1)).isTrue();
        assertThat(List.of(first.partitions(), second.partitions()))
                .containsExactlyInAnyOrder(PartitionSplit.fresh(0, 2048), PartitionSplit.fresh(2048, 2048));
        ChangeFeedEnumState state = enumerator.snapshotState(2);
        assertThat(state.current()).isNull();
        assertThat(state.unassigned()).isEmpty();
        assertThat(state.nextRoundNumber()).isEqualTo(2);
    }

    @Test
    void splitsThatComeBackAfterTheRoundWasDoneReopenIt() {
        ChangeFeedEnumerator enumerator = started(null, 4096);
        context.registerReader(new ReaderInfo(0, "host-a"));
        enumerator.handleSplitRequest(0, "host-a");
        RoundSplit only = assignedTo(0).get(0);
        enumerator.handleSourceEvent(0, new ReaderEvents.SplitFinished(only.splitId(), 10));
        assertThat(context.hasNoMoreSplits(0)).isTrue();

        // the writer failed before a checkpoint took the split's output: the failover hands it back
        context.unregisterReader(0);
        enumerator.addSplitsBack(List.of(only), 0);
        context.registerReader(new ReaderInfo(1, "host-b"));
        enumerator.handleSplitRequest(1, "host-b");

        assertThat(assignedTo(1)).containsExactly(only);
        assertThat(context.hasNoMoreSplits(1)).as("not before it is read again").isFalse();
        enumerator.handleSourceEvent(1, new ReaderEvents.SplitFinished(only.splitId(), 10));
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void handsOutEverySplitExactlyOnceAcrossReaders() {
        ChangeFeedEnumerator enumerator = started(null, 0);
        context.registerReader(new ReaderInfo(0, "host-a"));
        context.registerReader(new ReaderInfo(1, "host-b"));

        for (int i = 0; i < 10; i++) {
            enumerator.handleSplitRequest(i % 2, "host");
        }

        List<PartitionSplit> all = new ArrayList<>();
        assignedTo(0).forEach(s -> all.add(s.partitions()));
        assignedTo(1).forEach(s -> all.add(s.partitions()));
        assertThat(all).hasSize(8).doesNotHaveDuplicates();
        SplitCutterTest.assertCoversExactly(all, 0, 4096);
        assertThat(context.hasNoMoreSplits(0)).as("none finished yet").isFalse();
    }

    @Test
    void splitsAddedBackAreAssignableAgain() {
        ChangeFeedEnumerator enumerator = started(null, 2048);
        context.registerReader(new ReaderInfo(0, "host-a"));
        context.registerReader(new ReaderInfo(1, "host-b"));
        enumerator.handleSplitRequest(0, "host-a");
        enumerator.handleSplitRequest(0, "host-a");
        List<RoundSplit> taken = assignedTo(0);
        assertThat(taken).hasSize(2);
        // reader 0 fails before a checkpoint took its splits; one of them had progress
        PartitionSplit range = taken.get(1).partitions();
        RoundSplit progressed = new RoundSplit(ROUND, new PartitionSplit(range.begin(), range.count(),
                Map.of(range.begin() + 1, SourceTestData.patternDigest(8))), RoundSplit.Phase.CHANGES, false, 1);

        enumerator.addSplitsBack(List.of(taken.get(0), progressed), 0);
        assertThat(enumerator.snapshotState(3).unassigned()).containsExactlyInAnyOrder(taken.get(0), progressed);

        enumerator.handleSplitRequest(1, "host-b");
        enumerator.handleSplitRequest(1, "host-b");

        assertThat(assignedTo(1)).containsExactlyInAnyOrder(taken.get(0), progressed);
        assertThat(assignedTo(1).stream().filter(s -> s.equals(progressed)).findFirst().orElseThrow()
                .partitions().resumeDigests()).hasSize(1);
    }

    @Test
    void snapshotHoldsOnlyTheUnassignedSplitsAndIsACopy() {
        ChangeFeedEnumerator enumerator = started(null, 0);
        context.registerReader(new ReaderInfo(0, "host"));
        for (int i = 0; i < 3; i++) {
            enumerator.handleSplitRequest(0, "host");
        }

        ChangeFeedEnumState snapshot = enumerator.snapshotState(7);

        assertThat(snapshot.current()).isEqualTo(ROUND);
        assertThat(snapshot.unassigned()).hasSize(5).doesNotContainAnyElementsOf(assignedTo(0));
        assertThat(snapshot.unfinished()).hasSize(8);
        enumerator.handleSplitRequest(0, "host");
        assertThat(snapshot.unassigned()).as("a snapshot is a copy").hasSize(5);
    }

    @Test
    void aRestoredEnumeratorAssignsOnlyWhatWasLeftOnceTheReadersReported() {
        RoundSplit left = new RoundSplit(ROUND, SourceTestData.frozenSplit(), RoundSplit.Phase.CHANGES, false, 3);
        RoundSplit held = RoundSplit.fresh(ROUND, 0, 512);
        Set<String> unfinished = new LinkedHashSet<>(List.of(left.splitId(), held.splitId()));
        ChangeFeedEnumerator enumerator = started(new ChangeFeedEnumState(2, ROUND, List.of(left), unfinished, 0,
                null, null, ROUND.startedAtMillis(), ChangeFeedEnumState.ChainFigures.none(), TriggerState.initial()),
                0);
        context.registerReader(new ReaderInfo(0, "host"));
        context.registerReader(new ReaderInfo(1, "host"));
        enumerator.handleSourceEvent(0, new ReaderEvents.HeldSplits(List.of(held.splitId())));
        enumerator.handleSourceEvent(1, new ReaderEvents.HeldSplits(List.of()));

        enumerator.handleSplitRequest(1, "host");
        assertThat(assignedTo(1)).containsExactly(left);
        assertThat(assignedTo(1).get(0).partitions().resumeDigests()).hasSize(3);

        enumerator.handleSourceEvent(1, new ReaderEvents.SplitFinished(left.splitId(), 5));
        assertThat(context.hasNoMoreSplits(1)).as("reader 0 still holds a split").isFalse();
        enumerator.handleSourceEvent(0, new ReaderEvents.SplitFinished(held.splitId(), 5));
        assertThat(context.hasNoMoreSplits(0)).isTrue();
        assertThat(context.hasNoMoreSplits(1)).isTrue();
    }

    @Test
    void aRestoredEnumeratorWhoseRoundWasDoneSignalsNoMoreSplits() {
        ChangeFeedEnumerator enumerator = started(new ChangeFeedEnumState(2, null, List.of(), Set.of(), 0,
                ROUND.backupId(), 0L, ROUND.startedAtMillis(), ChangeFeedEnumState.ChainFigures.none(),
                TriggerState.initial()), 0);
        context.registerReader(new ReaderInfo(0, "host"));

        enumerator.handleSplitRequest(0, "host");

        assertThat(context.getSplitsAssignmentSequence()).isEmpty();
        assertThat(context.hasNoMoreSplits(0)).isTrue();
    }

    private ChangeFeedEnumerator started(ChangeFeedEnumState restored, int partitionsPerSplit) {
        ScanOptions scan = ScanOptions.builder("test").partitionsPerSplit(partitionsPerSplit).build();
        ChangeFeedOptions options = ChangeFeedOptions.oneRound("file:///nonexistent", Duration.ofSeconds(10), ROUND,
                Clock.systemUTC());
        ChangeFeedEnumerator enumerator = new ChangeFeedEnumerator(context,
                new ConnectionOptions("127.0.0.1:1", Duration.ofSeconds(1)), scan, options, restored);
        enumerator.start();
        return enumerator;
    }

    private List<RoundSplit> assignedTo(int subtask) {
        List<RoundSplit> splits = new ArrayList<>();
        for (SplitsAssignment<RoundSplit> assignment : context.getSplitsAssignmentSequence()) {
            splits.addAll(assignment.assignment().getOrDefault(subtask, List.of()));
        }
        return splits;
    }
}
