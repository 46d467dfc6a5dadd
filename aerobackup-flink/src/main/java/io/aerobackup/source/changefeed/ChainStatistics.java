package io.aerobackup.source.changefeed;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The part of {@link TriggerInputs} the catalog knows: the namespace's last full backup (the
 * committed full that started last) and the committed deltas whose parent links lead to it.
 *
 * <p>Only committed backups count: a running or failed one has no manifest. A manifest that cannot
 * be read is skipped with a warning rather than failing the job; if it was the newest full, the
 * statistics measure from an older full, which can only make a full snapshot more likely.
 * Every manifest of the namespace is read, so the job computes this after a backup commits, not at
 * every check.
 *
 * @param lastFullId               the last full's backup id, or null when there is none
 * @param lastFullStart            when it started, or null
 */
public record ChainStatistics(String namespace, String lastFullId, Instant lastFullStart, long recordsInLastFull,
                              int deltasSinceFull, long recordsInDeltasSinceFull) {
    private static final Logger LOG = LoggerFactory.getLogger(ChainStatistics.class);

    /** A namespace without a full backup. */
    public static ChainStatistics none(String namespace) {
        return new ChainStatistics(namespace, null, null, 0, 0, 0);
    }

    public static ChainStatistics of(Catalog catalog, String namespace) throws IOException {
        Map<String, BackupManifest> committed = readCommitted(catalog, namespace);
        Optional<BackupManifest> last = committed.values().stream()
                .filter(m -> BackupManifest.FULL.equals(m.kind()) && startOf(m) != null)
                .max(Comparator.comparing(ChainStatistics::startOf).thenComparing(BackupManifest::backupId));
        if (last.isEmpty()) {
            return none(namespace);
        }
        BackupManifest full = last.get();
        int deltas = 0;
        long records = 0;
        Map<String, Boolean> leadsToFull = new HashMap<>();
        for (BackupManifest m : committed.values()) {
            if (BackupManifest.DELTA.equals(m.kind()) && leadsTo(m, full.backupId(), committed, leadsToFull)) {
                deltas++;
                records += m.recordCount();
            }
        }
        return new ChainStatistics(namespace, full.backupId(), startOf(full), full.recordCount(), deltas, records);
    }

    /** The inputs of one evaluation: these statistics plus what the job observes at {@code now}. */
    public TriggerInputs inputs(Instant now, OptionalInt usedSpacePercent, Optional<ManualRequest> manualRequest,
                                TriggerState spaceState) {
        return new TriggerInputs(now, lastFullStart, deltasSinceFull, recordsInDeltasSinceFull, recordsInLastFull,
                usedSpacePercent, manualRequest, spaceState);
    }

    /**
     * Whether a delta's parent links reach {@code fullId}. Deltas of an older full, and broken or
     * looping chains (restore reports those), do not. Answers are memoized: a chain is walked once.
     */
    private static boolean leadsTo(BackupManifest delta, String fullId, Map<String, BackupManifest> committed,
                                   Map<String, Boolean> memo) {
        Set<String> path = new HashSet<>();
        BackupManifest m = delta;
        boolean result = false;
        while (m != null && BackupManifest.DELTA.equals(m.kind()) && path.add(m.backupId())) {
            Boolean known = memo.get(m.backupId());
            if (known != null) {
                result = known;
                break;
            }
            String parent = m.parentId();
            if (fullId.equals(parent)) {
                result = true;
                break;
            }
            m = parent == null ? null : committed.get(parent);
        }
        for (String id : path) {
            memo.put(id, result);
        }
        return result;
    }

    /** The manifest's start; its finish when the start is missing or unreadable; null when neither parses. */
    private static Instant startOf(BackupManifest m) {
        for (String time : new String[] {m.startedAt(), m.finishedAt()}) {
            if (time != null) {
                try {
                    return Instant.parse(time);
                } catch (DateTimeParseException e) {
                    // try the next one
                }
            }
        }
        return null;
    }

    private static Map<String, BackupManifest> readCommitted(Catalog catalog, String namespace) throws IOException {
        Map<String, BackupManifest> committed = new HashMap<>();
        Path dir = CatalogPaths.namespaceDir(catalog.root(), namespace);
        FileSystem fs = dir.getFileSystem();
        if (!fs.exists(dir)) {
            return committed;
        }
        FileStatus[] statuses = fs.listStatus(dir);
        for (FileStatus status : statuses == null ? new FileStatus[0] : statuses) {
            String id = status.getPath().getName();
            // Same rule as Catalog.list: hidden and underscore folders (such as _triggers) are not backups.
            if (!status.isDir() || id.startsWith(".") || id.startsWith("_")) {
                continue;
            }
            Path manifestPath = CatalogPaths.manifest(catalog.root(), namespace, id);
            if (!fs.exists(manifestPath)) {
                continue;
            }
            try {
                BackupManifest m = catalog.readManifest(manifestPath);
                if (namespace.equals(m.namespace()) && id.equals(m.backupId())) {
                    committed.put(id, m);
                } else {
                    LOG.warn("Ignoring manifest {}: it names {}/{} (moved or copied?)", manifestPath,
                            m.namespace(), m.backupId());
                }
            } catch (IOException e) {
                LOG.warn("Ignoring unreadable manifest {} when counting the chain since the last full: {}",
                        manifestPath, e.getMessage());
            }
        }
        return committed;
    }
}
