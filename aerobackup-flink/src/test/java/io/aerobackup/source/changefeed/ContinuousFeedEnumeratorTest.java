package io.aerobackup.source.changefeed;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.testutils.UtcTestClock;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The continuous feed's enumerator against Flink's MockSplitEnumeratorContext, its ticks run by
 * hand and its clock moved by hand: rounds planned on time, a full first, deltas whose windows
 * follow each other, a manual request honoured, nothing planned while a round runs.
 */
class ContinuousFeedEnumeratorTest {
    private static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Duration SKEW = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    java.nio.file.Path catalog;

    private MockSplitEnumeratorContext<RoundSplit> context;
    private final MovableClock clock = new MovableClock(T0);

    @BeforeEach
    void createContext() {
        context = new MockSplitEnumeratorContext<>(1);
        context.registerReader(new ReaderInfo(0, "host"));
    }

    @AfterEach
    void closeContext() throws Exception {
        context.close();
    }

    @Test
    void aFeedWithoutABackupStartsWithAFullRoundAtTheFirstTick() throws Throwable {
        ChangeFeedEnumerator enumerator = started();
        enumerator.handleSplitRequest(0, "host");
        assertThat(context.getSplitsAssignmentSequence()).as("nothing before the first ticks").isEmpty();

        tick();

        List<RoundSplit> assigned = assigned();
        assertThat(assigned).as("the waiting reader gets the round's first split").hasSize(1);
        Round round = assigned.get(0).round();
        assertThat(round.number()).isEqualTo(1);
        assertThat(round.isFull()).isTrue();
        assertThat(round.triggerKind()).isEqualTo(Trigger.Kind.NO_CHAIN.name());
        assertThat(round.startedAtMillis()).isEqualTo(T0.toEpochMilli());
        assertThat(context.hasNoMoreSplits(0)).as("a feed never ends").isFalse();
    }

    @Test
    void deltasFollowOnTheIntervalWithAdjacentWindows() throws Throwable {
        ChangeFeedEnumerator enumerator = started();
        Round full = runRound(enumerator);
        assertThat(full.isFull()).isTrue();

        clock.advance(INTERVAL.minusSeconds(1));
        tick();
        assertThat(enumerator.snapshotState(1).current()).as("not due before the interval").isNull();

        clock.advance(Duration.ofSeconds(1));
        Round first = runRound(enumerator);
        assertThat(first.isDelta()).isTrue();
        assertThat(first.number()).isEqualTo(2);
        assertThat(first.parentId()).isEqualTo(full.backupId());
        assertThat(first.fromMillis()).as("a delta after a full starts at the full's start minus the margin")
                .isEqualTo(T0.minus(SKEW).toEpochMilli());
        assertThat(first.toMillis()).isEqualTo(clock.instant().minus(SKEW).toEpochMilli());

        clock.advance(INTERVAL);
        Round second = runRound(enumerator);
        assertThat(second.number()).isEqualTo(3);
        assertThat(second.parentId()).isEqualTo(first.backupId());
        assertThat(second.fromMillis()).as("windows follow each other without a gap").isEqualTo(first.toMillis());
    }

    @Test
    void noRoundIsPlannedWhileOneIsRunning() throws Throwable {
        ChangeFeedEnumerator enumerator = started();
        enumerator.handleSplitRequest(0, "host");
        tick();
        RoundSplit running = assigned().get(0);

        clock.advance(INTERVAL.multipliedBy(3));
        tick();
        tick();

        ChangeFeedEnumState state = enumerator.snapshotState(1);
        assertThat(state.current()).isEqualTo(running.round());
        assertThat(state.unfinished()).contains(running.splitId());
        assertThat(assigned()).hasSize(1);

        // Once the round's splits are done, the overdue next round starts at once, chained on it.
        finish(enumerator, running);
        Round next = enumerator.snapshotState(2).current();
        assertThat(next).isNotNull();
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.parentId()).isEqualTo(running.round().backupId());
        assertThat(next.startedAtMillis()).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void aManualRequestMakesTheNextRoundAFull() throws Throwable {
        ChangeFeedEnumerator enumerator = started();
        Round full = runRound(enumerator);
        clock.advance(INTERVAL);
        Round delta = runRound(enumerator);
        assertThat(delta.isDelta()).isTrue();

        clock.advance(Duration.ofMinutes(1));
        ManualTriggerRequests.request(new Path(catalog.toUri()), "test", "operator", clock.instant());
        clock.advance(INTERVAL);
        Round requested = runRound(enumerator);

        assertThat(requested.isFull()).isTrue();
        assertThat(requested.triggerKind()).isEqualTo(Trigger.Kind.MANUAL.name());
        assertThat(requested.backupId()).isNotEqualTo(full.backupId());
    }

