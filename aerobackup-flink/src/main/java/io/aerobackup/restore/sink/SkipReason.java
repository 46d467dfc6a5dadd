package io.aerobackup.restore.sink;

/** Why a record was deliberately not written. The code is the name in metrics and summaries. */
public enum SkipReason {
    /** The target holds the same or a newer generation (generation check). */
    GENERATION("generation"),
    /** The target already has the record (create-only mode). */
    EXISTS("exists"),
    /** The record's void-time has passed. */
    EXPIRED("expired"),
    /** Outside the set filter, or no bin left after the bin filter. */
    FILTERED("filtered"),
    /** A DELETE row for a record the target does not have. */
    NOT_FOUND("not-found"),
    /** Replication: the target holds a version newer than the source's (its conflict rule). */
    CONFLICT("conflict");

    private final String code;

    SkipReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
