package io.aerobackup.catalog.retention;

import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.ChainException;
import org.apache.flink.core.fs.FileSystem;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a retention policy to one namespace of a catalog: reads it, plans ({@link RetentionSelector},
 * {@link IncompleteFolder}) and, unless it is a dry run, deletes in the plan's order with
 * {@link BackupDeletion}. Stops at the first deletion that fails; what was deleted until then is
 * gone cleanly, and running prune again finishes the job.
 */
public final class Pruner {
    private Pruner() {
    }

    /**
     * @param grace  incomplete folders idle at least this long are deleted
     * @param dryRun plan only, delete nothing
     * @param now    the time the grace period is measured to
     */
    public record Request(String namespace, RetentionPolicy policy, Duration grace, boolean dryRun, Instant now) {
        public Request {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(grace, "grace");
            Objects.requireNonNull(now, "now");
        }
    }

    /** The plan, and what was deleted of it (nothing on a dry run). */
    public record Result(RetentionPlan plan, List<String> deletedIds) {
    }

    /**
     * Plans and deletes.
     *
     * @throws ChainException a bad request: no catalog, or no such namespace folder
     * @throws PruneException when a deletion fails; it tells what was deleted before
     */
    public static Result run(Catalog catalog, Request request) throws IOException {
        NamespaceScan scan = read(catalog, request.namespace());
        RetentionPlan plan = plan(request, scan);
        List<String> deleted = new ArrayList<>();
        if (request.dryRun()) {
            return new Result(plan, deleted);
        }
        BackupDeletion deletion = new BackupDeletion(catalog.root(), request.namespace());
        for (Decision d : List.copyOf(plan.deleted())) {
            try {
                if (d.complete()) {
                    deletion.deleteCommitted(scan.manifests().get(d.backupId()));
                } else if (!deletion.deleteIncomplete(d.backupId())) {
                    plan = plan.spare(d.backupId(), "committed while prune ran, not deleted");
                    continue;
                }
            } catch (IOException e) {
                throw new PruneException("deleting backup " + d.backupId() + " of namespace " + request.namespace()
                        + " failed: " + e.getMessage() + "; " + deleted.size() + " of " + plan.deleted().size()
                        + " deletions were done" + (deleted.isEmpty() ? "" : " (" + String.join(", ", deleted) + ")")
                        + ". Every remaining backup is complete or shown as incomplete; run prune again to finish",
                        deleted, e);
            }
            deleted.add(d.backupId());
        }
        return new Result(plan, deleted);
    }

    /** Refuses a folder that is not a catalog: prune never deletes in someone else's folder. */
    private static NamespaceScan read(Catalog catalog, String namespace) throws IOException {
        FileSystem fs = catalog.root().getFileSystem();
        if (fs.exists(catalog.root()) && !fs.exists(CatalogPaths.marker(catalog.root()))) {
            throw new ChainException(ChainException.Reason.NO_CATALOG, catalog.root() + " is not an aerobackup"
                    + " catalog (it has no " + CatalogPaths.MARKER + "); give the folder backups were written to");
        }
        return NamespaceScan.read(catalog, namespace);
    }

    private static RetentionPlan plan(Request request, NamespaceScan scan) {
        Set<String> incompleteIds = new HashSet<>();
        scan.incomplete().forEach(f -> incompleteIds.add(f.backupId()));
        RetentionPlan plan = RetentionSelector.select(scan.candidates(), scan.unreadable(), incompleteIds,
                request.policy());
        List<Decision> deleted = new ArrayList<>();
        List<Decision> left = new ArrayList<>();
        for (IncompleteFolder folder : scan.incomplete()) {
            (folder.isDeleted(request.now(), request.grace()) ? deleted : left)
                    .add(folder.decide(request.now(), request.grace()));
        }
        return plan.with(deleted, left);
    }

    /** A deletion failed midway; the catalog is consistent and a new prune finishes the work. */
    public static final class PruneException extends IOException {
        private final List<String> deleted;

        PruneException(String message, List<String> deleted, Throwable cause) {
            super(message, cause);
            this.deleted = List.copyOf(deleted);
        }

        /** The backups deleted before the failure. */
        public List<String> deleted() {
            return deleted;
        }
    }
}
