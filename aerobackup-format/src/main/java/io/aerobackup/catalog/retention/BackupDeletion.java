package io.aerobackup.catalog.retention;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CatalogPaths;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;

/**
 * Deletes backup folders of one namespace so that a crash at any point leaves every backup either
 * complete or incomplete, never a manifest naming a missing file: first the manifest is renamed to
 * {@value #RETIRED} (the backup is incomplete from then on; {@code list} shows it so), then the
 * data files the manifest listed are deleted, then the folder with whatever is left. A folder holding
 * {@value #RETIRED} is the rest of an interrupted prune, which the next prune finishes at once.
 * Works through Flink's {@link FileSystem}, so object stores work too.
 */
public final class BackupDeletion {
    /** The manifest's name once prune has started deleting the backup. */
    public static final String RETIRED = ".manifest.json.pruning";

    private final FileSystem fs;
    private final Path root;
    private final String namespace;

    public BackupDeletion(Path root, String namespace) throws IOException {
        this.fs = root.getFileSystem();
        this.root = root;
        this.namespace = namespace;
    }

    /** Deletes a committed backup: manifest, data files, folder, in that order. */
    public void deleteCommitted(BackupManifest manifest) throws IOException {
        retireManifest(manifest.backupId());
        deleteDataFiles(manifest);
        deleteFolder(manifest.backupId());
    }

    /** Step 1: the backup stops being committed. Renamed rather than deleted, so a crash after it is recognised. */
    public void retireManifest(String backupId) throws IOException {
        Path manifest = CatalogPaths.manifest(root, namespace, backupId);
        Path retired = new Path(folder(backupId), RETIRED);
        if (!fs.rename(manifest, retired) && fs.exists(manifest)) {
            // A file system that cannot rename: deleting the manifest is as safe, only not recognisable later.
            fs.delete(manifest, false);
        }
        if (fs.exists(manifest)) {
            throw new IOException("cannot remove manifest " + manifest + " (check the catalog's permissions)");
        }
    }

    /** Step 2: the data files the manifest listed. Paths leaving the backup folder are skipped. */
    public void deleteDataFiles(BackupManifest manifest) throws IOException {
        Path dir = folder(manifest.backupId());
        for (BackupManifest.DataFile file : manifest.files()) {
            String relative = file.path();
            if (relative == null || relative.startsWith("/") || relative.contains("..") || relative.contains(":")) {
                continue;
            }
            Path path = new Path(dir, relative);
            if (!fs.delete(path, false) && fs.exists(path)) {
                throw new IOException("cannot delete " + path + " (check the catalog's permissions)");
            }
        }
    }

    /**
     * Deletes a folder that had no manifest when prune looked; false (and nothing deleted) when its
     * backup has committed since, as an old run resumed from a checkpoint may.
     */
    public boolean deleteIncomplete(String backupId) throws IOException {
        if (fs.exists(CatalogPaths.manifest(root, namespace, backupId))) {
            return false;
        }
        deleteFolder(backupId);
        return true;
    }

    /** Step 3: the folder and anything left in it. */
    public void deleteFolder(String backupId) throws IOException {
        Path dir = folder(backupId);
        if (!fs.delete(dir, true) && fs.exists(dir)) {
            throw new IOException("cannot delete " + dir + " (check the catalog's permissions)");
        }
    }

    private Path folder(String backupId) {
        return CatalogPaths.backupDir(root, namespace, backupId);
    }
}
