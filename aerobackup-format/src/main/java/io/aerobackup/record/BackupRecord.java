package io.aerobackup.record;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One row of a backup: a record version (UPSERT) or a deletion (DELETE, no bins). The digest
 * identifies the record; the void-time is in Aerospike's seconds since 2010-01-01 (0 = never expires).
 * A record is immutable by contract: nobody modifies it, its digest or its bin values once built
 * ({@link BackupRecordSerializer} relies on this). Flink serializes it with
 * {@link BackupRecordSerializer}, never Kryo.
 */
@TypeInfo(BackupRecordTypeInfo.Factory.class)
public final class BackupRecord {
    public static final int DIGEST_LENGTH = 20;

    private final byte[] digest;
    private final String setName;
    private final UserKey userKey;
    private final int generation;
    private final long voidTime;
    private final RecordOperation operation;
    private final List<BackupBin> bins;

    public BackupRecord(byte[] digest, String setName, UserKey userKey, int generation, long voidTime,
                        RecordOperation operation, List<BackupBin> bins) {
        if (digest == null || digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("a digest is 20 bytes, was "
                    + (digest == null ? "null" : digest.length + " bytes"));
        }
        this.digest = digest;
        this.setName = setName == null || setName.isEmpty() ? null : setName;
        this.userKey = userKey;
        this.generation = generation;
        this.voidTime = voidTime;
        this.operation = Objects.requireNonNull(operation, "operation");
        this.bins = List.copyOf(bins);
    }

    /** The 20-byte digest; callers must not modify it. */
    public byte[] digest() {
        return digest;
    }

    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    /** Set name, or null for records in no set. */
    public String setName() {
        return setName;
    }

    /** The stored user key, or null. */
    public UserKey userKey() {
        return userKey;
    }

    public int generation() {
        return generation;
    }

    public long voidTime() {
        return voidTime;
    }

    public RecordOperation operation() {
        return operation;
    }

    public List<BackupBin> bins() {
        return bins;
    }

    /** The partition (0..4095) the digest belongs to, as Aerospike computes it. */
    public int partitionId() {
        return ((digest[0] & 0xFF) | ((digest[1] & 0xFF) << 8)) & 4095;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BackupRecord)) {
            return false;
        }
        BackupRecord other = (BackupRecord) o;
        return generation == other.generation && voidTime == other.voidTime && Arrays.equals(digest, other.digest)
                && Objects.equals(setName, other.setName) && Objects.equals(userKey, other.userKey)
                && operation == other.operation && sameBins(bins, other.bins);
    }

    /** Aerospike bins have no order (and format 2.0 files do not keep it): equal by name, in any order. */
    private static boolean sameBins(List<BackupBin> a, List<BackupBin> b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.size() != b.size()) {
            return false;
        }
        Comparator<BackupBin> byName = Comparator.comparing(BackupBin::name);
        List<BackupBin> sortedA = new ArrayList<>(a);
        List<BackupBin> sortedB = new ArrayList<>(b);
        sortedA.sort(byName);
        sortedB.sort(byName);
        return sortedA.equals(sortedB);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "BackupRecord{" + digestHex() + ", set=" + setName + ", key=" + userKey + ", gen=" + generation
                + ", voidTime=" + voidTime + ", " + operation + ", bins=" + bins + "}";
    }
}
