package io.aerobackup.embedded.storage;

import java.util.List;

/** An immutable record version. Every write builds a new one, so readers never see a half-written record. */
public final class StoredRecord {
    /** Per-record overhead the size limit and statistics count, close to a real server's. */
    static final int OVERHEAD_BYTES = 35;

    private final String setName;
    private final Particle userKey;
    private final int generation;
    private final long voidTime;
    private final long lastUpdateMillis;
    private final Bin[] bins;
    private final int sizeBytes;

    public StoredRecord(String setName, Particle userKey, int generation, long voidTime, long lastUpdateMillis,
                        List<Bin> bins) {
        this.setName = setName;
        this.userKey = userKey;
        this.generation = generation;
        this.voidTime = voidTime;
        this.lastUpdateMillis = lastUpdateMillis;
        this.bins = bins.toArray(new Bin[0]);
        this.sizeBytes = computeSize(setName, userKey, this.bins);
    }

    private static int computeSize(String setName, Particle userKey, Bin[] bins) {
        int size = OVERHEAD_BYTES + (setName == null ? 0 : setName.length());
        if (userKey != null) {
            size += 1 + userKey.bytes().length;
        }
        for (Bin bin : bins) {
            size += 3 + bin.nameBytes().length + bin.value().bytes().length;
        }
        return size;
    }

    /** Set name, or null when the record is in no set. */
    public String setName() {
        return setName;
    }

    public Particle userKey() {
        return userKey;
    }

    public int generation() {
        return generation;
    }

    /** Void-time in server seconds since 2010-01-01; 0 when the record never expires. */
    public long voidTime() {
        return voidTime;
    }

    public long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    public Bin[] bins() {
        return bins;
    }

    public Particle bin(String name) {
        for (Bin bin : bins) {
            if (bin.name().equals(name)) {
                return bin.value();
            }
        }
        return null;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    public boolean isExpired(long nowServerSeconds) {
        return voidTime != 0 && voidTime < nowServerSeconds;
    }
}
