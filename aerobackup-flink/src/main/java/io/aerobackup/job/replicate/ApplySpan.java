package io.aerobackup.job.replicate;

/**
 * When one applier wrote one round: from the round's planning time (none of its writes can be
 * earlier) to the time the applier had every write of it acknowledged, in epoch milliseconds of
 * the applier's clock; both ends inclusive.
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
