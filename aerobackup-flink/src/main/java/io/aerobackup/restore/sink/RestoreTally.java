package io.aerobackup.restore.sink;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes of one batch (or of records skipped before sending), counted on the thread that
 * produced them and handed over whole to the writer thread, which applies them to metrics and
 * counters: Flink's counters are not thread-safe. Also carries the first error that must fail the job.
 */
final class RestoreTally {
    long written;
    long deleted;
    long bytes;
    final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    /** Rows that ended in an error code: ignored ones, and those that fail the job. */
    final Map<Integer, Long> failed = new TreeMap<>();
    private IOException error;

    void written(WriteRow row) {
        if (row.isDelete()) {
            deleted++;
        } else {
            written++;
            bytes += row.bytes();
        }
    }

    void skipped(SkipReason reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    void failed(int code) {
        failed.merge(code, 1L, Long::sum);
    }

    /** Keeps the first error: it is the one the job reports. */
    void error(IOException e) {
        if (error == null) {
            error = e;
        }
    }

    IOException error() {
        return error;
    }

    long rowsSent() {
        return written + deleted;
    }
}
