package io.aerobackup.source.changefeed;

import io.aerobackup.source.changefeed.FullSnapshotPolicy.Decision;
import io.aerobackup.source.changefeed.Trigger.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Every trigger fires at its boundary and not before; precedence; the space trigger's state. */
class FullSnapshotPolicyTest {
    private static final Instant LAST_FULL = Instant.parse("2026-03-01T02:00:30Z");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ManualRequest REQUEST = new ManualRequest("20260301T100000000Z-0000abcd", "test",
            Instant.parse("2026-03-01T10:00:00Z"), "alice", "file:/tmp/x.json");

    /** Inputs with nothing due: a recent full, no deltas, no usage figure, no request. */
    private static Inputs quiet() {
        return new Inputs();
    }

    private static final class Inputs {
        Instant now = NOW;
        Instant lastFullStart = LAST_FULL;
        int deltas;
        long deltaRecords;
        long fullRecords = 1000;
        OptionalInt used = OptionalInt.empty();
        Optional<ManualRequest> manual = Optional.empty();
        TriggerState state = TriggerState.initial();

        TriggerInputs build() {
            return new TriggerInputs(now, lastFullStart, deltas, deltaRecords, fullRecords, used, manual, state);
        }
    }

    private static Optional<Kind> kind(FullSnapshotTriggers triggers, Inputs in) {
        return new FullSnapshotPolicy(triggers).evaluate(in.build()).map(Trigger::kind);
    }

    @Test
    void nothingFiresWhenNothingIsDueEvenWithEveryTriggerOn() {
        Inputs in = quiet();
        in.deltas = 2;
        in.deltaRecords = 100;
        in.used = OptionalInt.of(50);
        assertThat(kind(FullSnapshotTriggers.of("0 2 * * *", 3, 10, 80), in)).isEmpty();
        assertThat(kind(FullSnapshotTriggers.none(), in)).isEmpty();
    }

    @Test
    void noChainFiresWithoutAFullBackupWhateverTheOptions() {
        Inputs in = quiet();
        in.lastFullStart = null;
        in.fullRecords = 0;
        assertThat(kind(FullSnapshotTriggers.none(), in)).contains(Kind.NO_CHAIN);
        assertThat(new FullSnapshotPolicy(FullSnapshotTriggers.none()).evaluate(in.build()).orElseThrow().reason())
                .isEqualTo("no full backup of the namespace yet");
    }

    @Test
    void chainLengthFiresAtTheMaximumNotBelowAndNotWhenOff() {
        Inputs in = quiet();
        in.deltas = 4;
        assertThat(kind(FullSnapshotTriggers.of(null, 5, 0, 0), in)).isEmpty();
        in.deltas = 5;
        assertThat(kind(FullSnapshotTriggers.of(null, 5, 0, 0), in)).contains(Kind.CHAIN_LENGTH);
        in.deltas = 6;
        assertThat(kind(FullSnapshotTriggers.of(null, 5, 0, 0), in)).contains(Kind.CHAIN_LENGTH);
        assertThat(kind(FullSnapshotTriggers.of(null, 0, 0, 0), in)).isEmpty();
        assertThat(new FullSnapshotPolicy(FullSnapshotTriggers.of(null, 5, 0, 0)).evaluate(in.build())
                .orElseThrow().reason()).isEqualTo("6 deltas since the last full (maximum 5)");
    }

    @Test
    void changeVolumeFiresOnlyAboveThePercentage() {
        FullSnapshotTriggers tenPercent = FullSnapshotTriggers.of(null, 0, 10, 0);
        Inputs in = quiet();
        in.fullRecords = 1000;
        in.deltaRecords = 100; // exactly 10%: not more than
        assertThat(kind(tenPercent, in)).isEmpty();
        in.deltaRecords = 101;
        assertThat(kind(tenPercent, in)).contains(Kind.CHANGE_VOLUME);
        assertThat(kind(FullSnapshotTriggers.none(), in)).isEmpty();
        // No rounding: 1 of 9 records is 11.1%, above 11%; 1 of 10 is 10%, not above 10%.
        in.fullRecords = 9;
        in.deltaRecords = 1;
        assertThat(kind(FullSnapshotTriggers.of(null, 0, 11, 0), in)).contains(Kind.CHANGE_VOLUME);
        assertThat(kind(FullSnapshotTriggers.of(null, 0, 12, 0), in)).isEmpty();
        in.fullRecords = 10;
        assertThat(kind(tenPercent, in)).isEmpty();
        // An empty full: any change is more than any share of nothing; no change is not.
        in.fullRecords = 0;
        assertThat(kind(tenPercent, in)).contains(Kind.CHANGE_VOLUME);
        in.deltaRecords = 0;
        assertThat(kind(tenPercent, in)).isEmpty();
        // Over 100% is valid: records change many times.
        in.fullRecords = 100;
        in.deltaRecords = 250;
        assertThat(kind(FullSnapshotTriggers.of(null, 0, 200, 0), in)).contains(Kind.CHANGE_VOLUME);
        assertThat(kind(FullSnapshotTriggers.of(null, 0, 250, 0), in)).isEmpty();
    }

