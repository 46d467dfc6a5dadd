package io.aerobackup.job.replicate;

import io.aerobackup.job.changefeed.HeldElements;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replication applier remembers across checkpoints: the fallback spans (full rounds' apply
 * spans and the spans replayed after a restore; see {@link ConflictFilter}), when recent rounds were
 * planned, which of its partitions the round in progress has finished, and its own last writes of
 * recent delta rounds ({@link OwnWrites}). Kept in union list state: after a rescale every applier
 * merges what all of them kept. Binary form versioned ({@link #VERSION}); ChangeFeed-style
 * frozen-bytes tests guard it.
 */
final class ApplierState {
    /** Version 2 appends {@link OwnWrites}; version 1 (without) is still read. */
    static final int VERSION = 2;
    static final int VERSION_1 = 1;
    /** Spans beyond this many are dropped, oldest first (a record written that long ago is resolved exactly). */
    static final int MAX_SPANS = 64;
    /** Planning times kept: the round in progress needs its own and its predecessor's. */
    private static final int MAX_ROUND_STARTS = 4;

    /** Round number to its span, of finished rounds. */
    final TreeMap<Long, ApplySpan> spans = new TreeMap<>();
    /** Round number to its planning time (epoch ms). */
    final TreeMap<Long, Long> roundStarts = new TreeMap<>();
    /** The round being applied; 0 before the first. */
    long currentRound;
    /** The partitions of {@link #currentRound} whose end marker this applier has seen. */
    BitSet currentDone = new BitSet();
    /** The applier's own last writes of recent delta rounds. */
    final OwnWrites ownWrites = new OwnWrites();

    void roundStarted(long round, long startedAtMillis) {
        roundStarts.merge(round, startedAtMillis, Math::min);
        while (roundStarts.size() > MAX_ROUND_STARTS) {
            roundStarts.pollFirstEntry();
        }
    }

    void addSpan(ApplySpan span) {
        spans.merge(span.round(), span, ApplySpan::union);
        while (spans.size() > MAX_SPANS) {
            spans.pollFirstEntry();
        }
    }

    /**
     * Drops spans that ended before {@code windowStartMillis}: the first attempt's "older than the
     * window" term covers the records written in them.
     */
    void pruneBefore(long windowStartMillis) {
        spans.values().removeIf(s -> s.endMillis() < windowStartMillis);
    }

    /**
     * A delta's window start: the feed plans every delta's window to start where the previous
     * round's planning time less the skew margin left off (a delta's end, or a full's start less
     * the margin). Null when the previous round's planning time is unknown.
     */
    Long deltaWindowStart(long round, long skewMarginMillis) {
        Long previousStart = roundStarts.get(round - 1);
        return previousStart == null ? null : previousStart - skewMarginMillis;
    }

    /** Adds what another applier kept (union state after a restore). */
    void merge(ApplierState other) {
        ownWrites.merge(other.ownWrites);
        other.spans.values().forEach(this::addSpan);
        other.roundStarts.forEach(this::roundStarted);
        if (other.currentRound > currentRound) {
            currentRound = other.currentRound;
            currentDone = (BitSet) other.currentDone.clone();
        } else if (other.currentRound == currentRound) {
            currentDone.or(other.currentDone);
        }
    }

    byte[] toBytes() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(VERSION);
        out.writeInt(spans.size());
        for (ApplySpan span : spans.values()) {
            out.writeLong(span.round());
            out.writeLong(span.startMillis());
            out.writeLong(span.endMillis());
        }
        out.writeInt(roundStarts.size());
        for (Map.Entry<Long, Long> e : roundStarts.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeLong(currentRound);
        HeldElements.writeBits(currentDone, out);
        ownWrites.writeTo(out);
        return out.getCopyOfBuffer();
    }

    static ApplierState fromBytes(byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        int version = in.readInt();
        if (version != VERSION && version != VERSION_1) {
            throw new IOException("unknown replication applier state version " + version + "; this aerobackup reads "
                    + VERSION_1 + " and " + VERSION);
        }
        ApplierState state = new ApplierState();
        int spans = in.readInt();
        for (int i = 0; i < spans; i++) {
            state.addSpan(new ApplySpan(in.readLong(), in.readLong(), in.readLong()));
        }
        int starts = in.readInt();
        for (int i = 0; i < starts; i++) {
            state.roundStarted(in.readLong(), in.readLong());
        }
        state.currentRound = in.readLong();
        state.currentDone = HeldElements.readBits(in);
        if (version >= VERSION) {
            state.ownWrites.readFrom(in);
        }
        return state;
    }

    /** Every state in {@code restored} merged into one. */
    static ApplierState merged(Iterable<byte[]> restored) throws IOException {
        ApplierState all = new ApplierState();
        for (byte[] bytes : restored) {
            all.merge(fromBytes(bytes));
        }
        return all;
    }

    List<ApplySpan> spanList() {
        return new ArrayList<>(spans.values());
    }
}
