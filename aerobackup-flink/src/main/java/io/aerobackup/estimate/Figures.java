package io.aerobackup.estimate;

import java.time.Duration;

/**
 * The measured figures the time model {@code T = D / B} and the advice work from: what is in the
 * cluster, what one record costs, and how fast this machine moves records. Pure data and arithmetic.
 *
 * @param records                 records in the namespace (or the chosen sets)
 * @param binBytesPerRecord       bytes of bin data per record (names plus values, as the manifest's binBytes counts them)
 * @param outputBytesPerRecord    bytes per record in the backup files, compressed
 * @param backupRecordsPerSecond  B of a backup: records scanned and written per second
 * @param restoreRecordsPerSecond B of a restore: records written per second
 * @param changePerDay            fraction of the records updated per day (0.05 is 5 %/day)
 * @param usedSpacePercent        the fullest node's used space, or -1 when unknown
 * @param runOverhead             fixed cost of one run (job start, preflight, manifest commit)
 */
public record Figures(long records, double binBytesPerRecord, double outputBytesPerRecord,
                      double backupRecordsPerSecond, double restoreRecordsPerSecond, double changePerDay,
                      int usedSpacePercent, Duration runOverhead) {

    /** What reading one chain member costs a restore besides its rows: listing, manifest, checksums. */
    public static final double MEMBER_SECONDS = 0.1;

    public Figures {
        if (records < 0 || binBytesPerRecord < 0 || outputBytesPerRecord < 0 || changePerDay < 0) {
            throw new IllegalArgumentException("figures must not be negative");
        }
        if (backupRecordsPerSecond <= 0 || restoreRecordsPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidths must be positive");
        }
    }

    /** D of a full backup: bytes of bin data. */
    public double fullBytes() {
        return records * binBytesPerRecord;
    }

    /** Size of a full backup's files. */
    public double fullOutputBytes() {
        return records * outputBytesPerRecord;
    }

    /** B of a backup in bytes of bin data per second. */
    public double backupBytesPerSecond() {
        return backupRecordsPerSecond * binBytesPerRecord;
    }

    /** B of a restore in bytes of bin data per second. */
    public double restoreBytesPerSecond() {
        return restoreRecordsPerSecond * binBytesPerRecord;
    }

    /** T of a full backup. */
    public Duration fullBackupTime() {
        return time(records, backupRecordsPerSecond);
    }

    /** Records updated within {@code window} at the change rate; never more than there are. */
    public long changedRecords(Duration window) {
        double days = window.toMillis() / 86_400_000.0;
        return (long) Math.ceil(Math.min(records, records * changePerDay * days));
    }

    /** T of an incremental covering {@code window}. */
    public Duration incrementalTime(Duration window) {
        return time(changedRecords(window), backupRecordsPerSecond);
    }

    /** Output size of an incremental covering {@code window}. */
    public double incrementalOutputBytes(Duration window) {
        return changedRecords(window) * outputBytesPerRecord;
    }

    /** T of restoring a full backup. */
    public Duration fullRestoreTime() {
        return time(records, restoreRecordsPerSecond);
    }

    /**
     * T of restoring a full plus deltas holding {@code deltaRows} rows: each record is written once in
     * its newest version, but every delta row is read (at the backup's B) and each member costs {@value #MEMBER_SECONDS} s.
     */
    public Duration chainRestoreTime(long deltaRows, long deltas) {
        double seconds = records / restoreRecordsPerSecond + deltaRows / backupRecordsPerSecond;
        return ofSeconds(seconds + deltas * MEMBER_SECONDS).plus(runOverhead);
    }

    private Duration time(long n, double perSecond) {
        return ofSeconds(n / perSecond).plus(runOverhead);
    }

    static Duration ofSeconds(double seconds) {
        return Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }
}
