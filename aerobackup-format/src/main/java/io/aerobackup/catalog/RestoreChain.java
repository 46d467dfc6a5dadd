package io.aerobackup.catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * What a restore reads: a full backup and then its deltas in the order they apply, all of one
 * namespace. Build one with {@link ChainResolver}, which checks the links.
 */
public record RestoreChain(String namespace, List<BackupManifest> members) {

    public RestoreChain {
        Objects.requireNonNull(namespace, "namespace");
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a restore chain has at least its full backup");
        }
        if (!BackupManifest.FULL.equals(members.get(0).kind())) {
            throw new IllegalArgumentException("a restore chain starts with a full backup, not "
                    + members.get(0).kind() + " " + members.get(0).backupId());
        }
    }

    /** The snapshot the chain starts from. */
    public BackupManifest full() {
        return members.get(0);
    }

    /** The deltas on top of the snapshot, oldest first (empty for a snapshot alone). */
    public List<BackupManifest> deltas() {
        return members.subList(1, members.size());
    }

    /** The backup the chain was resolved for: its newest member. */
    public BackupManifest target() {
        return members.get(members.size() - 1);
    }

    /** A snapshot alone streams straight to the writer; a chain with deltas must be merged first. */
    public boolean isSingleSnapshot() {
        return members.size() == 1;
    }

    /** Rows in all members (versions of one record in several members count once each). */
    public long totalRecords() {
        return members.stream().mapToLong(BackupManifest::recordCount).sum();
    }

    /** The time the restored data reflects: the newest member's point in time. */
    public Instant pointInTime() {
        return pointInTimeOf(target());
    }

    /**
     * The time a backup's data reflects: the end of its scan window when it had one, else when it
     * finished; for a compacted full, the point in time of the chain it was compacted from.
     *
     * @throws IllegalArgumentException when the manifest has neither a window end nor a valid finish time
     */
    public static Instant pointInTimeOf(BackupManifest manifest) {
        String compacted = manifest.options() == null ? null : manifest.options().get(Compacted.POINT_IN_TIME);
        if (compacted != null) {
            try {
                return Instant.parse(compacted);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("manifest of " + manifest.backupId() + " has option "
                        + Compacted.POINT_IN_TIME + " '" + compacted + "', which is not a UTC ISO-8601 time", e);
            }
        }
        if (manifest.windowToMillis() != null) {
            return Instant.ofEpochMilli(manifest.windowToMillis());
        }
        if (manifest.finishedAt() == null) {
            throw new IllegalArgumentException("manifest of " + manifest.backupId()
                    + " has neither windowToMillis nor finishedAt");
        }
        try {
            return Instant.parse(manifest.finishedAt());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("manifest of " + manifest.backupId() + " has finishedAt '"
                    + manifest.finishedAt() + "', which is not a UTC ISO-8601 time", e);
        }
    }
}
