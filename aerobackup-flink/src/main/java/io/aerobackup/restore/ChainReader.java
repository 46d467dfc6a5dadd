package io.aerobackup.restore;

import io.aerobackup.restore.record.RestoreRecordTypeInfo;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.RestoreChain;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.restore.source.BackupFileFormat;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a restore chain as a stream holding each record once, in its newest version over the
 * whole chain (DELETE rows included: they are the newest version of a deleted record). Restore
 * and compaction both read chains through it, so they apply exactly the same merge rules
 * ({@link NewestVersion}). The environment must run in BATCH mode, where the keyed reduce emits
 * one final row per digest.
 */
public final class ChainReader {
    private ChainReader() {
    }

    /** The chain's newest versions, and how many data files are read. */
    public static Read newestVersions(StreamExecutionEnvironment env, Catalog catalog, RestoreChain chain)
            throws IOException {
        return newestVersions(env, catalog, chain, EncryptionOptions.none());
    }

    /**
     * The chain's newest versions, encrypted files read with the keys {@code encryption} names (the
     * readers load them on the task managers; only the names travel with the job).
     */
    public static Read newestVersions(StreamExecutionEnvironment env, Catalog catalog, RestoreChain chain,
                                      EncryptionOptions encryption) throws IOException {
        List<Path> files = new ArrayList<>();
        Map<String, Integer> memberOfFile = new HashMap<>();
        for (int member = 0; member < chain.members().size(); member++) {
            BackupManifest manifest = chain.members().get(member);
            Path dir = CatalogPaths.backupDir(catalog.root(), manifest.namespace(), manifest.backupId());
            for (BackupManifest.DataFile file : manifest.files()) {
                // Qualified, so the names match what the file source reports for each row ("file:/...").
                Path path = new Path(dir, file.path());
                path = path.makeQualified(path.getFileSystem());
                files.add(path);
                memberOfFile.put(path.toString(), member);
            }
        }
        if (files.isEmpty()) {
            // A chain of empty backups (an empty namespace or set): the file source needs at least one path.
            // (Flink's fromData fails on an empty collection, so one number is read and dropped.)
            return new Read(env.fromSequence(0, 0).flatMap(new NoRows()).returns(new RestoreRecordTypeInfo())
                    .name("no-files"), 0);
        }
        DataStream<RestoreRecord> rows = env.fromSource(
                FileSource.forBulkFileFormat(new BackupFileFormat(encryption), files.toArray(new Path[0])).build(),
                WatermarkStrategy.noWatermarks(), "backup-files");
        if (!chain.isSingleSnapshot()) {
            // Each record once: the newest version over the whole chain, deletes included. The key is
            // the digest's bytes as a Latin-1 string: a copy, where hex formatting cost CPU per row.
            rows = rows.keyBy(row -> new String(row.record().digest(), StandardCharsets.ISO_8859_1))
                    .reduce(new NewestVersion(memberOfFile))
                    .name("newest-version");
        }
        return new Read(rows, files.size());
    }

    /** Emits nothing: the rows of a chain without data files. */
    private static final class NoRows implements FlatMapFunction<Long, RestoreRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(Long ignored, Collector<RestoreRecord> out) {
        }
    }

    /** The merged rows and the number of data files they are read from. */
    public record Read(DataStream<RestoreRecord> rows, int files) {
    }
}