    @Test
    void aSplitOfACompletedRoundHandedBackIsReadAgainBeforeTheCurrentRound() throws Throwable {
        ChangeFeedEnumerator enumerator = started();
        enumerator.handleSplitRequest(0, "host");
        tick();
        RoundSplit last = assigned().get(0);
        finish(enumerator, last);
        List<RoundSplit> round1 = assigned();
        RoundSplit lastOfRound1 = round1.get(round1.size() - 1);
        clock.advance(INTERVAL);
        enumerator.handleSplitRequest(0, "host");
        tick();
        Round second = enumerator.snapshotState(1).current();
        assertThat(second.number()).isEqualTo(2);

        // The reader fails before a checkpoint took round 1's last split and round 2's first.
        RoundSplit secondFirst = assigned().get(assigned().size() - 1);
        context.unregisterReader(0);
        enumerator.addSplitsBack(List.of(lastOfRound1, secondFirst), 0);
        assertThat(enumerator.snapshotState(2).unassigned()).contains(lastOfRound1, secondFirst);
        context.registerReader(new ReaderInfo(0, "host"));

        int before = assigned().size();
        enumerator.handleSplitRequest(0, "host");
        enumerator.handleSplitRequest(0, "host");
        assertThat(assigned().subList(before, assigned().size())).containsExactly(lastOfRound1, secondFirst);
        assertThat(enumerator.snapshotState(3).current()).isEqualTo(second);
    }

    /** Ticks until a round starts, reads all its splits to the end, and ticks it complete. */
    private Round runRound(ChangeFeedEnumerator enumerator) throws Throwable {
        int before = assigned().size();
        enumerator.handleSplitRequest(0, "host");
        tick();
        List<RoundSplit> all = assigned();
        assertThat(all).as("a round started and its first split was assigned").hasSizeGreaterThan(before);
        finish(enumerator, all.get(before));
        return all.get(before).round();
    }

    /** Reports {@code split} and every later split of its round finished, then ticks the round complete. */
    private void finish(ChangeFeedEnumerator enumerator, RoundSplit first) throws Throwable {
        Round round = first.round();
        RoundSplit split = first;
        while (split != null) {
            enumerator.handleSourceEvent(0, new ReaderEvents.SplitFinished(split.splitId(), 1));
            int count = assigned().size();
            enumerator.handleSplitRequest(0, "host");
            split = assigned().size() > count ? assigned().get(count) : null;
            assertThat(split == null || split.round().equals(round)).as("splits of one round at a time").isTrue();
        }
        tick();
        ChangeFeedEnumState state = enumerator.snapshotState(1);
        assertThat(state.lastBackupId()).as("round %s complete", round.number()).isEqualTo(round.backupId());
        assertThat(state.current() == null || state.current().number() > round.number()).isTrue();
    }

    private ChangeFeedEnumerator started() {
        ScanOptions scan = ScanOptions.builder("test").partitionsPerSplit(1024).build();
        ChangeFeedOptions options = new ChangeFeedOptions(catalog.toUri().toString(), INTERVAL, SKEW, false,
                FullSnapshotTriggers.none(), clock);
        ChangeFeedEnumerator enumerator = new ChangeFeedEnumerator(context,
                new ConnectionOptions("127.0.0.1:1", Duration.ofSeconds(1)), scan, options, null);
        enumerator.start();
        return enumerator;
    }

    /**
     * Two ticks of the enumerator's timer: the first notices that a round is due, the second reads
     * the triggers' inputs (catalog, manual requests) on the worker and plans.
     */
    private void tick() throws Throwable {
        context.runPeriodicCallable(0);
        context.runPeriodicCallable(0);
    }

    private List<RoundSplit> assigned() {
        List<RoundSplit> splits = new ArrayList<>();
        for (SplitsAssignment<RoundSplit> assignment : context.getSplitsAssignmentSequence()) {
            splits.addAll(assignment.assignment().getOrDefault(0, List.of()));
        }
        return splits;
    }

    /** A clock the test moves; the enumerator reads it on its worker and coordinator threads. */
    private static final class MovableClock extends UtcTestClock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
