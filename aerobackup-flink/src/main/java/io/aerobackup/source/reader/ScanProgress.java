package io.aerobackup.source.reader;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Progress of one scan run, readable from the same JVM: the command line's progress line when a
 * job runs on a local mini-cluster. On a remote Flink cluster the same figures are in the
 * reader's metrics; this object then only counts inside each task manager.
 */
public final class ScanProgress implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Counters> RUNS = new ConcurrentHashMap<>();

    private final String runId;
    /** This instance's counters, looked up once: a map lookup per record showed in profiles. */
    private transient Counters counters;

    public ScanProgress(String runId) {
        this.runId = runId;
    }

    private Counters counters() {
        Counters c = counters;
        if (c == null) {
            c = RUNS.computeIfAbsent(runId, id -> new Counters());
            counters = c;
        }
        return c;
    }

    public void recordsRead(int records, long bytes) {
        Counters c = counters();
        c.records.add(records);
        c.bytes.add(bytes);
    }

    public void partitionsDone(int count) {
        counters().partitions.add(count);
    }

    /** A source reader of this run was created (once per subtask, again after each restart). */
    public void readerCreated(int parallelism) {
        Counters c = counters();
        c.readers.increment();
        c.parallelism = parallelism;
    }

    /**
     * Whether this JVM saw every reader of the run and each exactly once: then {@link #records()} is
     * exactly what the job emitted, once each (a restart emits records again, a remote cluster's
     * readers count elsewhere).
     */
    public boolean countsEveryRecordOnce() {
        Counters c = counters();
        return c.parallelism > 0 && c.readers.sum() == c.parallelism;
    }

    public long records() {
        return counters().records.sum();
    }

    public long bytes() {
        return counters().bytes.sum();
    }

    public long partitionsDone() {
        return counters().partitions.sum();
    }

    /** Forgets the run's counters once the caller has reported them. */
    public void release() {
        RUNS.remove(runId);
    }

    private static final class Counters {
        final LongAdder records = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder partitions = new LongAdder();
        final LongAdder readers = new LongAdder();
        volatile int parallelism;
    }
}
