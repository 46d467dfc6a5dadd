package io.aerobackup.job.changefeed;

import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.Round;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds deleted records, keyed by partition. Every round that sees all of a partition's digests (a
 * full snapshot, or a delta's presence sweep) collects them; when the partition is done, the
 * digests of the previous round that are missing now become DELETE rows of this round's backup,
 * unless their void-time had passed (an expiry: counted, no row). The set is then replaced. Built
 * to hand on full rounds' digests (replication), it also emits, at a full round's end of a
 * partition and before its marker, a DIGESTS element with the partition's new set: the replication
 * applier deletes the destination's records that are not in it, without collecting them again.
 *
 * <p>State per partition: the known set as one sorted array of 24-byte entries (digest + void-time),
 * about 24 bytes per record, plus the digests collected by the round in progress. A partition of
 * a 100-million-record namespace holds about 600 KB; the heap backend suits a few tens of
 * millions of records, RocksDB (state.backend.type: rocksdb) anything larger (docs/CHANGE_FEED.md).
 */
public final class DeleteDetector extends KeyedProcessFunction<Integer, FeedElement, FeedElement> {
    private static final long serialVersionUID = 1L;
    static final int ENTRY = FeedElement.DIGEST_ENTRY;
    /** Aerospike's void-times count seconds from 2010-01-01T00:00:00Z. */
    private static final long CITRUSLEAF_EPOCH_SECONDS = 1262304000L;

    private final Clock clock;
    private final boolean handsOnFullRoundDigests;
    private transient ValueState<byte[]> known;
    private transient ListState<byte[]> seen;
    private transient ValueState<Long> lastDoneRound;
    private transient Counter deletes;
    private transient Counter expiries;

    public DeleteDetector(Clock clock) {
        this(clock, false);
    }

    /** {@code handsOnFullRoundDigests}: emit each partition's digests at the end of a full round. */
    public DeleteDetector(Clock clock, boolean handsOnFullRoundDigests) {
        this.clock = clock;
        this.handsOnFullRoundDigests = handsOnFullRoundDigests;
    }

