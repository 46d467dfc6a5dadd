package io.aerobackup.estimate;

import io.aerobackup.config.ConnectionOptions;

import java.time.Duration;
import java.util.List;

/**
 * What {@code aerobackup estimate} was asked to measure.
 *
 * @param catalogRoot        a catalog whose latest backup gives the change rate; null for none
 * @param changeRatePercent  the change rate in % of the records per day when given; null to measure or assume
 * @param writeTestRecords   sampled records written to measure a restore's B; 0 for no write test
 * @param restoreRatio       without a write test, a restore's B as this fraction of the backup's
 * @param restoreNamespace   where the write test writes (a scratch set of it)
 * @param parallelism        the parallelism the backups and restores will run with; 0 for their default (the cores)
 */
public record EstimateRequest(ConnectionOptions connection, String namespace, List<String> sets, int sampleSize,
                              String catalogRoot, Double changeRatePercent, int writeTestRecords, double restoreRatio,
                              String restoreNamespace, Duration runOverhead, Duration socketTimeout,
                              int parallelism) {
    /** The change rate assumed when neither --change-rate nor a catalog with a backup gives one. */
    public static final double ASSUMED_CHANGE_PERCENT = 5.0;
}
