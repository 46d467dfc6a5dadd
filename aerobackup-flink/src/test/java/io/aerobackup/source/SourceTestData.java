package io.aerobackup.source;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.source.split.PartitionSplit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Splits, digests and records for the source's unit tests; nothing here is shared mutable state. */
public final class SourceTestData {
    private SourceTestData() {
    }

    /** A fixed digest: byte i is {@code seed * 31 + i * 7}. Used by the frozen serde files, so never change it. */
    public static byte[] patternDigest(int seed) {
        byte[] digest = new byte[20];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (seed * 31 + i * 7);
        }
        return digest;
    }

    /**
     * The split frozen in {@code serde/partition-split-v1.bin}: partitions 1024-1279 with cursors on
     * its first partition, one inside and its last. Never change it: the file was written from it.
     */
    public static PartitionSplit frozenSplit() {
        Map<Integer, byte[]> cursors = new TreeMap<>();
        cursors.put(1024, patternDigest(1));
        cursors.put(1100, patternDigest(2));
        cursors.put(1279, patternDigest(3));
        return new PartitionSplit(1024, 256, cursors);
    }

    public static byte[] randomDigest(Random random) {
        byte[] digest = new byte[20];
        random.nextBytes(digest);
        return digest;
    }

    /** A random digest that Aerospike places in the given partition (the low 12 bits of bytes 0-1, little-endian). */
    public static byte[] digestInPartition(int partitionId, Random random) {
        byte[] digest = randomDigest(random);
        digest[0] = (byte) partitionId;
        digest[1] = (byte) ((digest[1] & 0xF0) | ((partitionId >> 8) & 0x0F));
        return digest;
    }

    /** Partition of a digest, computed here independently of the main code. */
    public static int partitionOf(byte[] d) {
        return ((d[0] & 0xFF) | (d[1] & 0xFF) << 8) & 4095;
    }

    /** A split with a cursor (random digest) on {@code cursors} distinct random partitions of its range. */
    public static PartitionSplit splitWithCursors(int begin, int count, int cursors, Random random) {
        Map<Integer, byte[]> digests = new TreeMap<>();
        while (digests.size() < cursors) {
            digests.put(begin + random.nextInt(count), randomDigest(random));
        }
        return new PartitionSplit(begin, count, digests);
    }

    public static BackupRecord upsert(byte[] digest, int generation) {
        return new BackupRecord(digest, "set1", null, generation, 0, RecordOperation.UPSERT,
                List.of(new BackupBin("a", 1, 5L)));
    }

    public static byte[] resource(String name) {
        try (InputStream in = SourceTestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
