package io.aerobackup.source.changefeed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The used-space percentage from namespace statistics. */
class UsedSpaceTest {
    @Test
    void dataUsedPctIsReadAndFractionsAreCut() {
        assertThat(UsedSpace.percentOf(Map.of("data_used_pct", "42"))).isEqualTo(OptionalInt.of(42));
        assertThat(UsedSpace.percentOf(Map.of("data_used_pct", "79.9"))).isEqualTo(OptionalInt.of(79));
        assertThat(UsedSpace.percentOf(Map.of("data_used_pct", "150"))).isEqualTo(OptionalInt.of(100));
    }

    @Test
    void bytesAreTheFallbackAndNothingUsableIsEmpty() {
        assertThat(UsedSpace.percentOf(Map.of("data_used_bytes", "799", "data_total_bytes", "1000")))
                .isEqualTo(OptionalInt.of(79));
        assertThat(UsedSpace.percentOf(Map.of("data_used_pct", "n/a", "data_used_bytes", "500",
                "data_total_bytes", "1000"))).isEqualTo(OptionalInt.of(50));
        assertThat(UsedSpace.percentOf(Map.of("data_used_bytes", "5", "data_total_bytes", "0"))).isEmpty();
        assertThat(UsedSpace.percentOf(Map.of("objects", "5"))).isEmpty();
    }

    @Test
    void theFullestNodeDecides() {
        assertThat(UsedSpace.fullestNode(List.of(Map.of("data_used_pct", "40"), Map.of("data_used_pct", "81"),
                Map.of()))).isEqualTo(OptionalInt.of(81));
        assertThat(UsedSpace.fullestNode(List.of(Map.of(), Map.of()))).isEmpty();
        assertThat(UsedSpace.fullestNode(List.of())).isEmpty();
    }
}
