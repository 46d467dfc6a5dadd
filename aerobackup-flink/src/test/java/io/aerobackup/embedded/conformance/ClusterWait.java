package io.aerobackup.embedded.conformance;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits for the conformance tests: poll a condition until it holds or a deadline passes. */
final class ClusterWait {
    private ClusterWait() {
    }

    /** Polls every 10 ms; fails with {@code what} once {@code millis} have passed without the condition. */
    static void until(BooleanSupplier condition, long millis, String what) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** Waits until the wall clock has moved at least {@code millis} past {@code fromMillis}. */
    static long clockPast(long fromMillis, long millis) {
        until(() -> System.currentTimeMillis() >= fromMillis + millis, millis + 5_000, "the clock to advance");
        return System.currentTimeMillis();
    }
}
