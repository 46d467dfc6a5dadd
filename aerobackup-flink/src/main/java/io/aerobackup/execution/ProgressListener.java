package io.aerobackup.execution;

import java.time.Duration;

/** Receives progress about once a second while a job runs in this JVM. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (records, bytes, partitionsDone, partitionsTotal, elapsed) -> { };

    void progress(long records, long bytes, long partitionsDone, int partitionsTotal, Duration elapsed);

    /**
     * The job failed and Flink restarts it: {@code restart} of {@code maxRestarts} (-1 when the
     * restart strategy limits a rate, not a count), with the failure's one-line cause.
     */
    default void restarting(int restart, int maxRestarts, String cause) {
    }
}
