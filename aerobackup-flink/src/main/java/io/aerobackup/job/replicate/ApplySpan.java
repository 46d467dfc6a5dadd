package io.aerobackup.job.replicate;

/**
 * A time span whose destination writes are taken for the replicator's own (a fallback where it does
 * not know them one by one): a full round, from its planning time (none of its writes can be
 * earlier) to the time the applier had every write of it acknowledged; or, after a restore, from the
 * planning time of the round then in progress to the restore. Epoch milliseconds of the Flink
 * clocks; both ends inclusive.
 */
public record ApplySpan(long round, long startMillis, long endMillis) {
    public ApplySpan {
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("an apply span ends before it starts: round " + round + " ["
                    + startMillis + ", " + endMillis + "]");
        }
    }

    /** The span of both (the same round seen by two appliers before a rescale). */
    ApplySpan union(ApplySpan other) {
        return new ApplySpan(round, Math.min(startMillis, other.startMillis), Math.max(endMillis, other.endMillis));
    }
}
