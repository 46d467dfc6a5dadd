package io.aerobackup.restore.summary;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a restore as its job's final step writes it into the catalog:
 * {@code <root>/_restores/<restoreId>.json} (see docs/FORMAT.md, "Restore summaries"). Field order is
 * the JSON's. Counts are of the job's last attempt of each writer: after a restart, records an
 * earlier attempt wrote count as skipped (generation or exists) when written again.
 *
 * @param outcome         {@link #SUCCEEDED}, or {@link #SUCCEEDED_WITH_IGNORED_ERRORS} when rows failed with a
 *                        result code the run was told to ignore; a failed job writes no summary
 * @param sourceBackupIds the chain that was read, full backup first
 * @param rowsInBackup    rows of all members of the chain (a record in several members counts once each)
 * @param recordsFailed   rows per result code
 */
public record RestoreSummary(
        int formatVersion,
        String restoreId,
        String outcome,
        String flinkJobId,
        String sourceNamespace,
        String targetNamespace,
        String backupId,
        List<String> sourceBackupIds,
        String startedAt,
        String finishedAt,
        long rowsInBackup,
        int filesVerified,
        long recordsWritten,
        long recordsDeleted,
        Map<String, Long> recordsSkipped,
        Map<Integer, Long> recordsFailed,
        long binBytesWritten) {
    public static final int FORMAT_VERSION = 1;
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String SUCCEEDED_WITH_IGNORED_ERRORS = "SUCCEEDED_WITH_IGNORED_ERRORS";

    /** The summary of a finished job: the plan made before it, and what its writers reported. */
    public static RestoreSummary of(Plan plan, String flinkJobId, Instant finishedAt, WriterOutcome outcome) {
        return new RestoreSummary(FORMAT_VERSION, plan.restoreId(),
                outcome.failed().isEmpty() ? SUCCEEDED : SUCCEEDED_WITH_IGNORED_ERRORS, flinkJobId,
                plan.sourceNamespace(), plan.targetNamespace(), plan.backupId(), plan.sourceBackupIds(),
                Instant.ofEpochMilli(plan.startedAtMillis()).toString(), finishedAt.toString(), plan.rowsInBackup(),
                plan.filesVerified(), outcome.written(), outcome.deleted(), outcome.skipped(), outcome.failed(),
                outcome.binBytes());
    }

    /**
     * What is known of a restore before its job runs; travels with the job to its final step.
     *
     * @param catalogRoot the catalog the chain is read from, where the summary is written
     */
    public record Plan(String catalogRoot, String restoreId, String sourceNamespace, String targetNamespace,
                       String backupId, List<String> sourceBackupIds, long rowsInBackup, int filesVerified,
                       long startedAtMillis) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Plan {
            sourceBackupIds = List.copyOf(sourceBackupIds);
        }
    }
}
