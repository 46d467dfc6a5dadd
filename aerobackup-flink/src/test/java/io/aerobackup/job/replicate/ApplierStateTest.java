package io.aerobackup.job.replicate;

import com.aerospike.client.Record;
import com.aerospike.client.cluster.Partition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The applier's checkpointed state: frozen bytes, the union merge after a rescale, pruning. */
class ApplierStateTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Version 1: spans (round, start, end), planning times (round, start), current round, its done partitions. */
    private static final String STATE_V1 =
            "0000000100000002000000000000000100000000000003e80000000000000578000000000000000200000000000007d0"
            + "00000000000008fc00000002000000000000000200000000000007d000000000000000030000000000000bb8000000"
            + "00000000030000000200000000000000010000000000000040";

    /** Version 2: version 1's fields, then the own writes (count, then digest and nanos, by digest). */
    private static final String STATE_V2 =
            "0000000200000002000000000000000100000000000003e80000000000000578000000000000000200000000000007d0"
            + "00000000000008fc00000002000000000000000200000000000007d000000000000000030000000000000bb800000000"
            + "000000030000000200000000000000010000000000000040000000020101010101010101010101010101010101010101"
            + "000000012a05f20002020202020202020202020202020202020202020000000165a0bc00";

    private static byte[] digest(int b) {
        byte[] d = new byte[20];
        Arrays.fill(d, (byte) b);
        return d;
    }

    /** {@link #sample()} with two own writes, as version 2 keeps them. */
    static ApplierState sampleWithOwnWrites() {
        ApplierState state = sample();
        state.ownWrites.remember(digest(2), 6_000_000_000L);
        state.ownWrites.remember(digest(1), 5_000_000_000L);
        return state;
    }

    static ApplierState sample() {
        ApplierState state = new ApplierState();
        state.addSpan(new ApplySpan(1, 1_000, 1_400));
        state.addSpan(new ApplySpan(2, 2_000, 2_300));
        state.roundStarted(2, 2_000);
        state.roundStarted(3, 3_000);
        state.currentRound = 3;
        state.currentDone.set(0);
        state.currentDone.set(70);
        return state;
    }

    @Test
    void versionOneIsStillReadWithoutOwnWrites() throws IOException {
        ApplierState read = ApplierState.fromBytes(HEX.parseHex(STATE_V1));
        assertThat(read.spanList()).isEqualTo(sample().spanList());
        assertThat(read.roundStarts).isEqualTo(sample().roundStarts);
        assertThat(read.currentRound).isEqualTo(3);
        assertThat(read.currentDone).isEqualTo(sample().currentDone);
        assertThat(read.ownWrites.size()).isZero();
    }

    @Test
    void frozenBytesOfVersionTwo() throws IOException {
        assertThat(HEX.formatHex(sampleWithOwnWrites().toBytes())).isEqualTo(STATE_V2);
        ApplierState read = ApplierState.fromBytes(HEX.parseHex(STATE_V2));
        assertThat(read.spanList()).isEqualTo(sample().spanList());
        assertThat(read.currentDone).isEqualTo(sample().currentDone);
        assertThat(read.ownWrites.lastWrite(digest(1))).isEqualTo(5_000_000_000L);
        assertThat(read.ownWrites.lastWrite(digest(2))).isEqualTo(6_000_000_000L);
        assertThat(read.ownWrites.lastWrite(digest(3))).isNull();
    }

    @Test
    void anUnknownVersionIsRefused() {
        assertThatThrownBy(() -> ApplierState.fromBytes(HEX.parseHex("00000003")))
                .isInstanceOf(IOException.class).hasMessageContaining("version 3");
    }

    @Test
    void ownWritesMergeKeepingTheLatestAndAreDroppedOnceOlderThanTheWindowOrOfAnotherPartition()
            throws IOException {
        ApplierState other = new ApplierState();
        other.ownWrites.remember(digest(1), 7_000_000_000L);
        ApplierState merged = ApplierState.merged(List.of(sampleWithOwnWrites().toBytes(), other.toBytes()));
        assertThat(merged.ownWrites.lastWrite(digest(1))).isEqualTo(7_000_000_000L);

        merged.ownWrites.pruneBefore(6_500_000_000L);
        assertThat(merged.ownWrites.lastWrite(digest(2))).as("older than the window").isNull();
        assertThat(merged.ownWrites.lastWrite(digest(1))).isEqualTo(7_000_000_000L);

        BitSet partitions = new BitSet();
        partitions.set(Partition.getPartitionId(digest(2)));
        merged.ownWrites.remember(digest(2), 8_000_000_000L);
        merged.ownWrites.retainPartitions(partitions);
        assertThat(merged.ownWrites.lastWrite(digest(1))).as("another applier's partition").isNull();
        assertThat(merged.ownWrites.lastWrite(digest(2))).isEqualTo(8_000_000_000L);
        merged.ownWrites.forget(digest(2));
        assertThat(merged.ownWrites.size()).isZero();
    }

    @Test
    void theReadBackIsTheLastValueOfItsName() {
        assertThat(OwnWrites.readBack(new Record(
                Map.of(OwnWrites.READ_BACK_BIN, 42L), 1, 0))).isEqualTo(42L);
        List<Object> both = new ArrayList<>();
        both.add(null);
        both.add(43L);
        assertThat(OwnWrites.readBack(new Record(
                Map.of(OwnWrites.READ_BACK_BIN, both), 1, 0))).as("a record bin of the same name").isEqualTo(43L);
        assertThat(OwnWrites.readBack(new Record(Map.of("v", 1L), 1, 0))).isNull();
    }

    @Test
    void theStatesOfAllAppliersMergeAfterARescale() throws IOException {
        ApplierState other = new ApplierState();
        other.addSpan(new ApplySpan(2, 1_990, 2_500));
        other.roundStarted(3, 3_000);
        other.currentRound = 3;
        other.currentDone.set(7);
        ApplierState merged = ApplierState.merged(List.of(sample().toBytes(), other.toBytes()));
        assertThat(merged.spanList()).containsExactly(new ApplySpan(1, 1_000, 1_400), new ApplySpan(2, 1_990, 2_500));
        assertThat(merged.currentRound).isEqualTo(3);
        assertThat(merged.currentDone.stream().boxed().toList()).containsExactly(0, 7, 70);
    }

    @Test
    void aDeltaStartsWhereThePreviousRoundsPlanningTimeLessTheMarginLeftOff() {
        ApplierState state = sample();
        assertThat(state.deltaWindowStart(3, 100)).isEqualTo(1_900L);
        assertThat(state.deltaWindowStart(9, 100)).isNull();
    }

    @Test
    void spansEndingBeforeTheWindowAreDroppedAndAtMostSixtyFourKept() {
        ApplierState state = sample();
        state.pruneBefore(1_500);
        assertThat(state.spanList()).containsExactly(new ApplySpan(2, 2_000, 2_300));
        for (int round = 10; round < 100; round++) {
            state.addSpan(new ApplySpan(round, round * 10L, round * 10L + 5));
        }
        assertThat(state.spans).hasSize(ApplierState.MAX_SPANS);
        assertThat(state.spans.lastKey()).isEqualTo(99L);
    }
}
