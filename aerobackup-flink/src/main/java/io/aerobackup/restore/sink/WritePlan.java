package io.aerobackup.restore.sink;

import java.util.Objects;

/** What to do with one backup record: send a row, skip it for a reason, or reject it with a result code. */
public final class WritePlan {
    private final WriteRow row;
    private final SkipReason skip;
    private final int rejectCode;
    private final String rejectReason;

    private WritePlan(WriteRow row, SkipReason skip, int rejectCode, String rejectReason) {
        this.row = row;
        this.skip = skip;
        this.rejectCode = rejectCode;
        this.rejectReason = rejectReason;
    }

    static WritePlan send(WriteRow row) {
        return new WritePlan(Objects.requireNonNull(row), null, 0, null);
    }

    static WritePlan skip(SkipReason reason) {
        return new WritePlan(null, Objects.requireNonNull(reason), 0, null);
    }

    /** A record that cannot be written as it is; handled like a row the server refused with {@code code}. */
    static WritePlan reject(int code, String reason) {
        return new WritePlan(null, null, code, reason);
    }

    /** The row to send, or null when skipped or rejected. */
    public WriteRow row() {
        return row;
    }

    /** The skip reason, or null. */
    public SkipReason skipReason() {
        return skip;
    }

    public boolean isRejected() {
        return rejectReason != null;
    }

    public int rejectCode() {
        return rejectCode;
    }

    public String rejectReason() {
        return rejectReason;
    }
}
