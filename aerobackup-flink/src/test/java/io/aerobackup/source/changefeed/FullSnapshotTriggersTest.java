package io.aerobackup.source.changefeed;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Option validation, and that the options survive the Java serialization Flink ships them with. */
class FullSnapshotTriggersTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "0 2 * *", "0 0 2 * * ?", "61 2 * * *", "0 25 * * *", "@daily", "every night"})
    void anInvalidScheduleNamesTheOption(String schedule) {
        assertThatThrownBy(() -> FullSnapshotTriggers.of(schedule, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--full-schedule")
                .hasMessageContaining("0 2 * * *");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 2 * * *", "*/15 * * * *", "30 1 * * 1-5", "0 0 1 * *"})
    void unixCronExpressionsAreAccepted(String schedule) {
        assertThat(FullSnapshotTriggers.of(schedule, 0, 0, 0).schedule()).contains(schedule);
    }

    @Test
    void outOfRangeNumbersNameTheirOption() {
        assertThatThrownBy(() -> FullSnapshotTriggers.of(null, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FullSnapshotTriggers.MAX_DELTAS_OPTION);
        assertThatThrownBy(() -> FullSnapshotTriggers.of(null, 0, -5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FullSnapshotTriggers.MAX_CHANGE_OPTION);
        assertThatThrownBy(() -> FullSnapshotTriggers.of(null, 0, 0, 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FullSnapshotTriggers.USED_SPACE_OPTION);
        assertThatThrownBy(() -> FullSnapshotTriggers.of(null, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FullSnapshotTriggers.USED_SPACE_OPTION);
        assertThat(FullSnapshotTriggers.of(null, 0, 500, 100).maxChangePercent()).isEqualTo(500);
    }

    @Test
    void noneTurnsEveryOptionalTriggerOff() {
        FullSnapshotTriggers none = FullSnapshotTriggers.none();
        assertThat(none.schedule()).isEmpty();
        assertThat(none.maxChainLength()).isZero();
        assertThat(none.maxChangePercent()).isZero();
        assertThat(none.usedSpacePercent()).isZero();
        assertThat(none.zone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(none).hasToString("FullSnapshotTriggers{schedule=off, maxChainLength=off, maxChangePercent=off,"
                + " usedSpacePercent=off}");
    }

    @Test
    void aDeserializedPolicyStillKnowsTheSchedule() throws Exception {
        FullSnapshotTriggers triggers = FullSnapshotTriggers.of("0 2 * * *", 5, 10, 80)
                .withZone(ZoneId.of("Asia/Shanghai"));
        FullSnapshotPolicy copy = InstantiationUtil.clone(new FullSnapshotPolicy(triggers));
        assertThat(copy.triggers()).isEqualTo(triggers).hasSameHashCodeAs(triggers);
        TriggerInputs in = new TriggerInputs(Instant.parse("2026-03-01T18:00:01Z"),
                Instant.parse("2026-03-01T17:00:00Z"), 0, 0, 10, OptionalInt.empty(), Optional.empty(),
                TriggerState.initial());
        assertThat(copy.evaluate(in).map(Trigger::kind)).contains(Trigger.Kind.SCHEDULE);
        TriggerState state = InstantiationUtil.clone(new TriggerState(79, true));
        assertThat(state).isEqualTo(new TriggerState(79, true));
    }
}
