package io.aerobackup.catalog.retention;

import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.ChainException;
import io.aerobackup.catalog.ChainResolver;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backup folders of one namespace as retention sees them, read through Flink's file system:
 * committed backups (their manifests), folders whose manifest cannot be read, and incomplete folders
 * with their last activity.
 */
public final class NamespaceScan {
    private final Map<String, BackupManifest> manifests = new LinkedHashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    private final List<IncompleteFolder> incomplete = new ArrayList<>();

    private NamespaceScan() {
    }

    /**
     * @throws ChainException (a bad request) when the root or the namespace folder does not exist
     */
    public static NamespaceScan read(Catalog catalog, String namespace) throws IOException {
        NamespaceScan scan = new NamespaceScan();
        ChainResolver resolver = new ChainResolver(catalog);
        FileSystem fs = catalog.root().getFileSystem();
        for (ChainResolver.Folder folder : resolver.folders(namespace)) {
            String id = folder.backupId();
            if (!folder.complete()) {
                scan.incomplete.add(inspect(fs, CatalogPaths.backupDir(catalog.root(), namespace, id), id));
                continue;
            }
            try {
                BackupManifest manifest = resolver.manifest(namespace, id);
                scan.candidates.add(Candidate.of(manifest));
                scan.manifests.put(id, manifest);
            } catch (ChainException | IllegalArgumentException e) {
                scan.unreadable.put(id, e.getMessage());
            }
        }
        return scan;
    }

    /** When an incomplete folder last changed: its id's start time or the newest modification time in it. */
    private static IncompleteFolder inspect(FileSystem fs, Path dir, String id) throws IOException {
        Instant last = BackupIds.startTime(id).orElse(null);
        boolean retired = false;
        List<FileStatus> statuses = new ArrayList<>();
        statuses.add(fs.getFileStatus(dir));
        for (FileStatus child : list(fs, dir)) {
            statuses.add(child);
            retired |= child.getPath().getName().equals(BackupDeletion.RETIRED);
            if (child.isDir()) {
                statuses.addAll(list(fs, new Path(dir, child.getPath().getName())));
            }
        }
        for (FileStatus status : statuses) {
            // Object stores report 0 for folders: no information.
            if (status.getModificationTime() > 0) {
                Instant modified = Instant.ofEpochMilli(status.getModificationTime());
                last = last == null || modified.isAfter(last) ? modified : last;
            }
        }
        return new IncompleteFolder(id, BackupIds.startTime(id).isPresent(), last, retired);
    }

    private static List<FileStatus> list(FileSystem fs, Path dir) throws IOException {
        FileStatus[] statuses = fs.listStatus(dir);
        return statuses == null ? List.of() : List.of(statuses);
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    /** Committed backups by id. */
    public Map<String, BackupManifest> manifests() {
        return manifests;
    }

    /** Folders with a manifest that cannot be read (or lies about its folder), and why. */
    public Map<String, String> unreadable() {
        return unreadable;
    }

    public List<IncompleteFolder> incomplete() {
        return incomplete;
    }
}