    @Override
    public void open(OpenContext openContext) {
        known = getRuntimeContext().getState(new ValueStateDescriptor<>("known-digests",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        seen = getRuntimeContext().getListState(new ListStateDescriptor<>("digests-this-round",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        lastDoneRound = getRuntimeContext().getState(new ValueStateDescriptor<>("last-done-round", Types.LONG));
        deletes = getRuntimeContext().getMetricGroup().addGroup("aerobackup").counter("deletesCaptured");
        expiries = getRuntimeContext().getMetricGroup().addGroup("aerobackup").counter("expiriesSeen");
    }

    @Override
    public void processElement(FeedElement e, Context ctx, Collector<FeedElement> out) throws Exception {
        switch (e.kind()) {
            case CHANGE:
                if (e.fullRound()) {
                    seen.add(entry(e.record()));
                }
                out.collect(e);
                break;
            case PRESENCE:
                seen.add(entry(e.record()));
                break;
            case PARTITION_DONE:
                partitionDone(e, out);
                out.collect(e);
                break;
            default:
                out.collect(e);
        }
    }

    private void partitionDone(FeedElement done, Collector<FeedElement> out) throws Exception {
        Round round = done.round();
        Long last = lastDoneRound.value();
        if (last != null && last >= round.number()) {
            return; // a marker seen before (replayed): the set already moved on
        }
        if (!round.isFull() && !round.sweeps()) {
            return;
        }
        byte[] current = sortedEntries(seen.get());
        byte[] previous = known.value();
        if (round.sweeps() && previous != null) {
            long expired = emitVanished(previous, current, done, out);
            if (expired > 0) {
                out.collect(FeedElement.expired(round.number(), round.backupId(), done.partition(), expired));
            }
        }
        if (round.isFull() && handsOnFullRoundDigests) {
            out.collect(FeedElement.digests(round.number(), round.backupId(), done.partition(), current));
        }
        known.update(current);
        seen.clear();
        lastDoneRound.update(round.number());
    }

    /** Walks both sorted sets; returns how many vanished digests were expiries. */
    private long emitVanished(byte[] previous, byte[] current, FeedElement done, Collector<FeedElement> out) {
        long nowVoidTime = clock.millis() / 1000 - CITRUSLEAF_EPOCH_SECONDS;
        long expired = 0;
        int j = 0;
        for (int i = 0; i < previous.length; i += ENTRY) {
            while (j < current.length && compareDigests(current, j, previous, i) < 0) {
                j += ENTRY;
            }
            if (j < current.length && compareDigests(current, j, previous, i) == 0) {
                continue;
            }
            long voidTime = readVoidTime(previous, i + BackupRecord.DIGEST_LENGTH);
            if (voidTime != 0 && voidTime <= nowVoidTime) {
                expired++;
                expiries.inc();
            } else {
                byte[] digest = Arrays.copyOfRange(previous, i, i + BackupRecord.DIGEST_LENGTH);
                Round round = done.round();
                out.collect(FeedElement.change(round, new BackupRecord(digest, null, null, 0, 0,
                        RecordOperation.DELETE, List.of())));
                deletes.inc();
            }
        }
        return expired;
    }

    static byte[] entry(BackupRecord record) {
        byte[] entry = new byte[ENTRY];
        System.arraycopy(record.digest(), 0, entry, 0, BackupRecord.DIGEST_LENGTH);
        long voidTime = record.voidTime();
        for (int k = 0; k < 4; k++) {
            entry[BackupRecord.DIGEST_LENGTH + k] = (byte) (voidTime >>> (24 - 8 * k));
        }
        return entry;
    }

    /** The entries sorted by digest, without duplicates, packed into one array. */
    static byte[] sortedEntries(Iterable<byte[]> entries) {
        List<byte[]> list = new ArrayList<>();
        if (entries != null) {
            entries.forEach(list::add);
        }
        list.sort((a, b) -> Arrays.compareUnsigned(a, 0, BackupRecord.DIGEST_LENGTH, b, 0, BackupRecord.DIGEST_LENGTH));
        byte[] packed = new byte[list.size() * ENTRY];
        int n = 0;
        for (byte[] entry : list) {
            if (n > 0 && Arrays.equals(packed, (n - 1) * ENTRY, (n - 1) * ENTRY + BackupRecord.DIGEST_LENGTH,
                    entry, 0, BackupRecord.DIGEST_LENGTH)) {
                System.arraycopy(entry, 0, packed, (n - 1) * ENTRY, ENTRY); // same digest twice: keep the later
                continue;
            }
            System.arraycopy(entry, 0, packed, n * ENTRY, ENTRY);
            n++;
        }
        return n * ENTRY == packed.length ? packed : Arrays.copyOf(packed, n * ENTRY);
    }

    /** Whether {@code sortedEntries} (as {@link #sortedEntries} packs them) holds {@code digest}. */
    public static boolean containsDigest(byte[] sortedEntries, byte[] digest) {
        int low = 0;
        int high = sortedEntries.length / ENTRY - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Arrays.compareUnsigned(sortedEntries, mid * ENTRY, mid * ENTRY + BackupRecord.DIGEST_LENGTH,
                    digest, 0, BackupRecord.DIGEST_LENGTH);
            if (c == 0) {
                return true;
            }
            if (c < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return false;
    }

    private static int compareDigests(byte[] a, int ai, byte[] b, int bi) {
        return Arrays.compareUnsigned(a, ai, ai + BackupRecord.DIGEST_LENGTH, b, bi, bi + BackupRecord.DIGEST_LENGTH);
    }

    private static long readVoidTime(byte[] entries, int offset) {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            v = (v << 8) | (entries[offset + k] & 0xff);
        }
        return v;
    }
}
