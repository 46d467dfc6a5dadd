package io.aerobackup.job.replicate;

import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The destination last-update time (nanoseconds, read back in the same batch operation) of the
 * applier's own last write of each record it wrote in a delta round, so a later round recognises its
 * own write exactly rather than by a time span. Entries older than the current delta window's start
 * are dropped (the "older than the window" clause covers them): the map holds about the records
 * written by the last rounds, 28 bytes each when checkpointed.
 */
final class OwnWrites {
    private static final int DIGEST_LENGTH = 20;
    /** The name the read-back answers under (at most 15 bytes, as any bin name). */
    static final String READ_BACK_BIN = "aerobackup-lut";

    private final Map<ByteBuffer, Long> lastWrite = new HashMap<>();

    /** Appended to each write of a delta round: the record's last-update time after that write. */
    static final Operation READ_LAST_UPDATE = ExpOperation.read(READ_BACK_BIN, Exp.build(Exp.lastUpdate()),
            ExpReadFlags.DEFAULT);

    /**
     * The last-update time {@code answer} (a write's answer) read back; null without one. A record bin
     * of the same name answers too (as null, before it): the read's value comes last.
     */
    static Long readBack(Record answer) {
        Object value = answer.bins == null ? null : answer.bins.get(READ_BACK_BIN);
        if (value instanceof List<?> several && !several.isEmpty()) {
            value = several.get(several.size() - 1);
        }
        return value instanceof Long nanos ? nanos : null;
    }

    /** {@code digest}'s last write by this applier left {@code lastUpdateNanos}. */
    void remember(byte[] digest, long lastUpdateNanos) {
        lastWrite.put(ByteBuffer.wrap(digest.clone()), lastUpdateNanos);
    }

    void forget(byte[] digest) {
        lastWrite.remove(ByteBuffer.wrap(digest));
    }

    /** The last-update time of this applier's own last write of {@code digest}; null when unknown. */
    Long lastWrite(byte[] digest) {
        return lastWrite.get(ByteBuffer.wrap(digest));
    }

    /** Drops the writes made before {@code windowStartNanos}. */
    void pruneBefore(long windowStartNanos) {
        lastWrite.values().removeIf(nanos -> nanos < windowStartNanos);
    }

    /** Keeps the records of {@code partitions} (after a rescale every applier restores all). */
    void retainPartitions(BitSet partitions) {
        lastWrite.keySet().removeIf(digest -> !partitions.get(Partition.getPartitionId(digest.array())));
    }

    void merge(OwnWrites other) {
        other.lastWrite.forEach((digest, nanos) -> lastWrite.merge(digest, nanos, Math::max));
    }

    int size() {
        return lastWrite.size();
    }

    /** Count, then (digest, nanos) sorted by digest, so equal maps write equal bytes. */
    void writeTo(DataOutputView out) throws IOException {
        List<Map.Entry<ByteBuffer, Long>> entries = new ArrayList<>(lastWrite.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        out.writeInt(entries.size());
        for (Map.Entry<ByteBuffer, Long> e : entries) {
            out.write(e.getKey().array());
            out.writeLong(e.getValue());
        }
    }

    void readFrom(DataInputView in) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            byte[] digest = new byte[DIGEST_LENGTH];
            in.readFully(digest);
            lastWrite.put(ByteBuffer.wrap(digest), in.readLong());
        }
    }
}