    @Test
    void manualFiresWhenARequestIsPending() {
        Inputs in = quiet();
        assertThat(kind(FullSnapshotTriggers.none(), in)).isEmpty();
        in.manual = Optional.of(REQUEST);
        Trigger trigger = new FullSnapshotPolicy(FullSnapshotTriggers.none()).evaluate(in.build()).orElseThrow();
        assertThat(trigger.kind()).isEqualTo(Kind.MANUAL);
        assertThat(trigger.reason()).contains("alice").contains(REQUEST.id());
    }

    @Nested
    class Schedule {
        private final FullSnapshotTriggers nightly = FullSnapshotTriggers.of("0 2 * * *", 0, 0, 0);

        private Optional<Kind> at(String now, String lastFull) {
            Inputs in = quiet();
            in.now = Instant.parse(now);
            in.lastFullStart = Instant.parse(lastFull);
            return kind(nightly, in);
        }

        @Test
        void notBeforeTheScheduledTime() {
            assertThat(at("2026-03-02T01:59:00Z", "2026-03-01T02:00:30Z")).isEmpty();
            assertThat(at("2026-03-02T01:59:59.999Z", "2026-03-01T02:00:30Z")).isEmpty();
        }

        @Test
        void atAndJustAfterTheScheduledTime() {
            assertThat(at("2026-03-02T02:00:00Z", "2026-03-01T02:00:30Z")).contains(Kind.SCHEDULE);
            assertThat(at("2026-03-02T02:00:05Z", "2026-03-01T02:00:30Z")).contains(Kind.SCHEDULE);
        }

        @Test
        void notAgainAfterTheFullItStarted() {
            assertThat(at("2026-03-02T02:30:00Z", "2026-03-02T02:00:10Z")).isEmpty();
            assertThat(at("2026-03-03T01:59:00Z", "2026-03-02T02:00:10Z")).isEmpty();
            assertThat(at("2026-03-03T02:00:00Z", "2026-03-02T02:00:10Z")).contains(Kind.SCHEDULE);
        }

        @Test
        void aFullStartedExactlyAtTheTimeCoversItAndOneJustBeforeDoesNot() {
            assertThat(at("2026-03-02T02:30:00Z", "2026-03-02T02:00:00Z")).isEmpty();
            assertThat(at("2026-03-02T02:00:00Z", "2026-03-02T01:59:59.999Z")).contains(Kind.SCHEDULE);
        }

        @Test
        void missedTimesFireOnceAndTheReasonNamesTheTimeAndOption() {
            Inputs in = quiet();
            in.lastFullStart = Instant.parse("2026-02-20T02:00:30Z");
            in.now = Instant.parse("2026-03-01T12:00:00Z");
            Trigger trigger = new FullSnapshotPolicy(nightly).evaluate(in.build()).orElseThrow();
            assertThat(trigger.kind()).isEqualTo(Kind.SCHEDULE);
            assertThat(trigger.reason()).contains("2026-02-21T02:00:00Z").contains("--full-schedule \"0 2 * * *\"");
        }

        @Test
        void theScheduleIsReadInItsZone() {
            // 02:00 in Shanghai (UTC+8) is 18:00 UTC the day before.
            Inputs in = quiet();
            in.lastFullStart = Instant.parse("2026-03-01T17:00:00Z");
            in.now = Instant.parse("2026-03-01T17:59:00Z");
            FullSnapshotTriggers shanghai = nightly.withZone(ZoneId.of("Asia/Shanghai"));
            assertThat(kind(shanghai, in)).isEmpty();
            in.now = Instant.parse("2026-03-01T18:00:01Z");
            assertThat(kind(shanghai, in)).contains(Kind.SCHEDULE);
            assertThat(kind(nightly, in)).isEmpty();
        }
    }

    @Nested
    class Space {
        private final FullSnapshotPolicy policy = new FullSnapshotPolicy(FullSnapshotTriggers.of(null, 0, 0, 80));

        private Decision observe(Integer used, TriggerState state) {
            Inputs in = quiet();
            in.used = used == null ? OptionalInt.empty() : OptionalInt.of(used);
            in.state = state;
            return policy.decide(in.build());
        }

