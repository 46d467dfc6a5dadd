package io.aerobackup.catalog;

import io.aerobackup.catalog.ChainException.Reason;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves what a restore reads: a full backup alone, or a full backup and its deltas, found by
 * following {@code parentId} links. Only committed backups (with a manifest) take part; every
 * broken link is a {@link ChainException} that names the backup and what is wrong. One instance
 * caches the manifests it read, so resolving many chains reads each manifest once.
 */
public final class ChainResolver {
    /** Long catalogs are cut in messages; the newest ids matter most. */
    private static final int MAX_LISTED = 30;

    private final Catalog catalog;
    private final Map<String, BackupManifest> manifests = new HashMap<>();

    public ChainResolver(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A full id: that snapshot alone; a delta id: its full backup and every delta up to it. */
    public static RestoreChain resolve(Catalog catalog, String namespace, String backupId) throws IOException {
        return new ChainResolver(catalog).chain(namespace, backupId);
    }

    /** The chain of the namespace's newest committed backup. */
    public static RestoreChain latest(Catalog catalog, String namespace) throws IOException {
        return new ChainResolver(catalog).latestChain(namespace);
    }

    /** The chain of the newest committed backup whose point in time is at or before {@code time}. */
    public static RestoreChain atTime(Catalog catalog, String namespace, Instant time) throws IOException {
        return new ChainResolver(catalog).chainAt(namespace, time);
    }

    public RestoreChain chain(String namespace, String backupId) throws IOException {
        BackupManifest member = load(namespace, backupId, null);
        Deque<BackupManifest> members = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        while (true) {
            members.addFirst(member);
            seen.add(member.backupId());
            if (BackupManifest.FULL.equals(member.kind())) {
                return new RestoreChain(namespace, new ArrayList<>(members));
            }
            if (!BackupManifest.DELTA.equals(member.kind())) {
                throw new ChainException(Reason.BAD_MANIFEST, "manifest " + manifestPath(namespace, member.backupId())
                        + " has kind '" + member.kind() + "'; expected 'full' or 'delta'");
            }
            String parent = member.parentId();
            if (parent == null || parent.isBlank()) {
                throw new ChainException(Reason.GAP, "chain gap: delta " + member.backupId() + " of namespace "
                        + namespace + " names no parentId, so no full backup starts its chain;"
                        + " restore a full backup or a complete chain instead");
            }
            if (seen.contains(parent)) {
                throw new ChainException(Reason.CYCLE, "the chain of " + backupId + " loops: "
                        + String.join(" -> ", seen) + " -> " + parent + " (each names the next as its parent)"
                        + "; its manifests were edited or copied wrongly: restore a full backup instead");
            }
            member = load(namespace, parent, member.backupId());
        }
    }

    /** The chain of the committed backup that finished last (ids alone may tie within a second). */
    public RestoreChain latestChain(String namespace) throws IOException {
        List<Folder> folders = folders(namespace);
        java.util.Optional<BackupManifest> latest = catalog.latest(namespace);
        if (latest.isPresent()) {
            return chain(namespace, latest.get().backupId());
        }
        throw noBackups(namespace, folders);
    }

    public RestoreChain chainAt(String namespace, Instant time) throws IOException {
        List<Folder> folders = folders(namespace);
        BackupManifest best = null;
        Instant bestAt = null;
        BackupManifest earliest = null;
        Instant earliestAt = null;
        Map<String, Instant> points = new HashMap<>();
        for (Folder folder : folders) {
            if (!folder.complete()) {
                continue;
            }
            BackupManifest manifest = load(namespace, folder.backupId(), null);
            Instant at = pointInTime(namespace, manifest);
            // A delta's covered time (its start less the skew margin) can fall before its parent
            // full's finish; a chain point is never earlier than its parent's, so the delta still wins.
            Instant parentAt = manifest.parentId() == null ? null : points.get(manifest.parentId());
            if (parentAt != null && parentAt.isAfter(at)) {
                at = parentAt;
            }
            points.put(manifest.backupId(), at);
            // Folders come oldest id first, so on equal times the later-started backup wins.
            if (!at.isAfter(time) && (bestAt == null || !at.isBefore(bestAt))) {
                best = manifest;
                bestAt = at;
            }
            if (earliestAt == null || at.isBefore(earliestAt)) {
                earliest = manifest;
                earliestAt = at;
            }
        }
        if (best != null) {
            return chain(namespace, best.backupId());
        }
        if (earliest == null) {
            throw noBackups(namespace, folders);
        }
        throw new ChainException(Reason.NOTHING_AT_OR_BEFORE, "no backup of namespace " + namespace + " under "
                + catalog.root() + " at or before " + time + "; the earliest is " + earliest.backupId() + " at "
                + earliestAt);
    }

    /** The committed manifest of one backup, checked against its folder. */
    public BackupManifest manifest(String namespace, String backupId) throws IOException {
        return load(namespace, backupId, null);
    }

    /** Backup folders under the root, or of one namespace, ordered by namespace then id (start time). */
    public List<Folder> folders(String namespaceOrNull) throws IOException {
        FileSystem fs = catalog.root().getFileSystem();
        if (!fs.exists(catalog.root())) {
            throw new ChainException(Reason.NO_CATALOG, "catalog root " + catalog.root() + " does not exist;"
                    + " give the folder backups were written to");
        }
        List<String> namespaces = dirNames(fs, catalog.root());
        if (namespaceOrNull != null && !namespaces.contains(namespaceOrNull)) {
            throw new ChainException(Reason.UNKNOWN_NAMESPACE, "no backups of namespace '" + namespaceOrNull
                    + "' under " + catalog.root() + "; " + (namespaces.isEmpty() ? "it holds no backups"
                    : "namespaces there: " + String.join(", ", namespaces)));
        }
        List<Folder> folders = new ArrayList<>();
        for (String namespace : namespaces) {
            if (namespaceOrNull == null || namespaceOrNull.equals(namespace)) {
                for (String id : dirNames(fs, CatalogPaths.namespaceDir(catalog.root(), namespace))) {
                    folders.add(new Folder(namespace, id, fs.exists(manifestPath(namespace, id))));
                }
            }
        }
        return folders;
    }

    /** The namespaces that hold a backup folder with this id (usually one). */
    public List<String> namespacesHolding(String backupId) throws IOException {
        List<String> holding = new ArrayList<>();
        for (Folder folder : folders(null)) {
            if (folder.backupId().equals(backupId)) {
                holding.add(folder.namespace());
            }
        }
        return holding;
    }

    /** Loads a manifest; {@code child} is the delta that names it as parent, null for a requested id. */
    private BackupManifest load(String namespace, String backupId, String child) throws IOException {
        String key = namespace + '/' + backupId;
        BackupManifest cached = manifests.get(key);
        if (cached != null) {
            return cached;
        }
        FileSystem fs = catalog.root().getFileSystem();
        boolean validName = !backupId.isEmpty() && !backupId.contains("/") && !backupId.contains("\\")
                && !backupId.equals(".") && !backupId.equals("..");
        if (!validName || !fs.exists(CatalogPaths.backupDir(catalog.root(), namespace, backupId))) {
            throw missing(namespace, backupId, child);
        }
        Path path = manifestPath(namespace, backupId);
        if (!fs.exists(path)) {
            throw child == null
                    ? new ChainException(Reason.INCOMPLETE, "backup " + backupId + " of namespace " + namespace
                            + " is incomplete: its folder has no manifest (the run failed or is still running),"
                            + " so it cannot be restored")
                    : new ChainException(Reason.GAP, "chain gap: delta " + child + " names parent " + backupId
                            + ", which is incomplete (its folder has no manifest: that run failed); restore"
                            + " a full backup or a complete chain instead");
        }
        BackupManifest manifest;
        try {
            manifest = catalog.readManifest(path);
        } catch (IOException e) {
            throw new ChainException(Reason.BAD_MANIFEST, "cannot read manifest " + path + ": " + e.getMessage(), e);
        }
        if (!namespace.equals(manifest.namespace())) {
            throw new ChainException(Reason.NAMESPACE_MISMATCH, "manifest " + path + " says namespace "
                    + manifest.namespace() + ", expected " + namespace + "; it was moved or copied into the wrong"
                    + " folder: put it back under its namespace");
        }
        if (!backupId.equals(manifest.backupId())) {
            throw new ChainException(Reason.ID_MISMATCH, "manifest " + path + " says backup id "
                    + manifest.backupId() + ", but its folder is " + backupId + "; it was moved or copied");
        }
        manifests.put(key, manifest);
        return manifest;
    }

    private ChainException missing(String namespace, String backupId, String child) throws IOException {
        if (child == null) {
            return new ChainException(Reason.UNKNOWN_BACKUP, "unknown backup '" + backupId + "' in namespace "
                    + namespace + " under " + catalog.root() + "; " + describe(folders(namespace)));
        }
        List<String> elsewhere = namespacesHolding(backupId);
        if (!elsewhere.isEmpty()) {
            return new ChainException(Reason.FOREIGN_PARENT, "delta " + child + " of namespace " + namespace
                    + " names parent " + backupId + ", which is a backup of namespace " + elsewhere.get(0)
                    + "; a chain stays in one namespace: restore a full backup of " + namespace + " instead");
        }
        return new ChainException(Reason.GAP, "chain gap: delta " + child + " names parent " + backupId
                + ", which is not in namespace " + namespace + " under " + catalog.root() + " (deleted?);"
                + " restore a full backup or a complete chain instead");
    }

    private ChainException noBackups(String namespace, List<Folder> folders) {
        return new ChainException(Reason.NO_BACKUPS, "namespace " + namespace + " under " + catalog.root()
                + " has no complete backup" + (folders.isEmpty() ? "" : " (" + folders.size()
                + " incomplete: failed or still running)"));
    }

    private Instant pointInTime(String namespace, BackupManifest manifest) throws ChainException {
        try {
            return RestoreChain.pointInTimeOf(manifest);
        } catch (IllegalArgumentException e) {
            throw new ChainException(Reason.BAD_MANIFEST, "manifest " + manifestPath(namespace, manifest.backupId())
                    + ": " + e.getMessage(), e);
        }
    }

    /** "backups there: a, b (incomplete), c", newest kept when the list is long. */
    private static String describe(List<Folder> folders) {
        if (folders.isEmpty()) {
            return "it has no backups";
        }
        List<String> names = new ArrayList<>();
        for (Folder f : folders.subList(Math.max(0, folders.size() - MAX_LISTED), folders.size())) {
            names.add(f.complete() ? f.backupId() : f.backupId() + " (incomplete)");
        }
        String older = folders.size() > MAX_LISTED ? " and " + (folders.size() - MAX_LISTED) + " older" : "";
        return "backups there: " + String.join(", ", names) + older;
    }

    private Path manifestPath(String namespace, String backupId) {
        return CatalogPaths.manifest(catalog.root(), namespace, backupId);
    }

    private static List<String> dirNames(FileSystem fs, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        FileStatus[] statuses = fs.listStatus(dir);
        for (FileStatus status : statuses == null ? new FileStatus[0] : statuses) {
            String name = status.getPath().getName();
            // Same rule as Catalog.list: hidden and underscore folders are not backups.
            if (status.isDir() && !name.startsWith(".") && !name.startsWith("_")) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /** A backup folder; complete once its manifest exists. */
    public record Folder(String namespace, String backupId, boolean complete) {
    }
}
