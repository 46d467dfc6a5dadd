package io.aerobackup.source.changefeed;

import com.cronutils.model.time.ExecutionTime;
import io.aerobackup.source.changefeed.Trigger.Kind;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether the change-feed job takes a full snapshot now, and why. Pure: the decision
 * depends only on the options and the {@link TriggerInputs} (clock included), so it is tested with
 * a fixed clock and replays the same way.
 *
 * <p>A trigger applies when:
 * <ul>
 *   <li>{@code NO_CHAIN}: there is no full backup yet ({@code lastFullStart} is null);</li>
 *   <li>{@code MANUAL}: a manual request is pending;</li>
 *   <li>{@code SPACE_THRESHOLD}: used space is at or above the threshold and was below it at the
 *       previous observation (or was never observed): once per crossing, see {@link TriggerState};</li>
 *   <li>{@code SCHEDULE}: a cron execution time falls in (lastFullStart, now]: one full covers any
 *       number of missed times, and a full that started just after a scheduled time covers it;</li>
 *   <li>{@code CHAIN_LENGTH}: deltasSinceFull &ge; the maximum;</li>
 *   <li>{@code CHANGE_VOLUME}: recordsInDeltasSinceFull &times; 100 &gt; percent &times;
 *       recordsInLastFull (integer arithmetic, so no rounding decides a boundary).</li>
 * </ul>
 * When several apply, exactly one is returned, the first in {@link Kind}'s order: NO_CHAIN (nothing
 * else is measurable), MANUAL (a person waits for an acknowledgement), SPACE_THRESHOLD (an event
 * that would not recur), SCHEDULE, CHAIN_LENGTH, CHANGE_VOLUME. Its reason lists the others.
 */
public final class FullSnapshotPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FullSnapshotTriggers triggers;

    public FullSnapshotPolicy(FullSnapshotTriggers triggers) {
        this.triggers = Objects.requireNonNull(triggers, "triggers");
    }

    public FullSnapshotTriggers triggers() {
        return triggers;
    }

    /** The trigger that starts a full snapshot now, or empty: take no full snapshot. */
    public Optional<Trigger> evaluate(TriggerInputs in) {
        return decide(in).trigger();
    }

    /**
     * The trigger, and the space trigger's state to pass to the next evaluation. After any full
     * snapshot the crossing counts as served, so the next state is "below" only while usage is below
     * the threshold; without a usage figure the state is kept.
     */
    public Decision decide(TriggerInputs in) {
        List<Trigger> applying = new ArrayList<>();
        if (in.lastFullStart() == null) {
            applying.add(new Trigger(Kind.NO_CHAIN, "no full backup of the namespace yet"));
        }
        in.manualRequest().ifPresent(r -> applying.add(new Trigger(Kind.MANUAL, "requested by " + r.requestedBy()
                + " at " + r.requestedAt() + " (request " + r.id() + ")")));
        space(in).ifPresent(applying::add);
        if (in.lastFullStart() != null) {
            schedule(in).ifPresent(applying::add);
            chainLength(in).ifPresent(applying::add);
            changeVolume(in).ifPresent(applying::add);
        }
        Optional<Trigger> trigger = Optional.empty();
        if (!applying.isEmpty()) {
            applying.sort((a, b) -> a.kind().compareTo(b.kind()));
            Trigger first = applying.get(0);
            StringBuilder reason = new StringBuilder(first.reason());
            for (int i = 1; i < applying.size(); i++) {
                reason.append(i == 1 ? "; also due: " : "; ").append(applying.get(i).kind()).append(" (")
                        .append(applying.get(i).reason()).append(')');
            }
            trigger = Optional.of(new Trigger(first.kind(), reason.toString()));
        }
        return new Decision(trigger, nextState(in));
    }

    private Optional<Trigger> space(TriggerInputs in) {
        int threshold = triggers.usedSpacePercent();
        if (threshold == 0 || in.usedSpacePercent().isEmpty()) {
            return Optional.empty();
        }
        int used = in.usedSpacePercent().getAsInt();
        if (used < threshold || !in.spaceState().wasBelow()) {
            return Optional.empty();
        }
        Integer before = in.spaceState().lastSeenUsedPercent();
        return Optional.of(new Trigger(Kind.SPACE_THRESHOLD, "used space " + used + "% reached the threshold of "
                + threshold + "%" + (before == null ? "" : " (was " + before + "%)")));
    }

    private TriggerState nextState(TriggerInputs in) {
        if (in.usedSpacePercent().isEmpty()) {
            return in.spaceState();
        }
        int used = in.usedSpacePercent().getAsInt();
        int threshold = triggers.usedSpacePercent();
        // With the trigger off, stay "below" so turning it on later behaves like a fresh start.
        return new TriggerState(used, threshold == 0 || used < threshold);
    }

    private Optional<Trigger> schedule(TriggerInputs in) {
        ExecutionTime executionTime = triggers.executionTime();
        if (executionTime == null) {
            return Optional.empty();
        }
        // nextExecution is strictly after its argument: a full that started exactly at a scheduled
        // time covers that time, and the next one is due at the following time.
        Optional<ZonedDateTime> next = executionTime.nextExecution(in.lastFullStart().atZone(triggers.zone()));
        if (next.isEmpty() || next.get().toInstant().isAfter(in.now())) {
            return Optional.empty();
        }
        Instant due = next.get().toInstant();
        return Optional.of(new Trigger(Kind.SCHEDULE, "scheduled at " + due + " by "
                + FullSnapshotTriggers.SCHEDULE_OPTION + " \"" + triggers.schedule().orElseThrow() + "\" ("
                + triggers.zone() + "); the last full started at " + in.lastFullStart()));
    }

    private Optional<Trigger> chainLength(TriggerInputs in) {
        int max = triggers.maxChainLength();
        if (max == 0 || in.deltasSinceFull() < max) {
            return Optional.empty();
        }
        return Optional.of(new Trigger(Kind.CHAIN_LENGTH, in.deltasSinceFull() + " deltas since the last full"
                + " (maximum " + max + ")"));
    }

    private Optional<Trigger> changeVolume(TriggerInputs in) {
        int percent = triggers.maxChangePercent();
        // Record counts stay far below Long.MAX_VALUE / 100, so the products cannot overflow.
        if (percent == 0 || in.recordsInDeltasSinceFull() * 100 <= (long) percent * in.recordsInLastFull()) {
            return Optional.empty();
        }
        return Optional.of(new Trigger(Kind.CHANGE_VOLUME, in.recordsInDeltasSinceFull() + " records in the deltas"
                + " since the last full, more than " + percent + "% of its " + in.recordsInLastFull() + " records"));
    }

    /**
     * One evaluation's outcome.
     *
     * @param trigger    the trigger that starts a full snapshot now, or empty
     * @param spaceState the state to put into the next evaluation's inputs
     */
    public record Decision(Optional<Trigger> trigger, TriggerState spaceState) {
        public Decision {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(spaceState, "spaceState");
        }
    }
}
