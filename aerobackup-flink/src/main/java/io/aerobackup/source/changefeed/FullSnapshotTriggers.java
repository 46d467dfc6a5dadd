package io.aerobackup.source.changefeed;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * When the change-feed job takes a full snapshot, as options: a UNIX cron schedule, a maximum
 * number of deltas since the last full, a maximum change volume (records in those deltas as a
 * percentage of the last full's records), and a used-space threshold. 0 (or no schedule) turns a
 * trigger off. Manual requests and "no full backup yet" always apply and need no option.
 *
 * <p>Immutable and Serializable, because the job ships it to the cluster with its operators. Only
 * the cron text is kept; the parsed form is rebuilt after deserialization (it is cheap).
 */
public final class FullSnapshotTriggers implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Option names of the job's command line, used in error messages so the user knows what to fix. */
    public static final String SCHEDULE_OPTION = "--full-schedule";
    public static final String ZONE_OPTION = "--full-schedule-zone";
    public static final String MAX_DELTAS_OPTION = "--full-after-deltas";
    public static final String MAX_CHANGE_OPTION = "--full-after-change-percent";
    public static final String USED_SPACE_OPTION = "--full-at-used-space-percent";

    private final String schedule;
    private final ZoneId zone;
    private final int maxChainLength;
    private final int maxChangePercent;
    private final int usedSpacePercent;
    private transient ExecutionTime executionTime;

    private FullSnapshotTriggers(String schedule, ZoneId zone, int maxChainLength, int maxChangePercent,
                                 int usedSpacePercent) {
        this.schedule = schedule;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.maxChainLength = maxChainLength;
        this.maxChangePercent = maxChangePercent;
        this.usedSpacePercent = usedSpacePercent;
        this.executionTime = schedule == null ? null : parse(schedule);
    }

    /**
     * The triggers, checked: a schedule that is not a 5-field UNIX cron expression, or a negative
     * or out-of-range number, is an {@link IllegalArgumentException} naming the option.
     *
     * @param schedule         UNIX cron ("minute hour day-of-month month day-of-week"), or null for none
     * @param maxChainLength   full after this many deltas since the last full; 0 = off
     * @param maxChangePercent full once the deltas since the last full hold more than this percentage
     *                         of its records (may exceed 100: one record can change many times); 0 = off
     * @param usedSpacePercent full when the namespace's used space reaches this percentage; 0 = off
     */
    public static FullSnapshotTriggers of(String schedule, int maxChainLength, int maxChangePercent,
                                          int usedSpacePercent) {
        if (maxChainLength < 0) {
            throw new IllegalArgumentException(MAX_DELTAS_OPTION + " must be 0 (off) or a positive number of"
                    + " deltas, not " + maxChainLength);
        }
        if (maxChangePercent < 0) {
            throw new IllegalArgumentException(MAX_CHANGE_OPTION + " must be 0 (off) or a positive percentage,"
                    + " not " + maxChangePercent);
        }
        if (usedSpacePercent < 0 || usedSpacePercent > 100) {
            throw new IllegalArgumentException(USED_SPACE_OPTION + " must be 0 (off) or a percentage from 1 to"
                    + " 100, not " + usedSpacePercent);
        }
        return new FullSnapshotTriggers(schedule == null ? null : schedule.trim(), ZoneOffset.UTC, maxChainLength,
                maxChangePercent, usedSpacePercent);
    }

    /** Every trigger off: only manual requests and a missing full backup start one. */
    public static FullSnapshotTriggers none() {
        return of(null, 0, 0, 0);
    }

    /** The same triggers with the schedule read in another time zone (UTC by default). */
    public FullSnapshotTriggers withZone(ZoneId scheduleZone) {
        return new FullSnapshotTriggers(schedule, Objects.requireNonNull(scheduleZone, ZONE_OPTION), maxChainLength,
                maxChangePercent, usedSpacePercent);
    }

    public Optional<String> schedule() {
        return Optional.ofNullable(schedule);
    }

    public ZoneId zone() {
        return zone;
    }

    public int maxChainLength() {
        return maxChainLength;
    }

    public int maxChangePercent() {
        return maxChangePercent;
    }

    public int usedSpacePercent() {
        return usedSpacePercent;
    }

    /** The parsed schedule; null without one. Rebuilt lazily because it is not kept when serialized. */
    ExecutionTime executionTime() {
        if (schedule != null && executionTime == null) {
            executionTime = parse(schedule);
        }
        return executionTime;
    }

    private static ExecutionTime parse(String expression) {
        if (expression.isEmpty()) {
            throw new IllegalArgumentException(SCHEDULE_OPTION + " is empty; give a UNIX cron expression such as"
                    + " \"0 2 * * *\" (every day at 02:00)");
        }
        try {
            Cron cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(expression);
            return ExecutionTime.forCron(cron.validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SCHEDULE_OPTION + " \"" + expression + "\" is not a UNIX cron"
                    + " expression (5 fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\" for"
                    + " 02:00 every day): " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FullSnapshotTriggers t && Objects.equals(schedule, t.schedule) && zone.equals(t.zone)
                && maxChainLength == t.maxChainLength && maxChangePercent == t.maxChangePercent
                && usedSpacePercent == t.usedSpacePercent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(schedule, zone, maxChainLength, maxChangePercent, usedSpacePercent);
    }

    @Override
    public String toString() {
        return "FullSnapshotTriggers{schedule=" + (schedule == null ? "off" : "\"" + schedule + "\" " + zone)
                + ", maxChainLength=" + off(maxChainLength) + ", maxChangePercent=" + off(maxChangePercent)
                + ", usedSpacePercent=" + off(usedSpacePercent) + "}";
    }

    private static String off(int value) {
        return value == 0 ? "off" : Integer.toString(value);
    }
}
