package io.aerobackup.job.replicate;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The filter expressions of replication's conflict rule, on the destination record's last-update
 * time ({@code Exp.lastUpdate()}: nanoseconds since the Unix epoch, stamped by the destination's
 * clock with millisecond precision). A write or delete to a record that does not exist is never
 * filtered (the server runs the filter only on a live record), so new records are always written.
 */
public final class ConflictFilter {
    static final long NANOS_PER_MILLI = 1_000_000L;
    /** Matches no record: every last-update time is after the Unix epoch. */
    static final Expression NEVER = Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(0L)));

    private ConflictFilter() {
    }

    /**
     * The first attempt of a round's write or delete: the destination record is replaced (or deleted)
     * when it was last updated
     * <ul>
     *   <li>before {@code windowStartMillis} (every version of a delta is newer than its window's
     *       start; null for a full round, or when unknown);</li>
     *   <li>exactly at {@code ownLastWriteNanos}: the replicator's own last write of this record, as it
     *       read it back (null when it remembers none);</li>
     *   <li>inside a fallback span: writes the replicator made but does not remember one by one (a
     *       full round's copy, or the writes of an attempt that failed after its last checkpoint);</li>
     *   <li>since {@code fullRoundStartMillis}, for a full round only (its own earlier writes, such as
     *       writes repeated after a restart); null for a delta.</li>
     * </ul>
     * Anything else answers FILTERED_OUT and is resolved exactly ({@link #olderThan}); with no term at
     * all, everything is.
     */
    public static Expression firstAttempt(Long windowStartMillis, Long ownLastWriteNanos,
                                          Collection<ApplySpan> fallbackSpans, Long fullRoundStartMillis) {
        List<Exp> terms = new ArrayList<>();
        if (windowStartMillis != null) {
            terms.add(Exp.lt(Exp.lastUpdate(), Exp.val(nanos(windowStartMillis))));
        }
        if (ownLastWriteNanos != null) {
            terms.add(Exp.eq(Exp.lastUpdate(), Exp.val(ownLastWriteNanos)));
        }
        for (ApplySpan span : fallbackSpans) {
            terms.add(Exp.and(Exp.ge(Exp.lastUpdate(), Exp.val(nanos(span.startMillis()))),
                    Exp.lt(Exp.lastUpdate(), Exp.val(nanos(span.endMillis() + 1)))));
        }
        if (fullRoundStartMillis != null) {
            terms.add(Exp.ge(Exp.lastUpdate(), Exp.val(nanos(fullRoundStartMillis))));
        }
        if (terms.isEmpty()) {
            return NEVER; // nothing is known to be older or the replicator's own: resolve every row exactly
        }
        return Exp.build(terms.size() == 1 ? terms.get(0) : Exp.or(terms.toArray(new Exp[0])));
    }

    /**
     * The exact resolution of a conflict: write only while the destination record is older than the
     * source's version ({@code sourceLastUpdateNanos}, read from the source).
     */
    public static Expression olderThan(long sourceLastUpdateNanos) {
        return Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(sourceLastUpdateNanos)));
    }

    static long nanos(long millis) {
        return millis * NANOS_PER_MILLI;
    }
}
