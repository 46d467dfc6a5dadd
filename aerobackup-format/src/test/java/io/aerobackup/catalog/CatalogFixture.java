package io.aerobackup.catalog;

import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordGenerator;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds catalogs on disk the way a backup run leaves them: Parquet files written through Flink's
 * file system, their sizes and SHA-256 in a manifest committed last. Also used by the CLI tests.
 */
public final class CatalogFixture {
    public static final String NS = "test";
    public static final String FULL = "20260101T000000Z-full-0001";
    public static final String DELTA1 = "20260102T000000Z-delta-0002";
    public static final String DELTA2 = "20260103T000000Z-delta-0003";
    public static final Instant FULL_AT = Instant.parse("2026-01-01T01:00:00Z");
    public static final Instant DELTA1_AT = Instant.parse("2026-01-02T00:00:00Z");
    public static final Instant DELTA2_AT = Instant.parse("2026-01-03T00:00:00Z");

    private final Catalog catalog;
    private final RecordGenerator generator = new RecordGenerator(42);

    public CatalogFixture(java.nio.file.Path dir) throws IOException {
        this.catalog = new Catalog(new Path(dir.toUri()));
        catalog.prepareForWriting();
    }

    public Catalog catalog() {
        return catalog;
    }

    /** A full backup (finished at FULL_AT) and two deltas whose windows end at DELTA1_AT and DELTA2_AT. */
    public void standardChain() throws IOException {
        full(NS, FULL, FULL_AT, 30, 20);
        delta(NS, DELTA1, FULL, FULL_AT, DELTA1_AT, 10);
        delta(NS, DELTA2, DELTA1, DELTA1_AT, DELTA2_AT, 5, 7);
    }

    public BackupManifest full(String ns, String id, Instant finishedAt, int... rowsPerFile) throws IOException {
        return commit(build(ns, id, BackupManifest.FULL, null, null, null, finishedAt, rowsPerFile));
    }

    public BackupManifest delta(String ns, String id, String parentId, Instant from, Instant to, int... rowsPerFile)
            throws IOException {
        return commit(build(ns, id, BackupManifest.DELTA, parentId, from.toEpochMilli(), to.toEpochMilli(),
                to.plusSeconds(300), rowsPerFile));
    }

    /** Writes the data files of a backup and returns its manifest, without committing it. */
    public BackupManifest build(String ns, String id, String kind, String parentId, Long fromMillis, Long toMillis,
                                Instant finishedAt, int... rowsPerFile) throws IOException {
        List<BackupManifest.DataFile> files = new ArrayList<>();
        long records = 0;
        long bytes = 0;
        for (int i = 0; i < rowsPerFile.length; i++) {
            String name = CatalogPaths.DATA + "/part-" + i + ".parquet";
            Path path = new Path(CatalogPaths.backupDir(catalog.root(), ns, id), name);
            writeParquet(path, generator.records(rowsPerFile[i]));
            long size = path.getFileSystem().getFileStatus(path).getLen();
            files.add(new BackupManifest.DataFile(name, rowsPerFile[i], size, DataFiles.sha256(path)));
            records += rowsPerFile[i];
            bytes += size;
        }
        return new BackupManifest(BackupManifest.FORMAT_VERSION, id, kind, parentId, ns, List.of(), fromMillis,
                toMillis, List.of("0-4095"), finishedAt.minusSeconds(60).toString(), finishedAt.toString(), records,
                bytes, bytes, files, List.of(), List.of(), "zstd", 3, null, "test", Map.of());
    }

    /** Commits a backup holding exactly {@code rows} in one file (restore tests build chains with it). */
    public BackupManifest backupOf(String ns, String id, String kind, String parentId, Instant finishedAt,
                                   List<BackupRecord> rows) throws IOException {
        String name = CatalogPaths.DATA + "/part-0.parquet";
        Path path = new Path(CatalogPaths.backupDir(catalog.root(), ns, id), name);
        writeParquet(path, rows);
        long size = path.getFileSystem().getFileStatus(path).getLen();
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT_VERSION, id, kind, parentId, ns, List.of(),
                null, kind.equals(BackupManifest.DELTA) ? finishedAt.toEpochMilli() : null, List.of("0-4095"),
                finishedAt.minusSeconds(60).toString(), finishedAt.toString(), rows.size(), size, size,
                List.of(new BackupManifest.DataFile(name, rows.size(), size, DataFiles.sha256(path))), List.of(),
                List.of(), "zstd", 3, null, "test", Map.of());
        return commit(manifest);
    }

    public BackupManifest commit(BackupManifest manifest) throws IOException {
        catalog.commit(manifest);
        return manifest;
    }

    /** Writes a manifest into any namespace folder, even one that does not match it. */
    public void writeManifest(String folderNamespace, BackupManifest manifest) throws IOException {
        java.nio.file.Path file = local(CatalogPaths.manifest(catalog.root(), folderNamespace, manifest.backupId()));
        Files.createDirectories(file.getParent());
        Files.write(file, ManifestCodec.toJson(manifest));
    }

    /** A backup folder with data but no manifest: a failed or running backup. */
    public void incomplete(String ns, String id) throws IOException {
        build(ns, id, BackupManifest.FULL, null, null, null, Instant.EPOCH, 3);
    }

    public java.nio.file.Path dataFile(String ns, String id, int index) {
        return local(new Path(CatalogPaths.backupDir(catalog.root(), ns, id), CatalogPaths.DATA + "/part-" + index
                + ".parquet"));
    }

    public java.nio.file.Path local(Path path) {
        return java.nio.file.Path.of(path.toUri());
    }

    /** The same manifest with other values, for manifests that lie. */
    public static BackupManifest with(BackupManifest m, String namespace, String parentId, long recordCount,
                                      List<BackupManifest.DataFile> files) {
        return new BackupManifest(m.formatVersion(), m.backupId(), m.kind(), parentId, namespace, m.sets(),
                m.windowFromMillis(), m.windowToMillis(), m.partitions(), m.startedAt(), m.finishedAt(), recordCount,
                m.fileBytes(), m.binBytes(), files, m.secondaryIndexes(), m.udfs(), m.compression(),
                m.compressionLevel(), m.encryptionKeyId(), m.toolVersion(), m.options());
    }

    private static void writeParquet(Path path, List<BackupRecord> records) throws IOException {
        FileSystem fs = path.getFileSystem();
        try (FSDataOutputStream out = fs.create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<BackupRecord> writer = new ParquetBackupWriterFactory().create(out);
            for (BackupRecord record : records) {
                writer.addElement(record);
            }
            writer.flush();
            writer.finish();
        }
    }
}
