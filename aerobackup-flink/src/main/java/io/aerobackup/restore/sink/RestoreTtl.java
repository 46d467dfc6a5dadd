package io.aerobackup.restore.sink;

import java.util.OptionalInt;

/**
 * The TTL to write for a backed-up void-time. Void-times count seconds since the Aerospike epoch
 * (2010-01-01T00:00:00Z), 0 meaning "never expires"; the TTL is what is left of it now, plus the
 * extra TTL. A never-expiring record stays never-expiring (extra TTL does not apply to it).
 */
public final class RestoreTtl {
    /** 2010-01-01T00:00:00Z in Unix seconds. */
    public static final long CITRUSLEAF_EPOCH = 1262304000L;
    /** The client's expiration for "never expires". */
    public static final int NEVER_EXPIRES = -1;

    private RestoreTtl() {
    }

    /** Converts Unix seconds to Aerospike server seconds. */
    public static long serverSeconds(long unixSeconds) {
        return unixSeconds - CITRUSLEAF_EPOCH;
    }

    /**
     * The expiration to write, or empty when the record has expired (its remaining TTL, with the
     * extra TTL, is not positive), so it must be skipped rather than written.
     */
    public static OptionalInt expiration(long voidTime, long nowUnixSeconds, int extraTtlSeconds) {
        if (voidTime == 0) {
            return OptionalInt.of(NEVER_EXPIRES);
        }
        long remaining = voidTime - serverSeconds(nowUnixSeconds) + extraTtlSeconds;
        if (voidTime <= serverSeconds(nowUnixSeconds) || remaining <= 0) {
            return OptionalInt.empty();
        }
        // Anything this far out is past every server's max-ttl anyway; keep it a valid int.
        return OptionalInt.of((int) Math.min(remaining, Integer.MAX_VALUE));
    }
}
