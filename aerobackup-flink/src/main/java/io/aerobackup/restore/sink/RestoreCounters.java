package io.aerobackup.restore.sink;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outcome counts of one restore run, readable from the same JVM: the command line's summary when
 * the job runs on a local mini-cluster. The handle is serializable and travels with the sink; the
 * counts live in a JVM-wide registry keyed by run id. On a remote Flink cluster the same figures
 * are in the writer's metrics ({@link RestoreMetrics}); this object then only counts inside each
 * task manager.
 */
public final class RestoreCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Counts> RUNS = new ConcurrentHashMap<>();

    private final String runId;

    public RestoreCounters(String runId) {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("a restore run id must not be blank");
        }
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    private Counts counts() {
        return RUNS.computeIfAbsent(runId, id -> new Counts());
    }

    void add(RestoreTally tally) {
        Counts c = counts();
        c.written.add(tally.written);
        c.deleted.add(tally.deleted);
        c.bytes.add(tally.bytes);
        tally.skipped.forEach((reason, n) -> c.skipped.computeIfAbsent(reason.code(), k -> new LongAdder()).add(n));
        tally.failed.forEach((code, n) -> c.failed.computeIfAbsent(code, k -> new LongAdder()).add(n));
    }

    /** Records written (upserts). */
    public long written() {
        return counts().written.sum();
    }

    /** DELETE rows applied. */
    public long deleted() {
        return counts().deleted.sum();
    }

    /** Bin bytes of the written records. */
    public long bytesWritten() {
        return counts().bytes.sum();
    }

    /** Records not written on purpose, by {@link SkipReason#code()}. */
    public Map<String, Long> skipped() {
        Map<String, Long> out = new TreeMap<>();
        counts().skipped.forEach((reason, n) -> out.put(reason, n.sum()));
        return out;
    }

    public long skipped(SkipReason reason) {
        LongAdder n = counts().skipped.get(reason.code());
        return n == null ? 0 : n.sum();
    }

    /** Rows that ended in an error, by result code: those ignored, and the one that failed the job. */
    public Map<Integer, Long> failed() {
        Map<Integer, Long> out = new TreeMap<>();
        counts().failed.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    /** Forgets the run's counts once the caller has reported them. */
    public void release() {
        RUNS.remove(runId);
    }

    @Override
    public String toString() {
        return "RestoreCounters{" + runId + ": written=" + written() + ", deleted=" + deleted() + ", skipped="
                + skipped() + ", failed=" + failed() + ", bytes=" + bytesWritten() + "}";
    }

    private static final class Counts {
        final LongAdder written = new LongAdder();
        final LongAdder deleted = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
        final Map<Integer, LongAdder> failed = new ConcurrentHashMap<>();
    }
}
