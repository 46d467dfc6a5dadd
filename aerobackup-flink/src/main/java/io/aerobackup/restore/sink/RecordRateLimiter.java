package io.aerobackup.restore.sink;

/**
 * Paces records to at most {@code perSecond}: each record reserves the next 1/perSecond slot and
 * the caller sleeps until its slot. Blocking the writer thread is the point: it back-pressures the
 * job. Not thread-safe; one per writer.
 */
final class RecordRateLimiter {
    private final long intervalNanos;
    private long nextSlot;

    /** {@code perSecond} of 0 means no limit. */
    RecordRateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.nextSlot = System.nanoTime();
    }

    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        // Idle time does not bank a burst larger than one second's worth.
        nextSlot = Math.max(nextSlot, now - 1_000_000_000L) + intervalNanos;
        long wait = nextSlot - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }
}
