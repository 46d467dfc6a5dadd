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

    private ConflictFilter() {
    }

    /**
     * The first attempt of a round's writes: the destination record is replaced (or deleted) when it
     * was last updated before {@code windowStartMillis} (every version of a delta is newer than its
     * window's start; null for a full round, which has none), or inside the apply span of an earlier
     * round, or since {@code roundStartMillis} (the round being applied: its own earlier writes, such
     * as an upsert followed by the delete of the same record). Anything else answers FILTERED_OUT and
     * is resolved exactly ({@link #olderThan}).
     */
    public static Expression firstAttempt(Long windowStartMillis, Collection<ApplySpan> earlierSpans,
                                          long roundStartMillis) {
        List<Exp> terms = new ArrayList<>();
        if (windowStartMillis != null) {
            terms.add(Exp.lt(Exp.lastUpdate(), Exp.val(nanos(windowStartMillis))));
        }
        for (ApplySpan span : earlierSpans) {
            terms.add(Exp.and(Exp.ge(Exp.lastUpdate(), Exp.val(nanos(span.startMillis()))),
                    Exp.lt(Exp.lastUpdate(), Exp.val(nanos(span.endMillis() + 1)))));
        }
        terms.add(Exp.ge(Exp.lastUpdate(), Exp.val(nanos(roundStartMillis))));
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
