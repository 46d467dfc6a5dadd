package io.aerobackup.embedded.storage;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** One namespace: 4096 partitions plus the counters that info commands report. */
public final class NamespaceStore {
    public static final int PARTITIONS = 4096;

    private final NamespaceConfig config;
    private final Partition[] partitions = new Partition[PARTITIONS];
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong usedBytes = new AtomicLong();
    private final Map<String, SetStats> sets = new ConcurrentHashMap<>();

    public NamespaceStore(NamespaceConfig config) {
        this.config = config;
        for (int i = 0; i < PARTITIONS; i++) {
            partitions[i] = new Partition(i, this);
        }
    }

    /** The partition a digest belongs to: its first two bytes, little-endian, modulo 4096. */
    public static int partitionId(byte[] digest) {
        return ((digest[0] & 0xFF) | ((digest[1] & 0xFF) << 8)) & (PARTITIONS - 1);
    }

    public NamespaceConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public Partition partition(int id) {
        return partitions[id];
    }

    public Partition partitionOf(byte[] digest) {
        return partitions[partitionId(digest)];
    }

    public long objects() {
        return objects.get();
    }

    public long usedBytes() {
        return usedBytes.get();
    }

    /** Set name to statistics, sorted by name; sets that ever held a record stay listed, as on a real server. */
    public Map<String, SetStats> sets() {
        return new TreeMap<>(sets);
    }

    void recordReplaced(StoredRecord previous, StoredRecord next) {
        if (previous != null) {
            objects.decrementAndGet();
            usedBytes.addAndGet(-previous.sizeBytes());
            if (previous.setName() != null) {
                sets.get(previous.setName()).add(-1, -previous.sizeBytes());
            }
        }
        if (next != null) {
            objects.incrementAndGet();
            usedBytes.addAndGet(next.sizeBytes());
            if (next.setName() != null) {
                sets.computeIfAbsent(next.setName(), s -> new SetStats()).add(1, next.sizeBytes());
            }
        }
    }

    /** Removes every record the predicate selects; returns how many were removed. */
    public long removeIf(Predicate<StoredRecord> selected) {
        long removed = 0;
        for (Partition partition : partitions) {
            synchronized (partition.writeLock()) {
                for (Map.Entry<byte[], StoredRecord> e : partition.walk(null).entrySet()) {
                    if (selected.test(e.getValue())) {
                        partition.remove(e.getKey(), e.getValue());
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    /** Object and byte counts of one set. */
    public static final class SetStats {
        private final AtomicLong objects = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        void add(long objectDelta, long byteDelta) {
            objects.addAndGet(objectDelta);
            bytes.addAndGet(byteDelta);
        }

        public long objects() {
            return objects.get();
        }

        public long bytes() {
            return bytes.get();
        }
    }
}
