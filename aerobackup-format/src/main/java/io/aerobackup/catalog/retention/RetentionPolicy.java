package io.aerobackup.catalog.retention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which backups {@code prune} keeps, restic-style: each policy picks backups on its own and a backup
 * is kept when any policy picks it. A count of 0 (or a null duration) means the policy is not used.
 *
 * @param keepLast    the newest N backups
 * @param keepDaily   the newest backup of each of the last N UTC days that have backups
 * @param keepWeekly  the newest backup of each of the last N ISO weeks (Monday to Sunday, UTC) that have backups
 * @param keepMonthly the newest backup of each of the last N UTC months that have backups
 * @param keepWithin  every backup whose point in time is within this duration of the newest backup's
 */
public record RetentionPolicy(int keepLast, int keepDaily, int keepWeekly, int keepMonthly, Duration keepWithin) {

    public RetentionPolicy {
        if (keepLast < 0 || keepDaily < 0 || keepWeekly < 0 || keepMonthly < 0) {
            throw new IllegalArgumentException("retention counts cannot be negative");
        }
        if (keepWithin != null && (keepWithin.isNegative() || keepWithin.isZero())) {
            throw new IllegalArgumentException("--keep-within must be longer than 0");
        }
    }

    /** True when no policy is given: such a policy would delete everything, so prune refuses it. */
    public boolean isEmpty() {
        return keepLast == 0 && keepDaily == 0 && keepWeekly == 0 && keepMonthly == 0 && keepWithin == null;
    }

    /** "keep-last 3, keep-daily 7, keep-within 2w", as the options are spelled. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (keepLast > 0) {
            parts.add("keep-last " + keepLast);
        }
        if (keepDaily > 0) {
            parts.add("keep-daily " + keepDaily);
        }
        if (keepWeekly > 0) {
            parts.add("keep-weekly " + keepWeekly);
        }
        if (keepMonthly > 0) {
            parts.add("keep-monthly " + keepMonthly);
        }
        if (keepWithin != null) {
            parts.add("keep-within " + Durations.format(keepWithin));
        }
        return parts.isEmpty() ? "no policy" : String.join(", ", parts);
    }
}
