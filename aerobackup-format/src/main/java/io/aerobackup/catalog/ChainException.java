package io.aerobackup.catalog;

import java.io.IOException;
import java.util.Objects;

/** A restore chain cannot be resolved; the message says which backup, why, and what exists instead. */
public final class ChainException extends IOException {
    /** Why, so a caller can tell bad input (an unknown id) from a damaged catalog (a gap). */
    public enum Reason {
        /** The catalog root does not exist. */
        NO_CATALOG,
        /** The namespace has no folder under the root. */
        UNKNOWN_NAMESPACE,
        /** No backup folder with that id. */
        UNKNOWN_BACKUP,
        /** The namespace has no committed backup at all. */
        NO_BACKUPS,
        /** Every committed backup's point in time is after the requested time. */
        NOTHING_AT_OR_BEFORE,
        /** The backup folder has no manifest: the run failed or is still running. */
        INCOMPLETE,
        /** A delta's parent is missing, incomplete or not named. */
        GAP,
        /** Following parent ids comes back to a backup already in the chain. */
        CYCLE,
        /** A manifest's namespace differs from its folder's (or the requested) namespace. */
        NAMESPACE_MISMATCH,
        /** A manifest's backup id differs from its folder's name. */
        ID_MISMATCH,
        /** A delta names a parent that is a backup of another namespace. */
        FOREIGN_PARENT,
        /** A manifest cannot be read or lacks what a chain needs (kind, times). */
        BAD_MANIFEST
    }

    private final Reason reason;

    public ChainException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ChainException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** True when the request, not the catalog, is wrong: an unknown root, namespace, id or time. */
    public boolean isBadRequest() {
        return switch (reason) {
            case NO_CATALOG, UNKNOWN_NAMESPACE, UNKNOWN_BACKUP, NO_BACKUPS, NOTHING_AT_OR_BEFORE -> true;
            default -> false;
        };
    }
}
