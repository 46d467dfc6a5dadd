package io.aerobackup.source.changefeed;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the change feed runs.
 *
 * @param destination    the catalog root (where it continues from, and where manual requests wait)
 * @param interval       rounds start this far apart (a round that runs longer is followed at once)
 * @param skewMargin     a delta's window ends this long before the round starts, so writes stamped
 *                       by a node whose clock runs behind are not missed
 * @param captureDeletes whether delta rounds sweep for vanished digests and write DELETE rows
 * @param triggers       when a full snapshot is taken inside the running job
 * @param clock          the time source of rounds and triggers (tests pass a controllable one)
 */
public record ChangeFeedOptions(String destination, Duration interval, Duration skewMargin, boolean captureDeletes,
                                FullSnapshotTriggers triggers, Clock clock) implements Serializable {

    public ChangeFeedOptions {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(triggers, "triggers");
        Objects.requireNonNull(clock, "clock");
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--interval must be positive, was " + interval);
        }
        if (skewMargin == null || skewMargin.isNegative()) {
            throw new IllegalArgumentException("--clock-skew-margin cannot be negative, was " + skewMargin);
        }
    }

    /** How often the enumerator looks at the clock, the readers and the triggers. */
    public long tickMillis() {
        return Math.max(50, Math.min(1000, interval.toMillis() / 4));
    }
}
