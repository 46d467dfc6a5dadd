package io.aerobackup.catalog.retention;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of retention for one namespace.
 *
 * @param kept      committed backups that stay, newest first
 * @param deleted   folders to delete, in a crash-safe order: every delta before the backup it builds on,
 *                  then incomplete folders
 * @param leftAlone folders prune does not touch: unreadable manifests, chains it cannot follow, incomplete
 *                  backups younger than the grace period (they may still be running)
 */
public record RetentionPlan(List<Decision> kept, List<Decision> deleted, List<Decision> leftAlone) {

    public RetentionPlan {
        kept = List.copyOf(kept);
        deleted = List.copyOf(deleted);
        leftAlone = List.copyOf(leftAlone);
    }

    /** The same plan with incomplete folders added: deletions after the committed ones. */
    public RetentionPlan with(List<Decision> moreDeleted, List<Decision> moreLeftAlone) {
        List<Decision> d = new ArrayList<>(deleted);
        d.addAll(moreDeleted);
        List<Decision> l = new ArrayList<>(leftAlone);
        l.addAll(moreLeftAlone);
        return new RetentionPlan(kept, d, l);
    }

    /** The same plan with one planned deletion moved to the folders left alone, with a reason. */
    public RetentionPlan spare(String backupId, String reason) {
        List<Decision> d = new ArrayList<>();
        List<Decision> l = new ArrayList<>(leftAlone);
        for (Decision decision : deleted) {
            if (decision.backupId().equals(backupId)) {
                l.add(new Decision(backupId, decision.kind(), decision.parentId(), decision.complete(),
                        decision.pointInTime(), decision.fileBytes(), List.of(reason)));
            } else {
                d.add(decision);
            }
        }
        return new RetentionPlan(kept, d, l);
    }

    public long deletedBytes() {
        return deleted.stream().mapToLong(Decision::fileBytes).sum();
    }
}
