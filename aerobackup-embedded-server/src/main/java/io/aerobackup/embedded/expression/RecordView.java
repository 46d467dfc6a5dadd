package io.aerobackup.embedded.expression;

import io.aerobackup.embedded.storage.Particle;

/** What a filter expression may look at in one record. Times are Unix-epoch based. */
public interface RecordView {
    /** The bin's value, or null when the record has no such bin. */
    Particle bin(String name);

    /** Set name, or the empty string for records in no set. */
    String setName();

    byte[] digest();

    /** The stored user key, or null when the key was not stored. */
    Particle userKey();

    /** Last update time, milliseconds since the Unix epoch. */
    long lastUpdateMillis();

    /** Expiry time, milliseconds since the Unix epoch, or 0 when the record never expires. */
    long voidTimeMillis();

    /** Approximate stored size in bytes (the value a real server reports for record_size). */
    int recordSizeBytes();

    boolean isTombstone();
}
