package io.aerobackup.catalog;

import io.aerobackup.crypto.KeyRing;
import io.aerobackup.sink.parquet.ParquetBackupReader;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a backup's files are exactly what its manifest committed: present, of the same size
 * and SHA-256, and (with {@code readRows}) readable Parquet with the manifest's row counts. Files
 * are streamed, never held in memory. Damage is reported as {@link Problem}s, not thrown, so one
 * run reports every damaged file; only an unusable file system throws.
 */
public final class BackupVerifier {
    static final String REPLACE = "restore the file from a copy of the backup, or take a new full backup;"
            + " until then this backup (and every delta after it) cannot be restored";
    static final String MANIFEST_WRONG = "the manifest disagrees with its files: do not restore this backup;"
            + " take a new full backup";

    private BackupVerifier() {
    }

    /** Verifies every member of a chain, oldest first. */
    public static List<Problem> verify(Catalog catalog, RestoreChain chain, boolean readRows) throws IOException {
        return verify(catalog, chain, readRows, KeyRing.EMPTY);
    }

    /** Verifies every member of a chain, oldest first, reading encrypted files with {@code keys}. */
    public static List<Problem> verify(Catalog catalog, RestoreChain chain, boolean readRows, KeyRing keys)
            throws IOException {
        List<Problem> problems = new ArrayList<>();
        for (BackupManifest member : chain.members()) {
            problems.addAll(verify(catalog, member, readRows, keys));
        }
        return problems;
    }

    /** Verifies one backup's files against its manifest. */
    public static List<Problem> verify(Catalog catalog, BackupManifest manifest, boolean readRows) throws IOException {
        return verify(catalog, manifest, readRows, KeyRing.EMPTY);
    }

    /**
     * Verifies one backup's files against its manifest, reading encrypted files with {@code keys}.
     * The files of an encrypted backup are opened even without {@code readRows}: their footers
     * (decrypted, GCM tag checked) must match the manifest, which costs a read of each footer only.
     */
    public static List<Problem> verify(Catalog catalog, BackupManifest manifest, boolean readRows, KeyRing keys)
            throws IOException {
        Path dir = CatalogPaths.backupDir(catalog.root(), manifest.namespace(), manifest.backupId());
        String manifestFile = CatalogPaths.manifest(catalog.root(), manifest.namespace(), manifest.backupId()).toString();
        FileSystem fs = dir.getFileSystem();
        List<Problem> problems = new ArrayList<>();
        long listedRecords = 0;
        long listedBytes = 0;
        for (BackupManifest.DataFile file : manifest.files()) {
            listedRecords += file.records();
            listedBytes += file.bytes();
        }
        for (Problem problem : DataFiles.forEach(manifest.files(),
                file -> verifyFile(fs, dir, manifest, file, readRows, keys))) {
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (listedRecords != manifest.recordCount()) {
            problems.add(new Problem(manifest.backupId(), manifestFile, "recordCount is " + manifest.recordCount()
                    + ", but its files hold " + listedRecords + " rows", MANIFEST_WRONG));
        }
        if (listedBytes != manifest.fileBytes()) {
            problems.add(new Problem(manifest.backupId(), manifestFile, "fileBytes is " + manifest.fileBytes()
                    + ", but its files add up to " + listedBytes + " bytes", MANIFEST_WRONG));
        }
        return problems;
    }

    /** The first thing wrong with one file, or null: later checks add nothing once one failed. */
    private static Problem verifyFile(FileSystem fs, Path dir, BackupManifest manifest, BackupManifest.DataFile file,
                                      boolean readRows, KeyRing keys) throws IOException {
        String backupId = manifest.backupId();
        String relative = file.path();
        if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.contains(":")
                || List.of(relative.split("/")).contains("..")) {
            return new Problem(backupId, dir + "/" + relative, "the manifest lists a file outside the backup folder",
                    MANIFEST_WRONG);
        }
        Path path = new Path(dir, relative);
        String name = path.toString();
        if (!fs.exists(path)) {
            return new Problem(backupId, name, "is missing", REPLACE);
        }
        FileStatus status = fs.getFileStatus(path);
        if (status.getLen() != file.bytes()) {
            String how = status.getLen() < file.bytes() ? " (truncated?)" : " (appended to or replaced?)";
            return new Problem(backupId, name, "is " + status.getLen() + " bytes, but the manifest says "
                    + file.bytes() + how, REPLACE);
        }
        String sha;
        try {
            sha = DataFiles.sha256(path);
        } catch (IOException e) {
            return new Problem(backupId, name, "cannot be read: " + e.getMessage(), REPLACE);
        }
        if (!sha.equalsIgnoreCase(String.valueOf(file.sha256()))) {
            return new Problem(backupId, name, "has SHA-256 " + sha + ", but the manifest says " + file.sha256()
                    + " (its bytes changed since the backup)", REPLACE);
        }
        if (readRows) {
            return verifyRows(path, backupId, file, keys);
        }
        return manifest.encrypted() && !keys.isEmpty() ? verifyFooter(path, backupId, file, keys) : null;
    }

    private static Problem verifyFooter(Path path, String backupId, BackupManifest.DataFile file, KeyRing keys) {
        try {
            long rows = ParquetBackupReader.rowCount(path, keys);
            return rows == file.records() ? null : new Problem(backupId, path.toString(), "its footer declares " + rows
                    + " rows, but the manifest says " + file.records(), MANIFEST_WRONG);
        } catch (IOException e) {
            return new Problem(backupId, path.toString(), "does not decode: " + e.getMessage(), REPLACE);
        }
    }

    private static Problem verifyRows(Path path, String backupId, BackupManifest.DataFile file, KeyRing keys) {
        try (ParquetBackupReader reader = ParquetBackupReader.open(path, keys)) {
            if (reader.rowCount() != file.records()) {
                return new Problem(backupId, path.toString(), "its footer declares " + reader.rowCount()
                        + " rows, but the manifest says " + file.records(), MANIFEST_WRONG);
            }
            while (reader.hasNext()) {
                reader.next(); // decoding every row is the check
            }
            return null;
        } catch (IOException e) {
            return new Problem(backupId, path.toString(), "does not decode: " + e.getMessage(), REPLACE);
        }
    }

    /**
     * One thing wrong: which backup, which file (a data file or the manifest), what, and what to do
     * ({@code action} is null when the problem text already says it, as chain errors do).
     */
    public record Problem(String backupId, String file, String problem, String action) {
        @Override
        public String toString() {
            return backupId + ": " + file + " " + problem + (action == null ? "" : "; " + action);
        }
    }
}
