package io.aerobackup.restore;

import com.aerospike.client.AerospikeClient;
import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.BackupVerifier;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.ChainException;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.catalog.EncryptedBackups;
import io.aerobackup.catalog.RestoreChain;
import io.aerobackup.crypto.EncryptionChecks;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.execution.JobWatch;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.spec.Preflight;
import io.aerobackup.restore.sink.AerospikeSink;
import io.aerobackup.restore.sink.RestoreCounters;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import io.aerobackup.restore.summary.RestoreSummaries;
import io.aerobackup.restore.summary.RestoreSummary;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs a restore end to end: resolves the chain, checks every file against its manifest before
 * writing anything, restores UDFs and indexes (before the records unless asked otherwise), then
 * runs the Flink job that reads the files, merges a chain to the newest version of each record,
 * and writes them. With {@code validateOnly} it reads every row and writes nothing.
 */
public final class RestoreRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreRunner.class);

    private RestoreRunner() {
    }

    public static RestoreResult run(StreamExecutionEnvironment env, RestoreSpec spec, ProgressListener listener)
            throws Exception {
        Instant start = Instant.now();
        Catalog catalog = new Catalog(new Path(spec.catalogRoot()));
        RestoreChain chain = resolve(catalog, spec);
        check(catalog, chain, spec, spec.validateOnly());
        if (spec.validateOnly()) {
            return new RestoreResult(chain, chain.totalRecords(), 0, 0, Map.of(), Map.of(), 0, 0, 0,
                    Duration.between(start, Instant.now()), true, null);
        }
        try (AerospikeClient client = connect(spec)) {
            checkTarget(client, spec.write().namespace());
            spec = withEditionDefaults(client, spec);
            BackupManifest last = chain.target();
            int udfs = spec.restoreMetadata() ? MetadataRestorer.restoreUdfs(client, last) : 0;
            int indexes = spec.restoreMetadata() && !spec.indexesLast()
                    ? MetadataRestorer.restoreIndexes(client, last, spec.write().namespace(), spec.write()::targetSet) : 0;
            RestoreCounters counters = new RestoreCounters("restore-" + start.toEpochMilli() + "-" + System.nanoTime());
            RestoreSummary.Plan summary = summaryPlan(spec, chain, start);
            try {
                JobClient job = submitJob(env, spec, catalog, chain, counters, summary);
                new JobWatch(job, env.getConfiguration(), listener, spec.connection().hosts(), null).await(
                        () -> listener.progress(counters.written() + counters.deleted(), counters.bytesWritten(), 0,
                                0, Duration.between(start, Instant.now())));
                if (spec.restoreMetadata() && spec.indexesLast()) {
                    indexes = MetadataRestorer.restoreIndexes(client, last, spec.write().namespace(),
                            spec.write()::targetSet);
                }
                return new RestoreResult(chain, chain.totalRecords(), counters.written(), counters.deleted(),
                        counters.skipped(), counters.failed(), counters.bytesWritten(), indexes, udfs,
                        Duration.between(start, Instant.now()), false,
                        RestoreSummaries.path(summary.catalogRoot(), summary.restoreId()).toString());
            } finally {
                counters.release();
            }
        }
    }

    /** The spec with the target edition's write defaults ({@link Preflight#withEditionDefaults}). */
    static RestoreSpec withEditionDefaults(AerospikeClient client, RestoreSpec spec) {
        RestoreWriteOptions write = Preflight.withEditionDefaults(client, spec.write());
        if (write == spec.write()) {
            return spec;
        }
        return new RestoreSpec(spec.connection(), spec.catalogRoot(), spec.sourceNamespace(), spec.backupId(),
                spec.pointInTime(), write, spec.parallelism(), spec.validateOnly(), spec.indexesLast(),
                spec.restoreMetadata(), spec.encryption());
    }

    private static RestoreChain resolve(Catalog catalog, RestoreSpec spec) throws IOException {
        try {
            if (spec.backupId() != null) {
                return ChainResolver.resolve(catalog, spec.sourceNamespace(), spec.backupId());
            }
            if (spec.pointInTime() != null) {
                return ChainResolver.atTime(catalog, spec.sourceNamespace(), spec.pointInTime());
            }
            return ChainResolver.latest(catalog, spec.sourceNamespace());
        } catch (ChainException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static AerospikeClient connect(RestoreSpec spec) {
        return Preflight.connect(spec.connection(), null);
    }

    private static void checkTarget(AerospikeClient client, String namespace) {
        Preflight.checkNamespace(client, namespace, "target namespace");
    }

    /**
     * A restore submitted without waiting ({@code flink run -d}): the same checks, UDFs and indexes
     * before the job; the job writes its summary into the catalog at its end.
     *
     * @param summary where the summary will be
     */
    public record Submitted(JobClient job, String backupId, String restoreId, String summary) {
    }

    /**
     * Before anything is written: every encrypted member's key was given and its manifest HMAC holds,
     * and every file matches its manifest (with {@code readRows}, every row decodes).
     */
    private static void check(Catalog catalog, RestoreChain chain, RestoreSpec spec, boolean readRows)
            throws IOException {
        KeyRing keys;
        try {
            keys = EncryptionChecks.readKeys(spec.encryption());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        List<BackupVerifier.Problem> problems = EncryptedBackups.check(catalog, chain.members(), keys);
        if (!problems.isEmpty()) {
            throw new BadInputException("cannot restore " + chain.target().backupId() + "; nothing was written: "
                    + describe(problems));
        }
        problems = BackupVerifier.verify(catalog, chain, readRows, keys);
        if (!problems.isEmpty()) {
            throw new BadInputException("the backup is damaged; nothing was written: " + describe(problems));
        }
    }

    /** Checks and prepares a restore as {@link #run} does, submits its job and returns at once. */
    public static Submitted submit(StreamExecutionEnvironment env, RestoreSpec spec) throws Exception {
        if (spec.indexesLast() || spec.validateOnly()) {
            throw new BadInputException("--indexes-last and --validate need a run that waits for the job"
                    + " (the indexes are created, or the rows counted, after it); run without -d");
        }
        Instant start = Instant.now();
        Catalog catalog = new Catalog(new Path(spec.catalogRoot()));
        RestoreChain chain = resolve(catalog, spec);
        check(catalog, chain, spec, false);
        try (AerospikeClient client = connect(spec)) {
            checkTarget(client, spec.write().namespace());
            spec = withEditionDefaults(client, spec);
            if (spec.restoreMetadata()) {
                MetadataRestorer.restoreUdfs(client, chain.target());
                MetadataRestorer.restoreIndexes(client, chain.target(), spec.write().namespace(),
                        spec.write()::targetSet);
            }
        }
        RestoreSummary.Plan summary = summaryPlan(spec, chain, start);
        JobClient job = submitJob(env, spec, catalog, chain, null, summary);
        return new Submitted(job, chain.target().backupId(), summary.restoreId(),
                RestoreSummaries.path(summary.catalogRoot(), summary.restoreId()).toString());
    }

    private static RestoreSummary.Plan summaryPlan(RestoreSpec spec, RestoreChain chain, Instant start) {
        return new RestoreSummary.Plan(spec.catalogRoot(), BackupIds.newId(start, "restore"), spec.sourceNamespace(),
                spec.write().namespace(), chain.target().backupId(),
                chain.members().stream().map(BackupManifest::backupId).toList(), chain.totalRecords(),
                filesIn(chain), start.toEpochMilli());
    }

    private static int filesIn(RestoreChain chain) {
        return chain.members().stream().mapToInt(m -> m.files().size()).sum();
    }

    private static JobClient submitJob(StreamExecutionEnvironment env, RestoreSpec spec, Catalog catalog,
                                       RestoreChain chain, RestoreCounters counters, RestoreSummary.Plan summary)
            throws Exception {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        RestartPolicy.applyDefaultIfUnset(env, false);
        if (spec.parallelism() > 0) {
            env.setParallelism(spec.parallelism());
        }
        ChainReader.Read read = ChainReader.newestVersions(env, catalog, chain, spec.encryption());
        // Every file of the chain was verified before the job; the writers report how many.
        read.rows().sinkTo(new AerospikeSink(spec.connection(), spec.write(), counters, filesIn(chain), summary))
                .name("aerospike-writer");
        JobClient job = env.executeAsync("aerobackup restore " + chain.target().backupId() + " into "
                + spec.write().namespace());
        LOG.info("restoring {} ({} members, {} files) into namespace {}; restore {}", chain.target().backupId(),
                chain.members().size(), read.files(), spec.write().namespace(), summary.restoreId());
        return job;
    }

    /** The problems found in a chain, one indented line each (restore and compaction refuse on them). */
    public static String describe(List<BackupVerifier.Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (BackupVerifier.Problem p : problems) {
            text.append("\n  ").append(p.backupId()).append(": ").append(p.file()).append(": ").append(p.problem());
            if (p.action() != null) {
                text.append(" (").append(p.action()).append(')');
            }
        }
        return text.toString();
    }
}
