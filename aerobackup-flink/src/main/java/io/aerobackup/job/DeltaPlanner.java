package io.aerobackup.job;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.BackupVerifier;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.EncryptedBackups;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.job.spec.BackupSpec;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides what an incremental backup scans: its parent in the catalog and everything modified
 * since the parent's covered time T, up to the moment the scan runs (no upper bound, so a write
 * made just before the run is in it). The delta's own covered time is its start minus the
 * clock-skew margin: every write before it is in the chain up to this delta. Consecutive deltas
 * overlap by the margin; the restore keeps the newest version, so the overlap costs no correctness.
 * A full parent covers until its start minus the margin (records changed during its scan may or
 * may not be in it); a delta until its window's end.
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
        BackupManifest p = parent.get();
        checkParentUnchanged(catalog, p, spec.parquet().encryption().keys());
        long from = spec.scan().modifiedAfterMillis() != null ? spec.scan().modifiedAfterMillis()
                : BackupManifest.FULL.equals(p.kind()) ? p.coverageEndMillis() - margin : p.coverageEndMillis();
        Long before = spec.scan().modifiedBeforeMillis();
        long covered = before != null ? before : now.toEpochMilli() - margin;
        if (from >= (before != null ? before : now.toEpochMilli())) {
            throw new BadInputException("the incremental window from " + Instant.ofEpochMilli(from) + " to "
                    + (before != null ? Instant.ofEpochMilli(before) : "now (" + now + ")") + " is empty: the parent "
                    + p.backupId() + " covers until " + Instant.ofEpochMilli(from) + " (check the clocks, or "
                    + "--modified-after/--modified-before)");
        }
        // An explicit --modified-before bounds the scan; otherwise it runs up to the moment it scans.
        return Optional.of(new Plan(p, spec.scan().withModifiedWindow(from, before), covered));
    }

    /**
     * The window starts where the parent's manifest says it ends: a changed manifest would move it.
     * An encrypted parent whose key was given (the same key, or one of several) must pass its HMAC
     * check; with a rotated key the parent's is often not given, and then there is nothing to check with.
     */
    private static void checkParentUnchanged(Catalog catalog, BackupManifest parent, KeyRing keys) throws IOException {
        if (!parent.encrypted() || keys.find(parent.encryptionKeyId()).isEmpty()) {
            return;
        }
        BackupVerifier.Problem problem = EncryptedBackups.check(catalog, parent, keys);
        if (problem != null) {
            throw new BadInputException("cannot take an incremental from backup " + parent.backupId() + ": "
                    + problem.file() + " " + problem.problem() + "; " + problem.action());
        }
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

    /**
     * The parent, the scan limited to the window, and the delta's covered time T (the window end
     * its manifest records): every write before T is in the chain up to this delta.
     */
    record Plan(BackupManifest parent, ScanOptions scan, long coveredUntilMillis) {
    }
}
