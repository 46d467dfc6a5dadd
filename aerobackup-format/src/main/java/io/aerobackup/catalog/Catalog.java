package io.aerobackup.catalog;

import io.aerobackup.crypto.EncryptionKey;
import io.aerobackup.crypto.ManifestMac;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The backups under one root, on any Flink file system. A backup exists once its manifest exists;
 * a backup folder without a manifest is an incomplete (failed or running) backup.
 */
public final class Catalog {
    private final Path root;

    public Catalog(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    private FileSystem fs() throws IOException {
        return root.getFileSystem();
    }

    /**
     * Makes sure the root can hold backups: missing (it is created), empty, or already a catalog.
     * A folder holding anything else is refused, so a backup never mixes into unrelated files.
     */
    public void prepareForWriting() throws IOException {
        FileSystem fs = fs();
        Path marker = CatalogPaths.marker(root);
        if (fs.exists(root)) {
            if (!fs.getFileStatus(root).isDir()) {
                throw new CatalogException("destination " + root + " is a file; give a folder (--to)");
            }
            FileStatus[] entries = fs.listStatus(root);
            if (entries != null && entries.length > 0 && !fs.exists(marker)) {
                throw new CatalogException("destination " + root + " is not empty and is not an aerobackup catalog;"
                        + " choose an empty or new folder (--to)");
            }
        }
        if (!fs.exists(marker)) {
            try (FSDataOutputStream out = fs.create(marker, FileSystem.WriteMode.OVERWRITE)) {
                out.write(("{\"catalog\":\"aerobackup\",\"layoutVersion\":1}\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CatalogException("cannot write to destination " + root + ": " + e.getMessage()
                        + " (check the path and its permissions)", e);
            }
        }
    }

    /**
     * Writes the manifest that commits a backup; refuses to replace an existing one. The manifest
     * is written under a hidden name and then renamed, so a reader (a restore, {@code list}, the
     * change feed's own follower) never sees a half-written one.
     */
    public void commit(BackupManifest manifest) throws IOException {
        commit(manifest, null);
    }


    /**
     * {@link #commit(BackupManifest)}, for a backup whose files are encrypted with {@code key} when it
     * is not null: the manifest then records the key's id (format 2) and carries an HMAC made with
     * the key's manifest key ({@link ManifestMac}). Returns the manifest as written.
     */
    public BackupManifest commit(BackupManifest manifest, EncryptionKey key) throws IOException {
        byte[] json;
        if (key == null) {
            json = ManifestCodec.toJson(manifest);
        } else {
            manifest = manifest.encryptedWith(key.id(), ManifestMac.PLACEHOLDER);
            json = ManifestMac.sign(ManifestCodec.toJson(manifest), key);
        }
        Path path = CatalogPaths.manifest(root, manifest.namespace(), manifest.backupId());
        Path hidden = new Path(path.getParent(), "." + CatalogPaths.MANIFEST + ".writing");
        FileSystem fs = fs();
        if (fs.exists(path)) {
            throw new IOException("backup " + manifest.backupId() + " is already committed (" + path + ")");
        }
        try (FSDataOutputStream out = fs.create(hidden, FileSystem.WriteMode.OVERWRITE)) {
            out.write(json);
        }
        if (!fs.rename(hidden, path)) {
            throw new IOException("cannot rename " + hidden + " to " + path + " to commit backup "
                    + manifest.backupId() + " (check the destination's permissions)");
        }
        return manifest;
    }

    /** Every backup folder under the root (or of one namespace when given), oldest first. */
    public List<CatalogEntry> list(String namespaceOrNull) throws IOException {
        FileSystem fs = fs();
        List<CatalogEntry> entries = new ArrayList<>();
        if (!fs.exists(root)) {
            return entries;
        }
        for (FileStatus ns : listDirs(fs, root)) {
            String namespace = ns.getPath().getName();
            if (namespaceOrNull != null && !namespaceOrNull.equals(namespace)) {
                continue;
            }
            for (FileStatus backup : listDirs(fs, ns.getPath())) {
                Path manifestPath = new Path(backup.getPath(), CatalogPaths.MANIFEST);
                BackupManifest manifest = fs.exists(manifestPath) ? readManifest(manifestPath) : null;
                entries.add(new CatalogEntry(namespace, backup.getPath().getName(), manifest));
            }
        }
        entries.sort(Comparator.comparing(CatalogEntry::backupId));
        return entries;
    }

    /**
     * The committed backup of a namespace that finished last. A compacted full counts as finished
     * when the backup it was compacted from did ({@link Compacted#finishOrder}); on that tie its newer
     * id wins, so the latest chain point is read as one full instead of the chain.
     */
    public Optional<BackupManifest> latest(String namespace) throws IOException {
        return list(namespace).stream().filter(CatalogEntry::complete).map(CatalogEntry::manifest)
                .max(Comparator.comparing(Compacted::finishOrder).thenComparing(BackupManifest::backupId));
    }

    public BackupManifest readManifest(Path path) throws IOException {
        return ManifestCodec.fromJson(readBytes(path), path.toString());
    }

    /** The manifest file's bytes as stored (its HMAC covers exactly these). */
    public byte[] readBytes(Path path) throws IOException {
        try (FSDataInputStream in = fs().open(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        }
    }

    private static List<FileStatus> listDirs(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> dirs = new ArrayList<>();
        FileStatus[] statuses = fs.listStatus(dir);
        if (statuses == null) {
            return dirs;
        }
        for (FileStatus status : statuses) {
            String name = status.getPath().getName();
            if (status.isDir() && !name.startsWith(".") && !name.startsWith("_")) {
                dirs.add(status);
            }
        }
        return dirs;
    }

    /** A backup folder, with its manifest when the backup was committed. */
    public record CatalogEntry(String namespace, String backupId, BackupManifest manifest) {
        public boolean complete() {
            return manifest != null;
        }
    }

    /** The destination cannot hold backups; the message says why and what to do. */
    public static final class CatalogException extends IOException {
        public CatalogException(String message) {
            super(message);
        }

        public CatalogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
