package io.aerobackup.source.changefeed;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.source.split.PartitionSplit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The change feed's checkpointed and streamed forms read back exactly what was written. */
class ChangeFeedSerializersTest {
    private static final Round DELTA = FrozenFeedData.DELTA;
    private static final Round FULL = FrozenFeedData.FULL;

    private static byte[] digest(int seed) {
        return FrozenFeedData.digest(seed);
    }

    @Test
    void roundSplitWithCursorsAndPhaseRoundTrips() throws IOException {
        RoundSplit split = new RoundSplit(DELTA, new PartitionSplit(16, 8, Map.of(17, digest(1), 20, digest(2))),
                RoundSplit.Phase.SWEEP, true, 42);
        byte[] bytes = RoundSplitSerializer.INSTANCE.serialize(split);
        RoundSplit back = RoundSplitSerializer.INSTANCE.deserialize(RoundSplitSerializer.CURRENT_VERSION, bytes);
        assertThat(back.round()).isEqualTo(DELTA);
        assertThat(back.partitions()).isEqualTo(split.partitions());
        assertThat(back.phase()).isEqualTo(RoundSplit.Phase.SWEEP);
        assertThat(back.finished()).isTrue();
        assertThat(back.recordsEmitted()).isEqualTo(42);
        assertThat(back.splitId()).isEqualTo("7:16+8");
        assertThatThrownBy(() -> RoundSplitSerializer.INSTANCE.deserialize(99, bytes))
                .hasMessageContaining("Unknown RoundSplit version 99");
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        ChangeFeedEnumState state = new ChangeFeedEnumState(9, FULL, List.of(RoundSplit.fresh(FULL, 0, 2048)),
                Set.of("8:0+2048", "8:2048+2048"), 123, "last-id", 5000L, 6000L,
                new ChangeFeedEnumState.ChainFigures(4000L, 100, 3, 30), new TriggerState(55, false));
        byte[] bytes = ChangeFeedEnumStateSerializer.INSTANCE.serialize(state);
        ChangeFeedEnumState back = ChangeFeedEnumStateSerializer.INSTANCE.deserialize(
                ChangeFeedEnumStateSerializer.CURRENT_VERSION, bytes);
        assertThat(back.nextRoundNumber()).isEqualTo(9);
        assertThat(back.current()).isEqualTo(FULL);
        assertThat(back.unassigned()).extracting(RoundSplit::splitId).containsExactly("8:0+2048");
        assertThat(back.unfinished()).isEqualTo(state.unfinished());
        assertThat(back.currentRoundRecords()).isEqualTo(123);
        assertThat(back.lastBackupId()).isEqualTo("last-id");
        assertThat(back.nextWindowFromMillis()).isEqualTo(5000L);
        assertThat(back.lastRoundStartMillis()).isEqualTo(6000L);
        assertThat(back.chain()).isEqualTo(state.chain());
        assertThat(back.spaceState()).isEqualTo(state.spaceState());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> ChangeFeedEnumStateSerializer.INSTANCE.deserialize(
                ChangeFeedEnumStateSerializer.CURRENT_VERSION, truncated))
                .isInstanceOf(IOException.class);
    }

    @Test
    void everyFeedElementKindRoundTrips() throws IOException {
        BackupRecord record = new BackupRecord(digest(3), "set", null, 4, 77, RecordOperation.UPSERT,
                List.of(new BackupBin("v", io.aerobackup.record.ParticleTypes.STRING, "value")));
        List<FeedElement> elements = List.of(FeedElement.change(DELTA, record), FeedElement.presence(DELTA, record),
                FeedElement.partitionDone(FULL, 4095), FeedElement.expired(7, DELTA.backupId(), 12, 3),
                FeedElement.file(new FeedElement.WrittenFile("id", 7, "/a/.p.inprogress", "/a/p", 10, 2000, 900,
                        "abc", 2, 1)),
                FeedElement.file(new FeedElement.WrittenFile("id", 7, null, null, 0, 0, 0, null, 0, 5)));
        for (FeedElement e : elements) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            FeedElementSerializer.INSTANCE.serialize(e, out);
            FeedElement back = FeedElementSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back.kind()).isEqualTo(e.kind());
            assertThat(back.roundNumber()).isEqualTo(e.roundNumber());
            assertThat(back.backupId()).isEqualTo(e.backupId());
            assertThat(back.fullRound()).isEqualTo(e.fullRound());
            assertThat(back.record()).isEqualTo(e.record());
            assertThat(back.partition()).isEqualTo(e.partition());
            assertThat(back.round()).isEqualTo(e.round());
            assertThat(back.file()).isEqualTo(e.file());
        }
    }
}
