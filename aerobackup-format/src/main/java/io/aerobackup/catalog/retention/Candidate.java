package io.aerobackup.catalog.retention;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Compacted;
import io.aerobackup.catalog.RestoreChain;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What retention needs to know of a committed backup.
 *
 * @param pointInTime the backup's own point in time (its covered time {@code windowToMillis}, else its finish)
 * @param finishedAt  when it finished (the next incremental builds on the backup that finished last)
 */
public record Candidate(String backupId, String kind, String parentId, Instant pointInTime, Instant finishedAt,
                        long fileBytes) {

    /**
     * @throws IllegalArgumentException when the manifest has no usable point in time
     */
    public static Candidate of(BackupManifest manifest) {
        Instant pointInTime = RestoreChain.pointInTimeOf(manifest);
        Instant finished = pointInTime;
        if (manifest.finishedAt() != null) {
            try {
                // A compacted full stands for its source's chain point: it "finished" when that did.
                finished = Compacted.finishOrder(manifest);
            } catch (DateTimeParseException e) {
                finished = pointInTime;
            }
        }
        return new Candidate(manifest.backupId(), manifest.kind(), manifest.parentId(), pointInTime, finished,
                manifest.fileBytes());
    }

    public boolean isFull() {
        return BackupManifest.FULL.equals(kind);
    }
}
