package io.aerobackup.job;

import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.execution.JobWatch;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.changefeed.ChangeFeedPipeline;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.spec.Preflight;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.Round;
import io.aerobackup.source.reader.ScanProgress;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Runs a full or incremental backup: checks the input before anything is written, plans the one
 * round the backup is (a full, or a delta from {@link DeltaPlanner}, with its id fixed), and runs it
 * as a bounded change-feed job. The job commits the manifest itself at the end of its input, so a
 * detached job commits too; this client only waits, shows progress, and reads the manifest back.
 * A failed run leaves no manifest.
 */
public final class BackupRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private BackupRunner() {
    }

    public static BackupResult run(StreamExecutionEnvironment env, BackupSpec spec, ProgressListener listener,
                                   UnaryOperator<DataStream<FeedElement>> between) throws Exception {
        Instant start = Instant.now();
        Submitted submitted = submit(env, spec, start, between);
        try {
            JobOutcome outcome = waitFor(submitted.job(), env, submitted.spec(), submitted.progress(), start, listener);
            BackupManifest manifest = committedManifest(submitted, expectedRows(outcome, submitted.progress()));
            LOG.info("backup {} committed: {} records in {} files; checks {} ms, job {} ms (net)",
                    manifest.backupId(), manifest.recordCount(), manifest.files().size(),
                    Duration.between(start, submitted.at()).toMillis(), outcome.netMillis());
            return new BackupResult(manifest, Duration.between(start, Instant.now()),
                    Duration.ofMillis(outcome.netMillis()));
        } finally {
            submitted.progress().release();
        }
    }

    /**
     * Checks the input, plans the backup's round and submits its job without waiting for it: the job
     * commits the backup by itself ({@code flink run -d} works the same way).
     */
    public static Submitted submit(StreamExecutionEnvironment env, BackupSpec spec, Instant start,
                                   UnaryOperator<DataStream<FeedElement>> between) throws Exception {
        Preflight.check(spec);
        Catalog catalog = new Catalog(new Path(spec.destination()));
        try {
            catalog.prepareForWriting();
        } catch (Catalog.CatalogException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Planned planned = plan(catalog, spec, start);
        Round round = planned.round();
        ScanProgress progress = new ScanProgress(round.backupId());
        configure(env, planned.spec());
        ChangeFeedPipeline.build(env, planned.spec(), ChangeFeedOptions.oneRound(spec.destination(),
                spec.incremental().skewMargin(), round, Clock.systemUTC()), progress, between);
        LOG.info("backup {} of namespace {} to {} starting", round.backupId(), spec.scan().namespace(),
                spec.destination());
        JobClient job = env.executeAsync("aerobackup backup " + spec.scan().namespace() + " " + round.backupId());
        return new Submitted(job, planned.spec(), round.backupId(), progress, Instant.now());
    }

    /** The backup's round: a full, or a delta of its parent; the spec scans the round's window. */
    private static Planned plan(Catalog catalog, BackupSpec spec, Instant start) throws IOException {
        String kind = BackupManifest.FULL;
        String parentId = null;
        Long coveredUntil = spec.scan().modifiedBeforeMillis();
        if (spec.incremental().enabled()) {
            Optional<DeltaPlanner.Plan> plan = DeltaPlanner.plan(catalog, spec, start);
            if (plan.isPresent()) {
                kind = BackupManifest.DELTA;
                parentId = plan.get().parent().backupId();
                spec = spec.withScan(plan.get().scan());
                coveredUntil = plan.get().coveredUntilMillis();
                LOG.info("incremental of {} since {}: modified from {}, covers every write before {}",
                        spec.scan().namespace(), parentId, Instant.ofEpochMilli(spec.scan().modifiedAfterMillis()),
                        Instant.ofEpochMilli(coveredUntil));
            } else {
                LOG.info("no earlier backup of {}: taking a full backup (--full-if-missing)", spec.scan().namespace());
            }
        }
        try {
            return new Planned(new Round(1, kind, BackupIds.newId(start, kind), parentId,
                    spec.scan().modifiedAfterMillis(), coveredUntil, start.toEpochMilli(), null, null, false), spec);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the incremental window is empty: " + e.getMessage()
                    + " (check the clocks, or --modified-after/--modified-before)", e);
        }
    }

    private record Planned(Round round, BackupSpec spec) {
    }

    /**
     * A submitted backup job.
     *
     * @param spec the spec as planned (an incremental's scan limited to its window)
     * @param at   when it was submitted
     */
    public record Submitted(JobClient job, BackupSpec spec, String backupId, ScanProgress progress, Instant at) {
    }

    private static void configure(StreamExecutionEnvironment env, BackupSpec spec) {
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        RestartPolicy.applyDefaultIfUnset(env, false);
        if (spec.parallelism() > 0) {
            env.setParallelism(spec.parallelism());
        }
        if (!spec.checkpointInterval().isZero()) {
            env.enableCheckpointing(spec.checkpointInterval().toMillis());
        }
    }

    /** Waits for the job, reporting progress and restarts each second. */
    private static JobOutcome waitFor(JobClient job, StreamExecutionEnvironment env, BackupSpec spec,
                                      ScanProgress progress, Instant start, ProgressListener listener)
            throws Exception {
        int partitions = spec.scan().partitionCount();
        JobWatch watch = new JobWatch(job, env.getConfiguration(), listener, spec.connection().hosts(),
                spec.destination());
        long netMillis = watch.await(() -> listener.progress(progress.records(), progress.bytes(),
                progress.partitionsDone(), partitions, Duration.between(start, Instant.now()))).getNetRuntime();
        return new JobOutcome(netMillis, watch.restarts());
    }

    /** The job's net run time and how often it restarted. */
    private record JobOutcome(long netMillis, int restarts) {
    }

    /**
     * The rows the files must hold, when this JVM saw every record the source emitted exactly once:
     * the job ran here and never restarted (a restart emits records again).
     */
    private static Long expectedRows(JobOutcome outcome, ScanProgress progress) {
        return outcome.restarts() == 0 && progress.countsEveryRecordOnce() ? progress.records() : null;
    }

    /**
     * The manifest the job committed. With {@code expectedRows} (every record seen once in this JVM)
     * it must list exactly the rows the scan emitted.
     */
    private static BackupManifest committedManifest(Submitted submitted, Long expectedRows) throws IOException {
        Catalog catalog = new Catalog(new Path(submitted.spec().destination()));
        Path path = CatalogPaths.manifest(catalog.root(), submitted.spec().scan().namespace(), submitted.backupId());
        if (!path.getFileSystem().exists(path)) {
            throw new IOException("the backup job finished, but did not commit backup " + submitted.backupId()
                    + " (no manifest at " + path + "); see the job's log, and run the backup again");
        }
        BackupManifest manifest = catalog.readManifest(path);
        if (expectedRows != null && manifest.recordCount() != expectedRows) {
            throw new IOException("backup " + manifest.backupId() + " was committed with " + manifest.recordCount()
                    + " rows in its files, but the scan emitted " + expectedRows + ": do not rely on it (check it"
                    + " with aerobackup verify, and run the backup again)");
        }
        return manifest;
    }
}
