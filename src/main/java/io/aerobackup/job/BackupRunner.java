package io.aerobackup.job;

import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.execution.JobWatch;
import io.aerobackup.execution.BadInputException;
import com.aerospike.client.AerospikeClient;
import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.DataFiles;
import io.aerobackup.config.ProductVersion;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.cluster.InfoClient;
import io.aerobackup.config.PartitionRange;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.sink.parquet.ParquetBackupReader;
import io.aerobackup.source.reader.ScanProgress;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Runs a full backup end to end: checks the input before anything is written, captures index and
 * UDF definitions, runs the Flink job, and commits the manifest only after the job succeeded and
 * every data file is committed. A failed run leaves no manifest.
 */
public final class BackupRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRunner.class);

    private BackupRunner() {
    }

    public static BackupResult run(StreamExecutionEnvironment env, BackupSpec spec, ProgressListener listener,
                                   UnaryOperator<DataStream<BackupRecord>> between) throws Exception {
        Instant start = Instant.now();
        Metadata metadata = preflight(spec);
        Catalog catalog = new Catalog(new Path(spec.destination()));
        try {
            catalog.prepareForWriting();
        } catch (Catalog.CatalogException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        String kind = BackupManifest.FULL;
        String parentId = null;
        Long coveredUntil = null;
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
        String backupId = BackupIds.newId(start, kind);
        ScanProgress progress = new ScanProgress(backupId);
        configure(env, spec);
        BackupPipeline.build(env, spec, backupId, progress, between);
        LOG.info("backup {} of namespace {} to {} starting", backupId, spec.scan().namespace(), spec.destination());
        try {
            Instant submitted = Instant.now();
            JobClient job = env.executeAsync("aerobackup backup " + spec.scan().namespace() + " " + backupId);
            JobOutcome outcome = waitFor(job, env, spec, progress, start, listener);
            long jobMillis = outcome.netMillis();
            Instant committing = Instant.now();
            BackupManifest manifest = commit(catalog, spec, backupId, kind, parentId, coveredUntil, metadata, progress, start,
                    expectedRows(outcome, progress));
            Duration total = Duration.between(start, Instant.now());
            LOG.info("backup {} committed: {} records in {} files; checks {} ms, job {} ms (net), commit {} ms",
                    backupId, manifest.recordCount(), manifest.files().size(),
                    Duration.between(start, submitted).toMillis(), jobMillis,
                    Duration.between(committing, Instant.now()).toMillis());
            return new BackupResult(manifest, total, Duration.ofMillis(jobMillis));
        } finally {
            progress.release();
        }
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

    /** Checks hosts, namespace and sets; reads the definitions that go into the manifest. */
    public static Metadata preflight(BackupSpec spec) {
        AerospikeClient client;
        try {
            client = AerospikeClients.create(spec.connection());
        } catch (AerospikeClients.ClusterUnreachableException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        try (client) {
            InfoClient info = new InfoClient(client);
            String namespace = spec.scan().namespace();
            Set<String> namespaces = info.namespaces();
            if (!namespaces.contains(namespace)) {
                throw new BadInputException("namespace '" + namespace + "' not found; the cluster has "
                        + String.join(", ", namespaces));
            }
            Set<String> sets = info.sets(namespace);
            for (String set : spec.scan().sets()) {
                if (!sets.contains(set)) {
                    throw new BadInputException("set '" + set + "' not found in namespace " + namespace
                            + (sets.isEmpty() ? " (it has no sets)" : "; it has " + String.join(", ", sets)));
                }
            }
            return new Metadata(info.secondaryIndexes(namespace), info.udfs());
        }
    }

    private static BackupManifest commit(Catalog catalog, BackupSpec spec, String backupId, String kind,
                                         String parentId, Long coveredUntil, Metadata metadata, ScanProgress progress,
                                         Instant start, Long expectedRows) throws IOException {
        Path dataDir = CatalogPaths.dataDir(catalog.root(), spec.scan().namespace(), backupId);
        List<BackupManifest.DataFile> files = new ArrayList<>();
        long records = 0;
        long bytes = 0;
        // Read-back of each file for its SHA-256: BackupFileWriter.checksum() knows it once the file is
        // written, but Flink's FileSink discards its BulkWriters and its committables carry no extra
        // data. Using it needs the change feed's design here (RoundFileWriter sends the checksum in a
        // FeedElement.WrittenFile to RoundCommitter), i.e. a writer/committer pair instead of FileSink.
        files.addAll(DataFiles.forEach(DataFiles.committed(dataDir), status -> new BackupManifest.DataFile(
                CatalogPaths.DATA + "/" + status.getPath().getName(), ParquetBackupReader.rowCount(status.getPath()),
                status.getLen(), DataFiles.sha256(status.getPath()))));
        for (BackupManifest.DataFile file : files) {
            records += file.records();
            bytes += file.bytes();
        }
        if (expectedRows != null && records != expectedRows) {
            // Committed files were deleted or changed behind the job's back: a manifest now would
            // commit a backup that silently lacks records.
            throw new IOException("the backup's files under " + dataDir + " hold " + records + " rows, but the scan"
                    + " emitted " + expectedRows + ": files were deleted or changed while the backup ran; no manifest"
                    + " was written (run the backup again)");
        }
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT_VERSION, backupId, kind,
                parentId, spec.scan().namespace(), spec.scan().sets(), spec.scan().modifiedAfterMillis(),
                coveredUntil != null ? coveredUntil : spec.scan().modifiedBeforeMillis(),
                spec.scan().partitions().stream().map(PartitionRange::toString).toList(),
                start.toString(), Instant.now().toString(), records, bytes, progress.bytes(), files,
                metadata.indexes(), metadata.udfs(), spec.parquet().codecName(), spec.parquet().level(), null,
                ProductVersion.version(), spec.optionsUsed());
        catalog.commit(manifest);
        return manifest;
    }

    /** Definitions captured before the scan. */
    public record Metadata(List<BackupManifest.SecondaryIndex> indexes, List<BackupManifest.Udf> udfs) {
    }
}
