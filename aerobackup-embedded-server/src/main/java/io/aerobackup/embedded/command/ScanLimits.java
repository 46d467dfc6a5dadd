package io.aerobackup.embedded.command;

/** A scan's record budget and its records-per-second pace. */
final class ScanLimits {
    private final long maxRecords;
    private final int recordsPerSecond;
    private final long startNanos = System.nanoTime();
    private long sent;

    ScanLimits(long maxRecords, int recordsPerSecond) {
        this.maxRecords = maxRecords;
        this.recordsPerSecond = recordsPerSecond;
    }

    boolean exhausted() {
        return maxRecords > 0 && sent >= maxRecords;
    }

    /** Counts a record and, under a rate limit, sleeps until the pace allows the next one. */
    void recordSent() {
        sent++;
        if (recordsPerSecond <= 0) {
            return;
        }
        long dueNanos = startNanos + sent * 1_000_000_000L / recordsPerSecond;
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
