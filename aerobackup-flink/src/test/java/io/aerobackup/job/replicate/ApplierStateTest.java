package io.aerobackup.job.replicate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

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
    void frozenBytesOfVersionOne() throws IOException {
        byte[] bytes = sample().toBytes();
        assertThat(HEX.formatHex(bytes)).isEqualTo(STATE_V1);
        ApplierState read = ApplierState.fromBytes(HEX.parseHex(STATE_V1));
        assertThat(read.spanList()).isEqualTo(sample().spanList());
        assertThat(read.roundStarts).isEqualTo(sample().roundStarts);
        assertThat(read.currentRound).isEqualTo(3);
        assertThat(read.currentDone).isEqualTo(sample().currentDone);
    }

    @Test
    void anUnknownVersionIsRefused() {
        assertThatThrownBy(() -> ApplierState.fromBytes(HEX.parseHex("00000002")))
                .isInstanceOf(IOException.class).hasMessageContaining("version 2");
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
