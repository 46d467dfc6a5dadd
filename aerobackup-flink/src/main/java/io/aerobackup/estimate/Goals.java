package io.aerobackup.estimate;

import java.time.Duration;

/**
 * What the user asks of a strategy; null means no goal given.
 *
 * @param rpo        the most data (time) that may be lost
 * @param rto        the longest a restore may take
 * @param maxStorage bytes the backups may take at the destination
 * @param retention  how long backups are kept
 */
public record Goals(Duration rpo, Duration rto, Long maxStorage, Duration retention) {
    /** Without --rpo the advice aims at one backup a day, the article's nightly example. */
    public static final Duration DEFAULT_RPO = Duration.ofDays(1);
    /** Without --retention storage is counted for a week of backups. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public Duration rpoOrDefault() {
        return rpo != null ? rpo : DEFAULT_RPO;
    }

    public Duration retentionOrDefault() {
        return retention != null ? retention : DEFAULT_RETENTION;
    }
}
