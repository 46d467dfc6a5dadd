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
 */
public record Estimate(EstimateRequest request, ClusterStatistics statistics, Sample sample, double changePerDay,
                       String changeSource, long changedSince, double restoreRecordsPerSecond, String restoreSource,
                       String scratchSet, PastBackup pastBackup) {

    /** A committed full backup's records and run time: B as the backup job really achieved it here. */
    public record PastBackup(String backupId, long records, Duration elapsed) {
        public double recordsPerSecond() {
            return records / Math.max(0.001, elapsed.toMillis() / 1000.0);
        }
    }

    /**
     * B of a backup, records per second: what the catalog's last full backup achieved when there is
     * one (a small sample in a cold JVM is latency-bound and far slower than a whole backup job),
     * else the sample's; 1 when nothing could be sampled (an empty namespace).
     */
    public double backupRecordsPerSecond() {
        if (pastBackup != null) {
            return pastBackup.recordsPerSecond();
        }
        return sample.size() == 0 ? 1 : sample.recordsPerSecond();
    }

    /** Where the backup's B comes from, for the report. */
    public String backupSource() {
        return pastBackup != null ? String.format(java.util.Locale.ROOT,
                "measured by full backup %s: %,d records in %.1f s", pastBackup.backupId(), pastBackup.records(),
                pastBackup.elapsed().toMillis() / 1000.0)
                : "the sample's scan and write (one scan and one writer; give --to a catalog with a full backup"
                        + " for the rate a whole job achieves)";
    }

    /** The figures the time model and the advice work from. */
    public Figures figures() {
        double restore = restoreRecordsPerSecond > 0 ? restoreRecordsPerSecond : 1;
        return new Figures(statistics.records(), sample.binBytesPerRecord(), sample.outputBytesPerRecord(),
                backupRecordsPerSecond(), restore, changePerDay, statistics.usedSpacePercent(), request.runOverhead());
    }
}
