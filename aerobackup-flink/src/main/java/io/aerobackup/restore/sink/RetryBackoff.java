package io.aerobackup.restore.sink;

import java.time.Duration;

/** Exponential back-off between retries of transient write errors: initial, doubling, capped. */
public final class RetryBackoff {
    /** No wait grows beyond this: a cluster that is still down after it is better reported than waited for. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private RetryBackoff() {
    }

    /** The wait before retry number {@code retry} (1 = first retry). */
    public static long delayMillis(Duration initial, int retry) {
        long base = initial.toMillis();
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long delay = base << shift;
        return delay < 0 || delay > MAX_BACKOFF.toMillis() ? MAX_BACKOFF.toMillis() : delay;
    }
}