        @Test
        void firesAtTheThresholdNotBelow() {
            assertThat(observe(79, TriggerState.initial()).trigger()).isEmpty();
            Decision at = observe(80, TriggerState.initial());
            assertThat(at.trigger().map(Trigger::kind)).contains(Kind.SPACE_THRESHOLD);
            assertThat(observe(95, new TriggerState(79, true)).trigger().orElseThrow().reason())
                    .isEqualTo("used space 95% reached the threshold of 80% (was 79%)");
        }

        @Test
        void firesOncePerCrossing() {
            TriggerState state = TriggerState.initial();
            int[] usage = {70, 79, 80, 85, 90, 80, 79, 81, 99, 50, 100};
            boolean[] fires = {false, false, true, false, false, false, false, true, false, false, true};
            for (int i = 0; i < usage.length; i++) {
                Decision d = observe(usage[i], state);
                assertThat(d.trigger().isPresent()).as("usage %d%% at step %d", usage[i], i).isEqualTo(fires[i]);
                assertThat(d.spaceState()).isEqualTo(new TriggerState(usage[i], usage[i] < 80));
                state = d.spaceState();
            }
        }

        @Test
        void anUnknownUsageKeepsTheStateAndFiresNothing() {
            TriggerState below = new TriggerState(70, true);
            Decision d = observe(null, below);
            assertThat(d.trigger()).isEmpty();
            assertThat(d.spaceState()).isSameAs(below);
            assertThat(observe(null, TriggerState.initial()).spaceState()).isEqualTo(TriggerState.initial());
        }

        @Test
        void aFullForAnotherReasonServesTheCrossing() {
            Inputs in = quiet();
            in.used = OptionalInt.of(85);
            in.manual = Optional.of(REQUEST);
            Decision d = policy.decide(in.build());
            assertThat(d.trigger().map(Trigger::kind)).contains(Kind.MANUAL);
            assertThat(d.trigger().orElseThrow().reason()).contains("also due: SPACE_THRESHOLD");
            in.manual = Optional.empty();
            in.state = d.spaceState();
            assertThat(policy.decide(in.build()).trigger()).isEmpty();
        }

        @Test
        void offMeansNeverEvenAtFullDisk() {
            Inputs in = quiet();
            in.used = OptionalInt.of(100);
            Decision d = new FullSnapshotPolicy(FullSnapshotTriggers.none()).decide(in.build());
            assertThat(d.trigger()).isEmpty();
            assertThat(d.spaceState()).isEqualTo(new TriggerState(100, true));
        }
    }

    @Test
    void precedenceReportsOneTriggerAndListsTheOthers() {
        FullSnapshotTriggers all = FullSnapshotTriggers.of("0 2 * * *", 3, 10, 80);
        Inputs in = quiet();
        in.now = Instant.parse("2026-03-02T03:00:00Z"); // past the next 02:00
        in.deltas = 3;
        in.deltaRecords = 500;
        in.used = OptionalInt.of(90);
        in.manual = Optional.of(REQUEST);
        Trigger trigger = new FullSnapshotPolicy(all).evaluate(in.build()).orElseThrow();
        assertThat(trigger.kind()).isEqualTo(Kind.MANUAL);
        assertThat(trigger.reason()).contains("also due: SPACE_THRESHOLD").contains("SCHEDULE")
                .contains("CHAIN_LENGTH").contains("CHANGE_VOLUME");
        assertThat(trigger.reason().indexOf("SPACE_THRESHOLD")).isLessThan(trigger.reason().indexOf("SCHEDULE"));

        in.manual = Optional.empty();
        assertThat(kind(all, in)).contains(Kind.SPACE_THRESHOLD);
        in.used = OptionalInt.of(50);
        assertThat(kind(all, in)).contains(Kind.SCHEDULE);
        in.now = NOW;
        assertThat(kind(all, in)).contains(Kind.CHAIN_LENGTH);
        in.deltas = 2;
        assertThat(kind(all, in)).contains(Kind.CHANGE_VOLUME);
        in.deltaRecords = 100;
        assertThat(kind(all, in)).isEmpty();

        in.lastFullStart = null;
        in.manual = Optional.of(REQUEST);
        Trigger first = new FullSnapshotPolicy(all).evaluate(in.build()).orElseThrow();
        assertThat(first.kind()).isEqualTo(Kind.NO_CHAIN);
        assertThat(first.reason()).contains("also due: MANUAL");
    }

    @Test
    void theTriggerGoesIntoTheManifestOptions() {
        Trigger trigger = new Trigger(Kind.CHAIN_LENGTH, "5 deltas");
        assertThat(trigger.manifestOptions()).containsEntry("fullSnapshotTrigger", "CHAIN_LENGTH")
                .containsEntry("fullSnapshotReason", "5 deltas");
        assertThat(trigger).hasToString("full snapshot triggered by CHAIN_LENGTH: 5 deltas");
    }
}
