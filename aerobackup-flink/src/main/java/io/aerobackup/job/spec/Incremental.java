package io.aerobackup.job.spec;

import java.time.Duration;

/**
 * How a backup relates to earlier ones: a full backup, or a delta of what changed since the
 * latest committed backup (or, cumulative, since the latest full one).
 *
 * @param enabled       take a delta rather than a full backup
 * @param cumulative    the delta's parent is the last full backup, so a restore needs at most two members
 * @param fullIfMissing with no earlier backup, take a full one instead of failing
 * @param skewMargin    windows start this much before the parent's end and stop this much before now,
 *                      so clock skew between nodes loses nothing (replay is idempotent: newest wins)
 */
public record Incremental(boolean enabled, boolean cumulative, boolean fullIfMissing, Duration skewMargin) {
    /** The default of {@code --clock-skew-margin}, declared here once. */
    public static final Duration DEFAULT_SKEW_MARGIN = Duration.ofSeconds(10);

    public static Incremental full() {
        return new Incremental(false, false, false, DEFAULT_SKEW_MARGIN);
    }
}
