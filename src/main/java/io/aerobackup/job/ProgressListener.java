package io.aerobackup.job;

import java.time.Duration;

/** Receives progress about once a second while a job runs in this JVM. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (records, bytes, partitionsDone, partitionsTotal, elapsed) -> { };

    void progress(long records, long bytes, long partitionsDone, int partitionsTotal, Duration elapsed);
}
