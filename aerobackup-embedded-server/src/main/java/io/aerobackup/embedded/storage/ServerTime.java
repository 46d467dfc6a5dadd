package io.aerobackup.embedded.storage;

/** Aerospike counts void-times in seconds since its own epoch, 2010-01-01T00:00:00Z. */
public final class ServerTime {
    public static final long CITRUSLEAF_EPOCH_SECONDS = 1262304000L;

    private ServerTime() {
    }

    public static long toServerSeconds(long unixMillis) {
        return unixMillis / 1000 - CITRUSLEAF_EPOCH_SECONDS;
    }

    public static long toUnixMillis(long serverSeconds) {
        return (serverSeconds + CITRUSLEAF_EPOCH_SECONDS) * 1000;
    }
}
