package io.aerobackup.asb;

import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CommittedFile;
import io.aerobackup.catalog.Manifests;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports asbackup .asb files into one new full backup of the catalog. A first pass parses every
 * file and checks it (one source namespace for all records); only then the second pass writes the
 * records into hidden data files, publishes them and commits the manifest last. A failure in the
 * second pass removes the uncommitted backup folder.
 */
public final class AsbImporter {
    private AsbImporter() {
    }

    /** The committed manifest and where the records came from. */
    public record Result(BackupManifest manifest, List<java.nio.file.Path> files, String sourceNamespace) {
    }

    public static Result run(java.nio.file.Path from, String catalogRoot, String namespace, ParquetWriteOptions parquet,
                             long maxFileBytes) throws IOException {
        Instant start = Instant.now();
        List<java.nio.file.Path> files = AsbInput.files(from);
        Definitions checked = new Definitions(null);
        for (java.nio.file.Path file : files) {
            parse(file, checked);
        }
        Catalog catalog = new Catalog(new Path(catalogRoot));
        catalog.prepareForWriting();
        String backupId = BackupIds.newId(start, BackupManifest.FULL);
        Path backupDir = CatalogPaths.backupDir(catalog.root(), namespace, backupId);
        Path dataDir = CatalogPaths.dataDir(catalog.root(), namespace, backupId);
        boolean committed = false;
        try (AsbDataFiles out = new AsbDataFiles(dataDir, parquet, maxFileBytes)) {
            Definitions written = new Definitions(out);
            for (java.nio.file.Path file : files) {
                parse(file, written);
            }
            List<CommittedFile> dataFiles = out.publish();
            BackupManifest manifest = manifest(backupId, namespace, start, dataFiles, written, parquet, from);
            manifest = catalog.commit(manifest, parquet.encryption().writeKey());
            committed = true;
            return new Result(manifest, files, written.sourceNamespace);
        } finally {
            if (!committed) {
                backupDir.getFileSystem().delete(backupDir, true);
            }
        }
    }

    private static void parse(java.nio.file.Path file, Definitions sink) throws IOException {
        try (InputStream in = AsbInput.open(file)) {
            AsbParser.parse(in, file.toString(), sink);
        }
    }

    private static BackupManifest manifest(String backupId, String namespace, Instant start,
                                           List<CommittedFile> files, Definitions d,
                                           ParquetWriteOptions parquet, java.nio.file.Path from) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("importedFrom", from.toAbsolutePath().toString());
        if (d.sourceNamespace != null) {
            options.put("sourceNamespace", d.sourceNamespace);
        }
        options.put("asbVersion", d.version);
        if (d.firstFile != null) {
            options.put("asbFirstFile", d.firstFile);
        }
        options.put("compress", parquet.codecName());
        return Manifests.of(new Manifests.Description(backupId, BackupManifest.FULL, null, namespace, List.of(),
                null, start.toEpochMilli(), List.of("0-4095"), start, d.indexes, d.udfs, parquet.codecName(),
                parquet.level(), options), files, Instant.now());
    }

    /** Collects the definitions, checks the namespaces and hands records to the data files (if any). */
    private static final class Definitions implements AsbListener {
        private final AsbDataFiles out;
        final List<BackupManifest.SecondaryIndex> indexes = new ArrayList<>();
        final List<BackupManifest.Udf> udfs = new ArrayList<>();
        String sourceNamespace;
        String version;
        /** The file with asbackup's first-file flag (the one holding the UDFs and indexes), or null. */
        String firstFile;
        private String file;

        Definitions(AsbDataFiles out) {
            this.out = out;
        }

        @Override
        public void meta(String file, String version, String namespace, boolean firstFile) throws IOException {
            this.file = file;
            this.version = this.version == null ? version : this.version;
            if (firstFile && this.firstFile == null) {
                this.firstFile = java.nio.file.Path.of(file).getFileName().toString();
            }
            if (namespace != null) {
                namespace(namespace, 2);
            }
        }

        private void namespace(String ns, int line) throws IOException {
            if (sourceNamespace == null) {
                sourceNamespace = ns;
            } else if (!sourceNamespace.equals(ns)) {
                throw new AsbFormatException(file, line, "expected namespace '" + sourceNamespace
                        + "' (one namespace per import), found '" + ns + "'");
            }
        }

        @Override
        public void secondaryIndex(String namespace, BackupManifest.SecondaryIndex index) {
            if (!indexes.contains(index)) {
                indexes.add(index);
            }
        }

        @Override
        public void udf(BackupManifest.Udf udf) {
            if (!udfs.contains(udf)) {
                udfs.add(udf);
            }
        }

        @Override
        public void record(String namespace, BackupRecord record, int line) throws IOException {
            if (sourceNamespace == null || !sourceNamespace.equals(namespace)) {
                namespace(namespace, line);
            }
            if (out != null) {
                out.write(record);
            }
        }
    }
}
