package io.aerobackup.source.split;

import io.aerobackup.config.PartitionRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class SplitCutterTest {

    @Test
    void cutsTheWholeNamespaceIntoFourSplitsPerReader() {
        List<PartitionSplit> splits = cut(0, 4096, 0, 2);

        assertThat(splits).hasSize(8).allSatisfy(s -> assertThat(s.count()).isEqualTo(512));
        assertCoversExactly(splits, 0, 4096);
    }

    @Test
    void usesAnExplicitSplitSizeWithASmallerLastSplit() {
        List<PartitionSplit> splits = cut(0, 4096, 100, 2);

        assertThat(splits).hasSize(41);
        assertThat(splits.subList(0, 40)).allSatisfy(s -> assertThat(s.count()).isEqualTo(100));
        assertThat(splits.get(40)).isEqualTo(PartitionSplit.fresh(4000, 96));
        assertCoversExactly(splits, 0, 4096);
    }

    @Test
    void cutsOnlyTheRequestedSubRange() {
        List<PartitionSplit> splits = cut(1000, 1000, 0, 2);

        assertThat(splits).hasSize(8).allSatisfy(s -> assertThat(s.count()).isEqualTo(125));
        assertCoversExactly(splits, 1000, 1000);
    }

    @Test
    void cutsEachRangeOnItsOwn() {
        List<PartitionSplit> splits = SplitCutter.cut(List.of(new PartitionRange(0, 10), new PartitionRange(100, 5)),
                4, 1);

        assertThat(splits).containsExactly(PartitionSplit.fresh(0, 4), PartitionSplit.fresh(4, 4),
                PartitionSplit.fresh(8, 2), PartitionSplit.fresh(100, 4), PartitionSplit.fresh(104, 1));
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
        List<PartitionSplit> splits = cut(begin, count, perSplit, parallelism);

        assertThat(splits).hasSize(expectedSplits);
        assertCoversExactly(splits, begin, count);
    }

    private static List<PartitionSplit> cut(int begin, int count, int perSplit, int parallelism) {
        return SplitCutter.cut(List.of(new PartitionRange(begin, count)), perSplit, parallelism);
    }

    /** The splits, in any order, are fresh, contiguous and cover [begin, begin + count) exactly once. */
    public static void assertCoversExactly(List<PartitionSplit> splits, int begin, int count) {
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
}
