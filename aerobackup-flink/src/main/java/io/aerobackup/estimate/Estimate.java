package io.aerobackup.estimate;

import java.time.Duration;

/**
 * Everything {@code aerobackup estimate} measured, and where each figure came from.
 *
 * @param changePerDay      fraction of the records updated per day
 * @param changeSource      how the change rate was found (measured against a backup, given, assumed)
 * @param changedSince      records updated since the catalog's latest backup, -1 when not counted
 * @param restoreSource     how a restore's B was found (write test or ratio)
 * @param scratchSet        the write test's set, null without one
 * @param pastBackup        a full backup of this namespace in the catalog (--to) whose own run gives B, or null
 * @param probe             one thread's scan and write of whole partitions, null when a past backup gives B
 * @param parallelism       the subtasks of a backup or restore that run at once (see {@link JobThroughput#parallelism})
 */
public record Estimate(EstimateRequest request, ClusterStatistics statistics, Sample sample, double changePerDay,
                       String changeSource, long changedSince, double restoreRecordsPerSecond, String restoreSource,
                       String scratchSet, PastBackup pastBackup, ScanProbe.Result probe, int parallelism) {

    /** A committed full backup's records and run time: B as the backup job really achieved it here. */
    public record PastBackup(String backupId, long records, Duration elapsed) {
        public double recordsPerSecond() {
            return records / Math.max(0.001, elapsed.toMillis() / 1000.0);
        }
    }

    /**
     * B of a backup, records per second: what the catalog's last full backup achieved when there is
     * one, else the probe's per-record cost scaled to the job ({@link JobThroughput}); 1 when nothing
     * could be read (an empty namespace).
     */
    public double backupRecordsPerSecond() {
        return backupRecordsPerSecond(pastBackup, probe, parallelism);
    }

    static double backupRecordsPerSecond(PastBackup pastBackup, ScanProbe.Result probe, int parallelism) {
        if (pastBackup != null) {
            return pastBackup.recordsPerSecond();
        }
        double modelled = probe == null ? 0 : JobThroughput.backupRecordsPerSecond(probe, parallelism);
        return modelled > 0 ? modelled : 1;
    }

    /** Where the backup's B comes from, for the report. */
    public String backupSource() {
        return pastBackup != null ? String.format(java.util.Locale.ROOT,
                "measured by full backup %s: %,d records in %.1f s", pastBackup.backupId(), pastBackup.records(),
                pastBackup.elapsed().toMillis() / 1000.0)
                : probe == null || probe.records() == 0 ? "no records to measure with"
                : String.format(java.util.Locale.ROOT, "modelled: one thread read %,d records of %d whole partitions"
                        + " in %d ms and wrote them as Parquet in %d ms (fastest rounds) = %,.0f records/s; x %d"
                        + " (parallelism, at most the cores) x %.2f (job efficiency); --to a catalog with a full"
                        + " backup gives what a job really achieved", probe.records(), probe.partitions(), probe.scanTime().toMillis(),
                        probe.writeTime().toMillis(), 1 / probe.secondsPerRecord(), parallelism,
                        JobThroughput.BACKUP_EFFICIENCY);
    }

    /** The figures the time model and the advice work from. */
    public Figures figures() {
        double restore = restoreRecordsPerSecond > 0 ? restoreRecordsPerSecond : 1;
        return new Figures(statistics.records(), sample.binBytesPerRecord(), sample.outputBytesPerRecord(),
                backupRecordsPerSecond(), restore, changePerDay, statistics.usedSpacePercent(), request.runOverhead());
    }
}
