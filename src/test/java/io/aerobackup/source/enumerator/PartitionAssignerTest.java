package io.aerobackup.source.enumerator;

import io.aerobackup.source.SourceTestData;
import io.aerobackup.source.split.PartitionSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.aerobackup.source.SourceTestData.patternDigest;
import static org.assertj.core.api.Assertions.assertThat;

class PartitionAssignerTest {

    @Test
    void cutsTheWholeNamespaceIntoFourSplitsPerReader() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(0, 4096, 0, 2);

        List<PartitionSplit> splits = drain(assigner);

        assertThat(splits).hasSize(8).allSatisfy(s -> assertThat(s.count()).isEqualTo(512));
        assertCoversExactly(splits, 0, 4096);
    }

    @Test
    void usesAnExplicitSplitSizeWithASmallerLastSplit() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(0, 4096, 100, 2);

        List<PartitionSplit> splits = drain(assigner);

        assertThat(splits).hasSize(41);
        assertThat(splits.subList(0, 40)).allSatisfy(s -> assertThat(s.count()).isEqualTo(100));
        assertThat(splits.get(40)).isEqualTo(PartitionSplit.fresh(4000, 96));
        assertCoversExactly(splits, 0, 4096);
    }

    @Test
    void cutsOnlyTheRequestedSubRange() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(1000, 1000, 0, 2);

        List<PartitionSplit> splits = drain(assigner);

        assertThat(splits).hasSize(8).allSatisfy(s -> assertThat(s.count()).isEqualTo(125));
        assertCoversExactly(splits, 1000, 1000);
    }

    @ParameterizedTest(name = "partitions {0}+{1}, per split {2}, parallelism {3} -> {4} splits")
    @CsvSource({
            "0,4096,0,1,4",
            "0,4096,0,3,13",       // 4096 / 12 = 341: 12 splits of 341 and one of 4
            "1000,1000,0,3,13",    // 1000 / 12 = 83: 12 of 83 and one of 4
            "0,5,0,2,5",           // fewer partitions than wanted splits: one partition each
            "4095,1,0,4,1",
            "0,4096,4096,8,1",
            "0,4096,5000,2,1",     // a split size larger than the range: one split
            "0,4096,1,2,4096",
            "7,10,3,0,4",          // parallelism 0 is treated as 1
    })
    void cutsContiguousNonOverlappingSplits(int begin, int count, int perSplit, int parallelism, int expectedSplits) {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(begin, count, perSplit, parallelism);
        assertThat(assigner.remaining()).isEqualTo(expectedSplits);

        List<PartitionSplit> splits = drain(assigner);

        assertThat(splits).hasSize(expectedSplits);
        assertCoversExactly(splits, begin, count);
    }

    @Test
    void handsOutEverySplitOnceThenNothing() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(0, 4096, 1024, 1);

        List<PartitionSplit> handedOut = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertThat(assigner.remaining()).isEqualTo(4 - i);
            handedOut.add(assigner.next().orElseThrow());
        }

        assertThat(handedOut).doesNotHaveDuplicates().hasSize(4);
        assertThat(assigner.next()).isEmpty();
        assertThat(assigner.next()).isEmpty();
        assertThat(assigner.remaining()).isZero();
    }

    @Test
    void splitsAddedBackComeFirstWithTheirCursors() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(0, 4096, 1024, 1);
        PartitionSplit first = assigner.next().orElseThrow();
        PartitionSplit second = assigner.next().orElseThrow();
        PartitionSplit third = assigner.next().orElseThrow();
        PartitionSplit progressed = new PartitionSplit(first.begin(), first.count(), Map.of(first.begin() + 5,
                patternDigest(1)));

        assigner.addSplitsBack(List.of(progressed, second));

        assertThat(assigner.remaining()).isEqualTo(3);
        assertThat(assigner.noMoreSplits()).isFalse();
        List<PartitionSplit> next = List.of(assigner.next().orElseThrow(), assigner.next().orElseThrow());
        assertThat(next).containsExactlyInAnyOrder(progressed, second);
        assertThat(next.stream().filter(s -> s.begin() == first.begin()).findFirst().orElseThrow()
                .resumeDigests()).containsOnlyKeys(first.begin() + 5);
        PartitionSplit last = assigner.next().orElseThrow();
        assertThat(last).isNotIn(first, second, third).isEqualTo(PartitionSplit.fresh(3072, 1024));
        assertThat(assigner.next()).isEmpty();
    }

    @Test
    void snapshotIsACopyOfTheUnassignedSplits() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(0, 4096, 0, 2);
        PartitionSplit taken = assigner.next().orElseThrow();

        ScanEnumState snapshot = assigner.snapshotState();
        List<PartitionSplit> atSnapshot = new ArrayList<>(snapshot.unassigned());

        assigner.next();
        assigner.next();
        assigner.addSplitsBack(List.of(taken, PartitionSplit.fresh(0, 1)));

        assertThat(snapshot.initialized()).isTrue();
        assertThat(snapshot.unassigned()).hasSize(7).containsExactlyElementsOf(atSnapshot).doesNotContain(taken);
        assertCoversExactly(concat(List.of(taken), snapshot.unassigned()), 0, 4096);
    }

    @Test
    void snapshotBeforeOpenIsNotInitialized() {
        ScanEnumState snapshot = new PartitionAssigner(ScanEnumState.initial()).snapshotState();
        assertThat(snapshot.initialized()).isFalse();
        assertThat(snapshot.unassigned()).isEmpty();
    }

    @Test
    void aRestoredAssignerKeepsItsSplitsAndDoesNotCutAgain() {
        PartitionAssigner original = new PartitionAssigner(ScanEnumState.initial());
        original.open(0, 4096, 0, 2);
        original.next();
        original.next();
        ScanEnumState snapshot = original.snapshotState();

        PartitionAssigner restored = new PartitionAssigner(snapshot);
        restored.open(0, 4096, 0, 2);

        assertThat(restored.remaining()).isEqualTo(6);
        assertThat(drain(restored)).containsExactlyElementsOf(snapshot.unassigned());
        assertThat(restored.noMoreSplits()).isTrue();
    }

    @Test
    void aRestoredAssignerThatHadHandedOutEverythingStaysDrained() {
        PartitionAssigner restored = new PartitionAssigner(new ScanEnumState(List.of(), true));
        assertThat(restored.noMoreSplits()).isTrue();

        restored.open(0, 4096, 0, 2);

        assertThat(restored.next()).isEmpty();
        assertThat(restored.noMoreSplits()).isTrue();
    }

    @Test
    void aRestoredButUninitializedAssignerCutsOnOpen() {
        PartitionAssigner restored = new PartitionAssigner(new ScanEnumState(List.of(), false));
        restored.open(0, 4096, 0, 2);
        assertThat(restored.remaining()).isEqualTo(8);
    }

    @Test
    void openingTwiceCutsOnce() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(0, 4096, 0, 2);
        assigner.open(0, 4096, 0, 2);
        assigner.open(0, 4096, 1, 2);
        assertThat(assigner.remaining()).isEqualTo(8);
        assertCoversExactly(drain(assigner), 0, 4096);
    }

    @Test
    void noMoreSplitsOnlyOnceOpenedAndDrained() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assertThat(assigner.noMoreSplits()).as("before open").isFalse();

        assigner.open(0, 4096, 2048, 1);
        assertThat(assigner.noMoreSplits()).as("after open").isFalse();
        PartitionSplit a = assigner.next().orElseThrow();
        assertThat(assigner.noMoreSplits()).as("one left").isFalse();
        assigner.next().orElseThrow();
        assertThat(assigner.noMoreSplits()).as("drained").isTrue();

        assigner.addSplitsBack(List.of(a));
        assertThat(assigner.noMoreSplits()).as("after a split came back").isFalse();
        assertThat(assigner.next()).contains(a);
        assertThat(assigner.noMoreSplits()).as("drained again").isTrue();
    }

    @Test
    void addingNothingBackChangesNothing() {
        PartitionAssigner assigner = new PartitionAssigner(ScanEnumState.initial());
        assigner.open(0, 4096, 2048, 1);
        assigner.addSplitsBack(List.of());
        assertThat(assigner.remaining()).isEqualTo(2);
        assertThat(assigner.next()).isEqualTo(Optional.of(PartitionSplit.fresh(0, 2048)));
    }

    @Test
    void restoredSplitsKeepTheirCursors() {
        PartitionSplit withCursors = SourceTestData.frozenSplit();
        PartitionAssigner restored = new PartitionAssigner(new ScanEnumState(List.of(withCursors), true));
        restored.open(0, 4096, 0, 2);
        PartitionSplit next = restored.next().orElseThrow();
        assertThat(next).isEqualTo(withCursors);
        assertThat(next.resumeDigests()).hasSize(3);
    }

    static List<PartitionSplit> drain(PartitionAssigner assigner) {
        List<PartitionSplit> splits = new ArrayList<>();
        for (Optional<PartitionSplit> next = assigner.next(); next.isPresent(); next = assigner.next()) {
            splits.add(next.get());
        }
        return splits;
    }

    /** The splits, in any order, are fresh, contiguous and cover [begin, begin + count) exactly once. */
    static void assertCoversExactly(List<PartitionSplit> splits, int begin, int count) {
        List<PartitionSplit> sorted = new ArrayList<>(splits);
        sorted.sort((a, b) -> Integer.compare(a.begin(), b.begin()));
        int expectedBegin = begin;
        for (PartitionSplit split : sorted) {
            assertThat(split.begin()).as("begin of %s", split).isEqualTo(expectedBegin);
            assertThat(split.count()).as("count of %s", split).isPositive();
            assertThat(split.resumeDigests()).as("cursors of %s", split).isEmpty();
            expectedBegin += split.count();
        }
        assertThat(expectedBegin).as("end of the last split").isEqualTo(begin + count);
    }

    private static List<PartitionSplit> concat(List<PartitionSplit> a, List<PartitionSplit> b) {
        List<PartitionSplit> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
