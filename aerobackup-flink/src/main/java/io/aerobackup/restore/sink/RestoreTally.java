package io.aerobackup.restore.sink;

import com.aerospike.client.Record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes of one batch (or of records skipped before sending), counted on the thread that
 * produced them and handed over whole to the writer thread, which applies them to metrics and
 * counters: Flink's counters are not thread-safe. Also carries the first error that must fail the job.
 */
public final class RestoreTally {
    long written;
    long deleted;
    long bytes;
    final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    /** Rows that ended in an error code: ignored ones, and those that fail the job. */
    final Map<Integer, Long> failed = new TreeMap<>();
    private IOException error;
    /** Rows whose filter expression did not match the target record: the sender's caller decides. */
    private List<WriteRow> filteredOut;
    private List<ReadBack> readBacks;

    /** What a written row read back ({@link WriteRow#alsoReading}): the record the write answered with. */
    public record ReadBack(WriteRow row, Record record) {
    }

    void written(WriteRow row, Record answer) {
        if (row.readsBack() && answer != null) {
            if (readBacks == null) {
                readBacks = new ArrayList<>();
            }
            readBacks.add(new ReadBack(row, answer));
        }
        if (row.isDelete()) {
            deleted++;
        } else {
            written++;
            bytes += row.bytes();
        }
    }

    public void skipped(SkipReason reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    void filteredOut(WriteRow row) {
        if (filteredOut == null) {
            filteredOut = new ArrayList<>();
        }
        filteredOut.add(row);
    }

    /** Rows the target answered FILTERED_OUT for (only rows sent with a filter expression). */
    public List<WriteRow> filteredOut() {
        return filteredOut == null ? List.of() : filteredOut;
    }

    /** The answers of written rows that read something back. */
    public List<ReadBack> readBacks() {
        return readBacks == null ? List.of() : readBacks;
    }

    /** Adds {@code other}'s counts and read-backs; keeps the first error of the two. */
    public void add(RestoreTally other) {
        if (!other.readBacks().isEmpty()) {
            if (readBacks == null) {
                readBacks = new ArrayList<>();
            }
            readBacks.addAll(other.readBacks());
        }
        written += other.written;
        deleted += other.deleted;
        bytes += other.bytes;
        other.skipped.forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
        other.failed.forEach((code, n) -> failed.merge(code, n, Long::sum));
        if (other.error != null) {
            error(other.error);
        }
    }

    /** Records written (deletes not counted). */
    public long written() {
        return written;
    }

    public long deleted() {
        return deleted;
    }

    public long skippedFor(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    void failed(int code) {
        failed.merge(code, 1L, Long::sum);
    }

    /** Keeps the first error: it is the one the job reports. */
    public void error(IOException e) {
        if (error == null) {
            error = e;
        }
    }

    public IOException error() {
        return error;
    }

    long rowsSent() {
        return written + deleted;
    }
}
