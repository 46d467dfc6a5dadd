package io.aerobackup.job.replicate;

import io.aerobackup.config.ScanOptions;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.job.changefeed.HeldElements;
import io.aerobackup.source.changefeed.Round;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;

/**
 * Marks replication rounds applied; runs with parallelism 1. The partition markers and counts that
 * arrive before a checkpoint barrier are held as that checkpoint's (the appliers waited for every
 * write before the barrier); when the checkpoint completes they are applied, and each round whose
 * every partition is done is marked applied, oldest first: the totals and metrics move on and the
 * status file ({@link ReplicationStatus}) is rewritten. After a restore, what the restored
 * checkpoint held is applied again (marking a round applied twice is harmless: totals count a round
 * once, since its counts are in exactly one checkpoint).
 *
 * <p>Metrics (group {@code aerobackup}): replicationLagMillis (now minus the covered time of the last
 * applied round: a delta's window end, a full round's planning time; -1 before the first),
 * roundsApplied.
 */
public final class ReplicationCommitter extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<FeedElement, Void> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationCommitter.class);
    static final int STATE_VERSION = 1;

    private final String sourceNamespace;
    private final String destinationNamespace;
    private final int partitions;
    private final String statusTo;
    private final Clock clock;

    private transient ListState<byte[]> stored;
    private transient CommitterState state;
    private transient volatile long coveredUntilMillis;
    private transient Counter roundsApplied;

    public ReplicationCommitter(ReplicationSpec spec, Clock clock) {
        this.sourceNamespace = spec.scan().namespace();
        this.destinationNamespace = spec.destinationNamespace();
        this.partitions = spec.scan().partitionCount();
        this.statusTo = spec.statusTo();
        this.clock = clock;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        stored = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("replication-committer",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        state = new CommitterState();
        if (context.isRestored()) {
            for (byte[] bytes : stored.get()) {
                state = CommitterState.fromBytes(bytes);
            }
            coveredUntilMillis = state.lastCoveredUntil;
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        MetricGroup group = getMetricGroup().addGroup("aerobackup");
        group.gauge("replicationLagMillis", () -> coveredUntilMillis == 0 ? -1L
                : clock.millis() - coveredUntilMillis);
        roundsApplied = group.counter("roundsApplied");
        // Everything held was taken by a checkpoint that completed (a restore only uses those).
        applyUpTo(Long.MAX_VALUE);
    }

    @Override
    public void processElement(StreamRecord<FeedElement> element) {
        state.pending.receive(element.getValue());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        state.pending.barrier(context.getCheckpointId());
        stored.update(List.of(state.toBytes()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        applyUpTo(checkpointId);
    }

    private void applyUpTo(long checkpointId) {
        state.pending.releaseUpTo(checkpointId, state::apply);
        while (!state.rounds.isEmpty()) {
            CommitterState.Progress first = state.rounds.firstEntry().getValue();
            if (first.round == null || first.done.cardinality() < partitions) {
                return;
            }
            applied(first);
            state.rounds.pollFirstEntry();
        }
    }

    private void applied(CommitterState.Progress p) {
        Round round = p.round;
        if (round.number() <= state.lastRound) {
            return; // applied before a restart; its counts were taken then
        }
        long now = clock.millis();
        state.recordsApplied += p.records;
        state.deletesApplied += p.deletes;
        state.conflictsSkipped += p.conflicts;
        state.lastRound = round.number();
        state.lastRoundKind = round.kind();
        state.lastCoveredUntil = round.isFull() ? round.startedAtMillis() : round.toMillis();
        double seconds = Math.max(1, now - round.startedAtMillis()) / 1000.0;
        state.lastRecordsPerSecond = p.records / seconds;
        state.lastDeletesPerSecond = p.deletes / seconds;
        coveredUntilMillis = state.lastCoveredUntil;
        roundsApplied.inc();
        LOG.info("replication round {} ({} {}) applied: {} records, {} deletes, {} conflicts skipped; covered until {}",
                round.number(), round.kind(), round.backupId(), p.records, p.deletes, p.conflicts,
                Instant.ofEpochMilli(state.lastCoveredUntil));
        if (statusTo != null) {
            ReplicationStatus status = status(now);
            try {
                status.write(new Path(statusTo));
            } catch (IOException | RuntimeException e) {
                LOG.warn("replication round {} applied, but the status file {} could not be written: {}",
                        round.number(), statusTo, e.toString());
            }
        }
    }

    ReplicationStatus status(long now) {
        return new ReplicationStatus(ReplicationStatus.FORMAT_VERSION, sourceNamespace, destinationNamespace,
                state.lastRound, state.lastRoundKind, state.lastCoveredUntil, now, now - state.lastCoveredUntil,
                state.recordsApplied, state.deletesApplied, state.conflictsSkipped, state.lastRecordsPerSecond,
                state.lastDeletesPerSecond);
    }

    /** The committer's checkpointed state; binary form versioned ({@link #STATE_VERSION}). */
    static final class CommitterState {
        final TreeMap<Long, Progress> rounds = new TreeMap<>();
        final HeldElements pending = new HeldElements();
        long recordsApplied;
        long deletesApplied;
        long conflictsSkipped;
        long lastRound;
        String lastRoundKind = "";
        long lastCoveredUntil;
        double lastRecordsPerSecond;
        double lastDeletesPerSecond;

        void apply(FeedElement e) {
            Progress p = rounds.computeIfAbsent(e.roundNumber(), Progress::new);
            if (e.kind() == FeedElement.Kind.PARTITION_DONE) {
                p.round = e.round();
                p.done.set(e.partition());
                return;
            }
            AppliedCounts c = AppliedCounts.of(e);
            p.records += c.records();
            p.deletes += c.deletes();
            p.conflicts += c.conflicts();
        }

        byte[] toBytes() throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(512);
            out.writeInt(STATE_VERSION);
            out.writeLong(recordsApplied);
            out.writeLong(deletesApplied);
            out.writeLong(conflictsSkipped);
            out.writeLong(lastRound);
            out.writeUTF(lastRoundKind);
            out.writeLong(lastCoveredUntil);
            out.writeDouble(lastRecordsPerSecond);
            out.writeDouble(lastDeletesPerSecond);
            out.writeInt(rounds.size());
            for (Progress p : rounds.values()) {
                out.writeLong(p.number);
                out.writeBoolean(p.round != null);
                if (p.round != null) {
                    p.round.writeTo(out);
                }
                HeldElements.writeBits(p.done, out);
                out.writeLong(p.records);
                out.writeLong(p.deletes);
                out.writeLong(p.conflicts);
            }
            pending.writeTo(out);
            return out.getCopyOfBuffer();
        }

        static CommitterState fromBytes(byte[] bytes) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int version = in.readInt();
            if (version != STATE_VERSION) {
                throw new IOException("unknown replication committer state version " + version
                        + "; this aerobackup reads " + STATE_VERSION);
            }
            CommitterState s = new CommitterState();
            s.recordsApplied = in.readLong();
            s.deletesApplied = in.readLong();
            s.conflictsSkipped = in.readLong();
            s.lastRound = in.readLong();
            s.lastRoundKind = in.readUTF();
            s.lastCoveredUntil = in.readLong();
            s.lastRecordsPerSecond = in.readDouble();
            s.lastDeletesPerSecond = in.readDouble();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Progress p = new Progress(in.readLong());
                p.round = in.readBoolean() ? Round.readFrom(in) : null;
                p.done = HeldElements.readBits(in);
                p.records = in.readLong();
                p.deletes = in.readLong();
                p.conflicts = in.readLong();
                s.rounds.put(p.number, p);
            }
            s.pending.readFrom(in);
            return s;
        }

        /** What is known of one round so far. */
        static final class Progress {
            final long number;
            Round round;
            BitSet done = new BitSet(ScanOptions.PARTITIONS);
            long records;
            long deletes;
            long conflicts;

            Progress(long number) {
                this.number = number;
            }
        }
    }
}
