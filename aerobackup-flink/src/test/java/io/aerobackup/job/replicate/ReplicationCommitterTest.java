package io.aerobackup.job.replicate;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.Round;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committer marks a round applied only once a completed checkpoint holds every partition of it,
 * oldest round first, counts each round once across a restore, and writes the status file; its
 * state's bytes are frozen.
 */
class ReplicationCommitterTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Four partitions keep the markers few. */
    private static final ScanOptions SCAN = ScanOptions.builder("test").partitions(0, 4).build();
    private static final Round FULL = new Round(1, BackupManifest.FULL, "20261203T000000000Z-full-0001", null, null,
            null, 1_000_000L, "NO_CHAIN", "a new replication copies the whole namespace first", true);
    private static final Round DELTA = new Round(2, BackupManifest.DELTA, "20261203T000001000Z-delta-0002",
            FULL.backupId(), 1_000_000L, 1_001_000L, 1_001_000L, null, null, true);
    private static final long NOW = 1_003_000L;

    /** CommitterState version 1 of {@link #sampleState()}. */
    private static final String STATE_V1 =
            "000000010000000000000064000000000000000200000000000000010000000000000001000466756c6c00000000000f"
            + "424040494000000000003fd0000000000000000000010000000000000002010000000000000002000564656c7461001e"
            + "3230323631323033543030303030313030305a2d64656c74612d3030303201001d323032363132303354303030303030"
            + "3030305a2d66756c6c2d303030310100000000000f42400100000000000f462800000000000f46280000010000000100"
            + "000000000000080000000000000005000000000000000100000000000000000000000100000000000000070000000201"
            + "020000000000000002001e3230323631323033543030303030313030305a2d64656c74612d3030303200020000000000"
            + "000002000564656c7461001e3230323631323033543030303030313030305a2d64656c74612d3030303201001d323032"
            + "3631323033543030303030303030305a2d66756c6c2d303030310100000000000f42400100000000000f462800000000"
            + "000f462800000101040000000000000002001e3230323631323033543030303030313030305a2d64656c74612d303030"
            + "32001e3230323631323033543030303030313030305a2d64656c74612d30303032000000000000000200000000000000"
            + "00010000000000000000000000000000000000000000000000000000000000000000";

    @TempDir
    java.nio.file.Path temp;

    private String statusTo() {
        return temp.resolve("status.json").toUri().toString();
    }

    private ReplicationSpec spec() {
        return new ReplicationSpec(new ConnectionOptions("127.0.0.1:3000", Duration.ofSeconds(1)), SCAN,
                new ConnectionOptions("127.0.0.1:3100", Duration.ofSeconds(1)), "standby", Duration.ofSeconds(1),
                Duration.ZERO, Duration.ofSeconds(1), 1, null, null, 0, Map.of(), statusTo(),
                RestoreWriteOptions.builder("standby").build(), Duration.ZERO);
    }

    private OneInputStreamOperatorTestHarness<FeedElement, Void> harness(OperatorSubtaskState restored)
            throws Exception {
        OneInputStreamOperator<FeedElement, Void> committer = new ReplicationCommitter(spec(),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        OneInputStreamOperatorTestHarness<FeedElement, Void> harness = new OneInputStreamOperatorTestHarness<>(
                committer);
        if (restored != null) {
            harness.initializeState(restored);
        }
        return harness;
    }

    private static void done(OneInputStreamOperatorTestHarness<FeedElement, Void> harness, Round round, int from,
                             int to) throws Exception {
        for (int p = from; p < to; p++) {
            harness.processElement(new StreamRecord<>(FeedElement.partitionDone(round, p)));
        }
    }

    private static void counts(OneInputStreamOperatorTestHarness<FeedElement, Void> harness, Round round,
                               long records, long deletes, long conflicts) throws Exception {
        harness.processElement(new StreamRecord<>(new AppliedCounts(round.backupId(), round.number(), records,
                deletes, conflicts).toElement()));
    }

    private ReplicationStatus status() {
        return ReplicationTestSupport.status(statusTo());
    }

    @Test
    void aRoundIsAppliedWhenACompletedCheckpointHoldsAllItsPartitions() throws Exception {
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> harness = harness(null)) {
            harness.open();
            counts(harness, FULL, 100, 0, 0);
            done(harness, FULL, 0, 4);
            counts(harness, DELTA, 5, 2, 1);
            done(harness, DELTA, 0, 2);
            harness.snapshot(1, 1);
            assertThat(status()).as("nothing before the checkpoint completes").isNull();

            harness.notifyOfCompletedCheckpoint(1);
            ReplicationStatus afterFull = status();
            assertThat(afterFull.lastRound()).isEqualTo(1);
            assertThat(afterFull.lastRoundKind()).isEqualTo(BackupManifest.FULL);
            assertThat(afterFull.coveredUntilMillis()).as("a full covers its planning time").isEqualTo(1_000_000L);
            assertThat(afterFull.recordsApplied()).isEqualTo(100);
            assertThat(afterFull.lastRoundRecordsPerSecond()).isEqualTo(100 / 3.0);

            done(harness, DELTA, 2, 4);
            harness.snapshot(2, 2);
            assertThat(status().lastRound()).as("round 2's last partitions wait for their checkpoint").isEqualTo(1);
            harness.notifyOfCompletedCheckpoint(2);
            ReplicationStatus afterDelta = status();
            assertThat(afterDelta).isEqualTo(new ReplicationStatus(1, "test", "standby", 2, BackupManifest.DELTA,
                    1_001_000L, NOW, 2_000, 105, 2, 1, 5 / 2.0, 2 / 2.0));
        }
    }

    @Test
    void aRestoreAppliesTheRestoredCheckpointOnceAndKeepsTheTotals() throws Exception {
        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> harness = harness(null)) {
            harness.open();
            counts(harness, FULL, 100, 0, 0);
            done(harness, FULL, 0, 4);
            snapshot = harness.snapshot(1, 1);
            harness.notifyOfCompletedCheckpoint(1);
        }
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> harness = harness(snapshot)) {
            harness.open();
            assertThat(status().recordsApplied()).isEqualTo(100);
            counts(harness, DELTA, 7, 0, 0);
            done(harness, DELTA, 0, 4);
            harness.snapshot(2, 2);
            harness.notifyOfCompletedCheckpoint(2);
            assertThat(status().recordsApplied()).as("round 1 counted once").isEqualTo(107);
            assertThat(status().lastRound()).isEqualTo(2);
        }
    }

    static ReplicationCommitter.CommitterState sampleState() {
        ReplicationCommitter.CommitterState state = new ReplicationCommitter.CommitterState();
        state.recordsApplied = 100;
        state.deletesApplied = 2;
        state.conflictsSkipped = 1;
        state.lastRound = 1;
        state.lastRoundKind = BackupManifest.FULL;
        state.lastCoveredUntil = 1_000_000L;
        state.lastRecordsPerSecond = 50.5;
        state.lastDeletesPerSecond = 0.25;
        state.apply(FeedElement.partitionDone(DELTA, 3));
        state.apply(new AppliedCounts(DELTA.backupId(), 2, 5, 1, 0).toElement());
        state.pending.hold(7L, List.of(FeedElement.partitionDone(DELTA, 2),
                new AppliedCounts(DELTA.backupId(), 2, 1, 0, 0).toElement()));
        return state;
    }

    @Test
    void frozenStateBytesOfVersionOne() throws IOException {
        assertThat(HEX.formatHex(sampleState().toBytes())).isEqualTo(STATE_V1);
        ReplicationCommitter.CommitterState read = ReplicationCommitter.CommitterState
                .fromBytes(HEX.parseHex(STATE_V1));
        assertThat(read.toBytes()).isEqualTo(sampleState().toBytes());
        assertThat(read.rounds.get(2L).records).isEqualTo(5);
        assertThat(read.rounds.get(2L).done.get(3)).isTrue();
        assertThat(read.pending.of(7L)).hasSize(2);
    }
}
