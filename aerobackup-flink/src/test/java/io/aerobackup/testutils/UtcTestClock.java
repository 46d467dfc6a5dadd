package io.aerobackup.testutils;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock in UTC that ignores zone changes: subclasses say only what time it is. */
public abstract class UtcTestClock extends Clock {
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
