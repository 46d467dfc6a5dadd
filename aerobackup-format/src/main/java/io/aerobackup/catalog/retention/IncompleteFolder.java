package io.aerobackup.catalog.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A backup folder without a manifest: a failed run, a running one, or the rest of an interrupted prune.
 *
 * @param namedLikeABackup its name is a backup id; other folders are never touched
 * @param lastActivity     the newest of its id's start time and the modification times of the folder and the
 *                         files in it; null when unknown
 * @param retired          it holds the manifest an interrupted prune renamed away
 */
public record IncompleteFolder(String backupId, boolean namedLikeABackup, Instant lastActivity, boolean retired) {

    /** Deleted when left by a prune or idle for at least {@code grace}; otherwise it may still be running. */
    public Decision decide(Instant now, Duration grace) {
        if (retired) {
            return decision(List.of("left by an interrupted prune (its manifest was already removed)"));
        }
        if (!namedLikeABackup) {
            return decision(List.of("no manifest and not named like a backup id, not touched"));
        }
        if (lastActivity == null) {
            return decision(List.of("incomplete, age unknown, not touched"));
        }
        Duration age = Duration.between(lastActivity, now);
        String idle = "incomplete (no manifest), last change " + Durations.formatAge(age) + " ago";
        return decision(List.of(isDeleted(now, grace) ? idle + ", longer than --incomplete-grace "
                + Durations.format(grace) : idle + ", within --incomplete-grace " + Durations.format(grace)
                + ": it may still be running"));
    }

    public boolean isDeleted(Instant now, Duration grace) {
        return retired || (namedLikeABackup && lastActivity != null
                && Duration.between(lastActivity, now).compareTo(grace) >= 0);
    }

    private Decision decision(List<String> reasons) {
        return new Decision(backupId, null, null, false, lastActivity, 0, reasons);
    }
}
