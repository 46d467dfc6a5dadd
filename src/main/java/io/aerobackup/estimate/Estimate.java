package io.aerobackup.estimate;

/**
 * Everything {@code aerobackup estimate} measured, and where each figure came from.
 *
 * @param changePerDay      fraction of the records updated per day
 * @param changeSource      how the change rate was found (measured against a backup, given, assumed)
 * @param changedSince      records updated since the catalog's latest backup, -1 when not counted
 * @param restoreSource     how a restore's B was found (write test or ratio)
 * @param scratchSet        the write test's set, null without one
 */
public record Estimate(EstimateRequest request, ClusterStatistics statistics, Sample sample, double changePerDay,
                       String changeSource, long changedSince, double restoreRecordsPerSecond, String restoreSource,
                       String scratchSet) {

    /** B of a backup, records per second; 1 when nothing could be sampled (an empty namespace). */
    public double backupRecordsPerSecond() {
        return sample.size() == 0 ? 1 : sample.recordsPerSecond();
    }

    /** The figures the time model and the advice work from. */
    public Figures figures() {
        double restore = restoreRecordsPerSecond > 0 ? restoreRecordsPerSecond : 1;
        return new Figures(statistics.records(), sample.binBytesPerRecord(), sample.outputBytesPerRecord(),
                backupRecordsPerSecond(), restore, changePerDay, statistics.usedSpacePercent(), request.runOverhead());
    }
}
