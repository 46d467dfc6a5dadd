package io.aerobackup.compact;

import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.BackupVerifier;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.ChainException;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.catalog.EncryptedBackups;
import io.aerobackup.crypto.EncryptionChecks;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.catalog.RestoreChain;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.execution.JobWatch;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.BackupRecordTypeInfo;
import io.aerobackup.restore.ChainReader;
import io.aerobackup.restore.RestoreRunner;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
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

/**
 * Compacts a chain into a new full backup (a synthetic full) without touching the cluster:
 * resolves the chain (the latest backup, or a given one), checks every file against its manifest,
 * runs a BATCH Flink job that reads the chain with the restore's merge ({@link ChainReader}),
 * leaves out deleted and expired records ({@link LiveRecords}) and writes the rest
 * ({@link CompactFileWriter}); then makes the files visible and commits the manifest last. A
 * failed run leaves an incomplete backup folder (no manifest), never a committed one.
 */
public final class CompactRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CompactRunner.class);

    private CompactRunner() {
    }

    public static CompactResult run(StreamExecutionEnvironment env, CompactSpec spec, ProgressListener listener)
            throws Exception {
        Instant start = Instant.now();
        Catalog catalog = new Catalog(new Path(spec.catalogRoot()));
        RestoreChain chain = resolve(catalog, spec);
        KeyRing keys = EncryptionChecks.readKeys(spec.parquet().encryption());
        List<BackupVerifier.Problem> problems = new ArrayList<>(EncryptedBackups.check(catalog, chain.members(), keys));
        if (!problems.isEmpty()) {
            throw new BadInputException("cannot read the chain of " + chain.target().backupId() + "; nothing was"
                    + " written: " + RestoreRunner.describe(problems));
        }
        problems = BackupVerifier.verify(catalog, chain, false, keys);
        if (!problems.isEmpty()) {
            throw new BadInputException("the chain of " + chain.target().backupId() + " is damaged; nothing was"
                    + " written: " + RestoreRunner.describe(problems));
        }
        String backupId = BackupIds.newId(start, BackupManifest.FULL);
        Path dataDir = CatalogPaths.dataDir(catalog.root(), spec.namespace(), backupId);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        RestartPolicy.applyDefaultIfUnset(env, false);
        if (spec.parallelism() > 0) {
            env.setParallelism(spec.parallelism());
        }
        ChainReader.Read read = ChainReader.newestVersions(env, catalog, chain, spec.parquet().encryption());
        DataStream<BackupRecord> live = read.rows().flatMap(new LiveRecords(start.getEpochSecond()))
                .returns(new BackupRecordTypeInfo()).name("drop-deleted-and-expired");
        live.transform("parquet-full", Types.VOID, new CompactFileWriter(dataDir, spec.parquet(), spec.maxFileBytes()));
        LOG.info("compacting {} ({} members, {} files) of namespace {} into full {}", chain.target().backupId(),
                chain.members().size(), read.files(), spec.namespace(), backupId);
        JobClient job = env.executeAsync("aerobackup compact " + chain.target().backupId() + " into " + backupId);
        JobExecutionResult result = new JobWatch(job, env.getConfiguration(), listener, null, spec.catalogRoot())
                .await(() -> listener.progress(0, 0, 0, 0, Duration.between(start, Instant.now())));
        // Accumulators hold what the final attempt of each task reported: files of failed attempts are not listed.
        List<CompactedFile> reported = result.getAccumulatorResult(CompactFileWriter.FILES);
        List<CompactedFile> files = reported == null ? List.of() : reported; // null: no writer wrote a file
        long expired = counter(result, LiveRecords.EXPIRED);
        long deletes = counter(result, LiveRecords.DELETES);
        publish(dataDir, files);
        BackupManifest manifest = CompactManifest.of(chain, backupId, start, files, spec, expired, deletes);
        manifest = catalog.commit(manifest, spec.parquet().encryption().writeKey());
        LOG.info("compacted full {} committed: {} records in {} files; {} expired dropped, {} deletes applied",
                backupId, manifest.recordCount(), manifest.files().size(), expired, deletes);
        return new CompactResult(chain, manifest, expired, deletes, Duration.between(start, Instant.now()));
    }

    private static RestoreChain resolve(Catalog catalog, CompactSpec spec) throws IOException {
        try {
            return spec.backupId() != null ? ChainResolver.resolve(catalog, spec.namespace(), spec.backupId())
                    : ChainResolver.latest(catalog, spec.namespace());
        } catch (ChainException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** Gives every written file its final name; only then may a manifest list it. */
    private static void publish(Path dataDir, List<CompactedFile> files) throws IOException {
        FileSystem fs = dataDir.getFileSystem();
        for (CompactedFile file : files) {
            Path from = new Path(file.inProgressPath());
            Path to = new Path(dataDir.getParent(), file.finalName());
            if (!fs.rename(from, to)) {
                throw new IOException("cannot rename " + from + " to " + to + " (check the destination's permissions)");
            }
        }
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAccumulatorResult(name);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
