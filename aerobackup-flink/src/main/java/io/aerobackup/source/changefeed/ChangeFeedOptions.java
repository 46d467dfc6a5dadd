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
 * @param plannedRound   null for the continuous feed; otherwise the one round a bounded run (a full or
 *                       incremental backup) scans as planned, after which the source ends
 * @param continuesChain whether a job started without state continues the chain it finds in the
 *                       catalog (the backup feed); replication always starts with a full round, and
 *                       without a catalog ({@code destination} null) looks for no manual requests
 */
public record ChangeFeedOptions(String destination, Duration interval, Duration skewMargin, boolean captureDeletes,
                                FullSnapshotTriggers triggers, Clock clock, Round plannedRound,
                                boolean continuesChain)
        implements Serializable {
    /** How often a bounded run's enumerator looks whether its round is done (it also looks on each report). */
    private static final Duration BOUNDED_TICK = Duration.ofSeconds(1);

    /** The continuous feed. */
    public ChangeFeedOptions(String destination, Duration interval, Duration skewMargin, boolean captureDeletes,
                             FullSnapshotTriggers triggers, Clock clock) {
        this(destination, interval, skewMargin, captureDeletes, triggers, clock, null);
    }

    /** The continuous feed, or a bounded run of {@code plannedRound}. */
    public ChangeFeedOptions(String destination, Duration interval, Duration skewMargin, boolean captureDeletes,
                             FullSnapshotTriggers triggers, Clock clock, Round plannedRound) {
        this(destination, interval, skewMargin, captureDeletes, triggers, clock, plannedRound, true);
    }

    /**
     * Replication's feed: deletes captured, no full-snapshot triggers, and a first round that is
     * always a full one (the destination cluster must be copied, whatever {@code catalog} holds).
     *
     * @param catalog nullable: where the rounds are also committed as backups (manual full-snapshot
     *                requests are looked for there)
     */
    public static ChangeFeedOptions replication(String catalog, Duration interval, Duration skewMargin, Clock clock) {
        return new ChangeFeedOptions(catalog, interval, skewMargin, true, FullSnapshotTriggers.of(null, 0, 0, 0),
                clock, null, false);
    }

    /** A bounded run: {@code round} (planned by the caller, its id fixed), then the end of input. */
    public static ChangeFeedOptions oneRound(String destination, Duration skewMargin, Round round, Clock clock) {
        return new ChangeFeedOptions(destination, BOUNDED_TICK, skewMargin, false,
                FullSnapshotTriggers.of(null, 0, 0, 0), clock, Objects.requireNonNull(round, "round"));
    }

    /** Whether the source ends after its planned round. */
    public boolean bounded() {
        return plannedRound != null;
    }

    public ChangeFeedOptions {
        if (destination == null && continuesChain) {
            throw new NullPointerException("destination");
        }
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
