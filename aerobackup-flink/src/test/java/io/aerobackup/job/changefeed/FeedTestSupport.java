package io.aerobackup.job.changefeed;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Starting change feeds in tests and waiting for what they commit. */
final class FeedTestSupport {
    private FeedTestSupport() {
    }

    static BackupSpec spec(String hosts, String namespace, String set, String destination, int parallelism) {
        return BackupTestSupport.spec(hosts, ScanOptions.builder(namespace).sets(List.of(set)).build(), destination,
                parallelism, Duration.ofMillis(200));
    }

    static ChangeFeedOptions feed(String destination, boolean captureDeletes, FullSnapshotTriggers triggers,
                                  Clock clock) {
        return new ChangeFeedOptions(destination, Duration.ofMillis(300), Duration.ZERO, captureDeletes, triggers,
                clock);
    }

    /** The committed backups of a namespace in chain order (by round start, then id). */
    static List<BackupManifest> committed(String destination, String namespace) throws IOException {
        List<BackupManifest> list = new ArrayList<>();
        for (Catalog.CatalogEntry e : new Catalog(new Path(destination)).list(namespace)) {
            if (e.complete()) {
                list.add(e.manifest());
            }
        }
        list.sort((a, b) -> Long.compare(round(a), round(b)) != 0 ? Long.compare(round(a), round(b))
                : a.startedAt().compareTo(b.startedAt()));
        return list;
    }

    /** Rounds restart at 1 in each job; the start time orders backups of different jobs. */
    private static long round(BackupManifest m) {
        return java.time.Instant.parse(m.startedAt()).toEpochMilli();
    }

    /** Waits (up to 60 s) until the committed backups satisfy {@code done}; returns them. */
    static List<BackupManifest> awaitCommitted(String destination, String namespace,
                                               Predicate<List<BackupManifest>> done, JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<BackupManifest> now = committed(destination, namespace);
            if (done.test(now)) {
                return now;
            }
            if (job != null && job.getJobStatus().get().isTerminalState()) {
                job.getJobExecutionResult().get(); // surfaces the failure
                throw new AssertionError("the change feed ended: " + job.getJobStatus().get());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out; committed so far: " + committed(destination, namespace).stream()
                .map(m -> m.kind() + " " + m.backupId() + " [" + m.windowFromMillis() + "," + m.windowToMillis() + ") "
                        + m.recordCount()).toList());
    }

    /** Waits for a committed delta whose window covers every write made before {@code millis}. */
    static List<BackupManifest> awaitCoverage(String destination, String namespace, long millis, JobClient job)
            throws Exception {
        return awaitCommitted(destination, namespace, list -> list.stream()
                .anyMatch(m -> m.windowToMillis() != null && m.windowToMillis() > millis), job);
    }

    /** Waits until a cancelled job has stopped writing (so its folder can be deleted). */
    static void awaitTerminal(JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!job.getJobStatus().get().isGloballyTerminalState() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    static List<BackupRecord> rows(String destination, BackupManifest manifest) throws IOException {
        return BackupTestSupport.readBackup(new Path(destination), manifest);
    }
}
