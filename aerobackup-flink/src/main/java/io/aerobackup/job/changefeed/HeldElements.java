package io.aerobackup.job.changefeed;

import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.FeedElementSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a committer received before each checkpoint barrier, held per checkpoint until that
 * checkpoint completes (then it is released, oldest first). The binary form (and that of a
 * partition bit set) is shared by the change feed's and replication's committer state: count of
 * checkpoints, then per checkpoint its id, element count and elements ({@link FeedElementSerializer}).
 */
public final class HeldElements {
    private static final FeedElementSerializer ELEMENTS = FeedElementSerializer.INSTANCE;

    /** Takes one released element. */
    public interface Release<E extends Exception> {
        void accept(FeedElement element) throws E;
    }

    private final TreeMap<Long, List<FeedElement>> byCheckpoint = new TreeMap<>();
    /** What arrived since the last barrier; not part of the binary form (a barrier moves it in first). */
    private List<FeedElement> sinceLastBarrier = new ArrayList<>();

    /** Keeps what a committer acts on (files, counts, partition markers) until the next barrier. */
    public void receive(FeedElement e) {
        if (e.kind() == FeedElement.Kind.FILE || e.kind() == FeedElement.Kind.PARTITION_DONE) {
            sinceLastBarrier.add(e);
        }
    }

    /** What arrived since the last barrier becomes {@code checkpointId}'s. */
    public void barrier(long checkpointId) {
        hold(checkpointId, sinceLastBarrier);
        sinceLastBarrier = new ArrayList<>();
    }

    public void hold(long checkpointId, List<FeedElement> elements) {
        byCheckpoint.computeIfAbsent(checkpointId, id -> new ArrayList<>()).addAll(elements);
    }

    /** Hands every element of the checkpoints up to {@code checkpointId} to {@code release} and forgets them. */
    public <E extends Exception> void releaseUpTo(long checkpointId, Release<E> release) throws E {
        Iterator<Map.Entry<Long, List<FeedElement>>> it = byCheckpoint.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, List<FeedElement>> entry = it.next();
            if (entry.getKey() > checkpointId) {
                break;
            }
            for (FeedElement e : entry.getValue()) {
                release.accept(e);
            }
            it.remove();
        }
    }

    /** The elements held for {@code checkpointId} (empty when none). */
    public List<FeedElement> of(long checkpointId) {
        return byCheckpoint.getOrDefault(checkpointId, List.of());
    }

    public void writeTo(DataOutputView out) throws IOException {
        out.writeInt(byCheckpoint.size());
        for (Map.Entry<Long, List<FeedElement>> e : byCheckpoint.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().size());
            for (FeedElement element : e.getValue()) {
                ELEMENTS.serialize(element, out);
            }
        }
    }

    /** Adds what {@link #writeTo} wrote. */
    public void readFrom(DataInputView in) throws IOException {
        int checkpoints = in.readInt();
        for (int i = 0; i < checkpoints; i++) {
            long id = in.readLong();
            int n = in.readInt();
            List<FeedElement> elements = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                elements.add(ELEMENTS.deserialize(in));
            }
            hold(id, elements);
        }
    }

    /** A partition set: its word count, then the words. */
    public static void writeBits(BitSet bits, DataOutputView out) throws IOException {
        long[] words = bits.toLongArray();
        out.writeInt(words.length);
        for (long word : words) {
            out.writeLong(word);
        }
    }

    public static BitSet readBits(DataInputView in) throws IOException {
        long[] words = new long[in.readInt()];
        for (int i = 0; i < words.length; i++) {
            words[i] = in.readLong();
        }
        return BitSet.valueOf(words);
    }
}
