package io.aerobackup.embedded.storage;

import java.util.Arrays;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The records of one partition, ordered by digest (unsigned bytes). Reads and scans are lock-free;
 * writers serialize on the partition so read-modify-write commands are atomic per record.
 */
public final class Partition {
    private final int id;
    private final NamespaceStore namespace;
    private final ConcurrentSkipListMap<byte[], StoredRecord> records =
            new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    /** Written under the write lock, read by statistics. */
    private volatile long objects;
    private volatile long bytes;
    /** Set name to {objects, bytes} in this partition, for per-node set statistics. */
    private final java.util.Map<String, long[]> setCounts = new java.util.concurrent.ConcurrentHashMap<>();

    Partition(int id, NamespaceStore namespace) {
        this.id = id;
        this.namespace = namespace;
    }

    public int id() {
        return id;
    }

    /** The stored version, expired or not; callers decide what expiry means for them. */
    public StoredRecord getRaw(byte[] digest) {
        return records.get(digest);
    }

    /** Replaces {@code previous} (may be null) with {@code next}; call while holding {@link #writeLock()}. */
    public void put(byte[] digest, StoredRecord previous, StoredRecord next) {
        records.put(digest, next);
        account(previous, next);
    }

    /** Removes the record; call while holding {@link #writeLock()}. */
    public void remove(byte[] digest, StoredRecord previous) {
        if (records.remove(digest) != null) {
            account(previous, null);
        }
    }

    /** The object writers of this partition synchronize on. */
    public Object writeLock() {
        return this;
    }

    /**
     * The records in the order a real server walks a partition: largest digest first. With a resume
     * digest, only the records after it in that walk (smaller digests), the digest itself excluded.
     */
    public NavigableMap<byte[], StoredRecord> walk(byte[] resumeAfter) {
        if (resumeAfter == null) {
            return records.descendingMap();
        }
        return records.headMap(resumeAfter, false).descendingMap();
    }

    private void account(StoredRecord previous, StoredRecord next) {
        countSet(previous, -1);
        countSet(next, 1);
        objects += (next == null ? 0 : 1) - (previous == null ? 0 : 1);
        bytes += (next == null ? 0 : next.sizeBytes()) - (previous == null ? 0 : previous.sizeBytes());
        namespace.recordReplaced(previous, next);
    }

    private void countSet(StoredRecord record, int sign) {
        if (record != null && record.setName() != null) {
            long[] counts = setCounts.computeIfAbsent(record.setName(), s -> new long[2]);
            counts[0] += sign;
            counts[1] += sign * (long) record.sizeBytes();
        }
    }

    /** Objects of a set in this partition. */
    public long setObjects(String set) {
        long[] counts = setCounts.get(set);
        return counts == null ? 0 : counts[0];
    }

    public long setBytes(String set) {
        long[] counts = setCounts.get(set);
        return counts == null ? 0 : counts[1];
    }

    /** Records stored, expired ones included until they are removed. */
    public long objects() {
        return objects;
    }

    public long bytes() {
        return bytes;
    }
}
