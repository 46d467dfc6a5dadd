package io.aerobackup.job;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.config.ScanOptions;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides what an incremental backup scans: its parent in the catalog and the last-update-time
 * window [parent end - margin, now - margin). A full parent ends when it started (records changed
 * during its scan may or may not be in it); a delta ends at its window's end.
 */
final class DeltaPlanner {
    private DeltaPlanner() {
    }

    /** The plan, or empty when a full backup must be taken instead (no parent and --full-if-missing). */
    static Optional<Plan> plan(Catalog catalog, BackupSpec spec, Instant now) throws IOException {
        String namespace = spec.scan().namespace();
        Optional<BackupManifest> parent = spec.incremental().cumulative()
                ? lastFull(catalog, namespace) : catalog.latest(namespace);
        if (parent.isEmpty()) {
            if (spec.incremental().fullIfMissing()) {
                return Optional.empty();
            }
            throw new BadInputException("no committed " + (spec.incremental().cumulative() ? "full " : "")
                    + "backup of namespace " + namespace + " under " + catalog.root()
                    + " to take an incremental from; run a full backup first, or add --full-if-missing");
        }
        long margin = spec.incremental().skewMargin().toMillis();
        Long from = spec.scan().modifiedAfterMillis() != null ? spec.scan().modifiedAfterMillis()
                : parent.get().coverageEndMillis() - margin;
        Long to = spec.scan().modifiedBeforeMillis() != null ? spec.scan().modifiedBeforeMillis()
                : now.toEpochMilli() - margin;
        if (from >= to) {
            throw new BadInputException("the incremental window [" + Instant.ofEpochMilli(from) + ", "
                    + Instant.ofEpochMilli(to) + ") is empty: the parent " + parent.get().backupId()
                    + " is too recent (wait, or lower --clock-skew-margin)");
        }
        return Optional.of(new Plan(parent.get(), spec.scan().withModifiedWindow(from, to)));
    }

    private static Optional<BackupManifest> lastFull(Catalog catalog, String namespace) throws IOException {
        BackupManifest last = null;
        for (Catalog.CatalogEntry entry : catalog.list(namespace)) {
            if (entry.complete() && BackupManifest.FULL.equals(entry.manifest().kind())) {
                last = entry.manifest();
            }
        }
        return Optional.ofNullable(last);
    }

    /** The parent and the scan limited to the window. */
    record Plan(BackupManifest parent, ScanOptions scan) {
    }
}
