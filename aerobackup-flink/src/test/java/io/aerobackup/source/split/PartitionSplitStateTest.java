package io.aerobackup.source.split;

import io.aerobackup.source.SourceTestData;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static io.aerobackup.source.SourceTestData.patternDigest;
import static org.assertj.core.api.Assertions.assertThat;

class PartitionSplitStateTest {

    @Test
    void aNewStateSnapshotsItsSplitUnchanged() {
        PartitionSplit split = SourceTestData.frozenSplit();
        PartitionSplitState state = new PartitionSplitState(split);
        assertThat(state.split()).isSameAs(split);
        assertThat(state.toSplit()).isEqualTo(split);
        assertThat(new PartitionSplitState(PartitionSplit.fresh(0, 4096)).toSplit().resumeDigests()).isEmpty();
    }

    @Test
    void snapshotHoldsExactlyTheLastDigestEmittedPerPartition() {
        PartitionSplitState state = new PartitionSplitState(PartitionSplit.fresh(100, 50));
        state.recordEmitted(100, patternDigest(1));
        state.recordEmitted(120, patternDigest(2));
        state.recordEmitted(100, patternDigest(3));
        state.recordEmitted(149, patternDigest(4));

        PartitionSplit snapshot = state.toSplit();

        assertThat(snapshot.begin()).isEqualTo(100);
        assertThat(snapshot.count()).isEqualTo(50);
        assertThat(snapshot.splitId()).isEqualTo("100+50");
        assertThat(snapshot.resumeDigests()).containsOnlyKeys(100, 120, 149);
        assertThat(snapshot.resumeDigests().get(100)).containsExactly(patternDigest(3));
        assertThat(snapshot.resumeDigests().get(120)).containsExactly(patternDigest(2));
        assertThat(snapshot.resumeDigests().get(149)).containsExactly(patternDigest(4));
    }

    @Test
    void emittingMovesARestoredCursorAndKeepsTheOthers() {
        PartitionSplit restored = SourceTestData.frozenSplit();
        PartitionSplitState state = new PartitionSplitState(restored);
        state.recordEmitted(1100, patternDigest(42));

        PartitionSplit snapshot = state.toSplit();

        assertThat(snapshot.resumeDigests()).containsOnlyKeys(1024, 1100, 1279);
        assertThat(snapshot.resumeDigests().get(1100)).containsExactly(patternDigest(42));
        assertThat(snapshot.resumeDigests().get(1024)).containsExactly(patternDigest(1));
        // the split the state was built from is immutable
        assertThat(restored).isEqualTo(SourceTestData.frozenSplit());
        assertThat(state.split().resumeDigests().get(1100)).containsExactly(patternDigest(2));
    }

    @Test
    void anEarlierSnapshotIsNotChangedByLaterEmits() {
        PartitionSplitState state = new PartitionSplitState(PartitionSplit.fresh(0, 10));
        byte[] digest = patternDigest(1);
        state.recordEmitted(3, digest);
        PartitionSplit first = state.toSplit();

        state.recordEmitted(3, patternDigest(2));
        state.recordEmitted(4, patternDigest(3));
        digest[0] ^= 0x55;
        PartitionSplit second = state.toSplit();

        assertThat(first).isEqualTo(new PartitionSplit(0, 10, Map.of(3, patternDigest(1))));
        assertThat(first.resumeDigests()).containsOnlyKeys(3);
        assertThat(second).isEqualTo(new PartitionSplit(0, 10, Map.of(3, patternDigest(2), 4, patternDigest(3))));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void snapshotsOfUnchangedStateAreEqualButIndependent() {
        Random random = new Random(11);
        PartitionSplitState state = new PartitionSplitState(SourceTestData.splitWithCursors(2048, 1024, 40, random));
        PartitionSplit a = state.toSplit();
        PartitionSplit b = state.toSplit();
        assertThat(a).isEqualTo(b).isNotSameAs(b);
        Integer anyPartition = a.resumeDigests().keySet().iterator().next();
        assertThat(a.resumeDigests().get(anyPartition)).isNotSameAs(b.resumeDigests().get(anyPartition));
    }
}
