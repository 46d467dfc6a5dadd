package io.aerobackup.asb;

import com.github.luben.zstd.ZstdOutputStream;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.RestoreChain;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.sink.parquet.ParquetBackupReader;
import org.apache.flink.core.fs.Path;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a chain point of the catalog as one .asb file asrestore can load: the UDFs and secondary
 * indexes of the chain's target, then each record once, in its newest version (a later chain member
 * wins; within a member a DELETE, then the higher generation), deleted records left out. A full-only
 * chain is streamed; a chain with deltas is merged in memory. The file is written under a hidden
 * name and renamed when complete.
 */
public final class AsbExporter {
    private AsbExporter() {
    }

    public record Result(java.nio.file.Path file, long records, int indexes, int indexesSkipped, int udfs) {
    }

    public static Result run(Catalog catalog, RestoreChain chain, java.nio.file.Path dir, boolean zstd)
            throws IOException {
        return run(catalog, chain, dir, zstd, KeyRing.EMPTY);
    }

    /** Exports a chain whose encrypted members are read with {@code keys} (the .asb file is in clear). */
    public static Result run(Catalog catalog, RestoreChain chain, java.nio.file.Path dir, boolean zstd, KeyRing keys)
            throws IOException {
        Files.createDirectories(dir);
        String namespace = chain.namespace();
        java.nio.file.Path target = dir.resolve(namespace + "_00000.asb");
        if (Files.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target + " exists; export into an empty folder");
        }
        java.nio.file.Path hidden = dir.resolve("." + target.getFileName() + ".inprogress");
        BackupManifest point = chain.target();
        int indexes = 0;
        int skipped = 0;
        long records = 0;
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(hidden), 1 << 16);
                 OutputStream out = zstd ? new ZstdOutputStream(file) : file) {
                AsbWriter writer = new AsbWriter(out);
                writer.header(namespace, true);
                for (BackupManifest.Udf udf : point.udfs()) {
                    writer.udf(udf);
                }
                for (BackupManifest.SecondaryIndex index : point.secondaryIndexes()) {
                    if (writer.secondaryIndex(namespace, index)) {
                        indexes++;
                    } else {
                        skipped++;
                    }
                }
                records = chain.deltas().isEmpty() ? streamFull(catalog, chain.full(), writer, namespace, keys)
                        : writeMerged(catalog, chain, writer, namespace, keys);
            }
            Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(hidden);
        }
        return new Result(target, records, indexes, skipped, point.udfs().size());
    }

    private static long streamFull(Catalog catalog, BackupManifest full, AsbWriter writer, String namespace,
                                   KeyRing keys) throws IOException {
        long n = 0;
        Path dir = CatalogPaths.backupDir(catalog.root(), full.namespace(), full.backupId());
        for (BackupManifest.DataFile file : full.files()) {
            try (ParquetBackupReader reader = ParquetBackupReader.open(new Path(dir, file.path()), keys)) {
                while (reader.hasNext()) {
                    BackupRecord record = reader.next();
                    if (record.operation() == RecordOperation.UPSERT) {
                        writer.record(namespace, record);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static long writeMerged(Catalog catalog, RestoreChain chain, AsbWriter writer, String namespace,
                                    KeyRing keys) throws IOException {
        Map<String, BackupRecord> newest = new LinkedHashMap<>();
        for (BackupManifest member : chain.members()) {
            Map<String, BackupRecord> ofMember = new LinkedHashMap<>();
            Path dir = CatalogPaths.backupDir(catalog.root(), member.namespace(), member.backupId());
            for (BackupManifest.DataFile file : member.files()) {
                try (ParquetBackupReader reader = ParquetBackupReader.open(new Path(dir, file.path()), keys)) {
                    while (reader.hasNext()) {
                        BackupRecord r = reader.next();
                        ofMember.merge(r.digestHex(), r, AsbExporter::newerWithinMember);
                    }
                }
            }
            newest.putAll(ofMember);
        }
        long n = 0;
        for (BackupRecord record : newest.values()) {
            if (record.operation() == RecordOperation.UPSERT) {
                writer.record(namespace, record);
                n++;
            }
        }
        return n;
    }

    /** As the restore merges one chain member: a DELETE wins (the delete sweep runs last), else the higher generation. */
    private static BackupRecord newerWithinMember(BackupRecord a, BackupRecord b) {
        boolean deleteA = a.operation() == RecordOperation.DELETE;
        boolean deleteB = b.operation() == RecordOperation.DELETE;
        if (deleteA != deleteB) {
            return deleteA ? a : b;
        }
        return b.generation() > a.generation() ? b : a;
    }
}
