package io.aerobackup.embedded.command;

import java.util.concurrent.atomic.AtomicInteger;

/** Faults a test asked for: delayed responses and commands failed with a chosen result code. */
public final class Faults {
    private volatile long delayMillis;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureCode;
    private final AtomicInteger openScans = new AtomicInteger();

    public void delayResponses(long millis) {
        this.delayMillis = millis;
    }

    public long delayMillis() {
        return delayMillis;
    }

    public void failNext(int count, int resultCode) {
        this.failureCode = resultCode;
        this.failuresLeft.set(count);
    }

    /** The result code the next command must fail with, or 0 when it should run normally. */
    public int takeFailure() {
        while (true) {
            int left = failuresLeft.get();
            if (left <= 0) {
                return 0;
            }
            if (failuresLeft.compareAndSet(left, left - 1)) {
                return failureCode;
            }
        }
    }

    public void clear() {
        delayMillis = 0;
        failuresLeft.set(0);
    }

    AtomicInteger openScansCounter() {
        return openScans;
    }

    public int openScans() {
        return openScans.get();
    }
}
