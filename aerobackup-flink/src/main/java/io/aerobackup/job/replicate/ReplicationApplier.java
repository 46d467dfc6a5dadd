package io.aerobackup.job.replicate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.exp.Expression;
import io.aerobackup.catalog.BackupIds;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.config.PartitionRange;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.restore.sink.BatchSender;
import io.aerobackup.restore.sink.BatchesInFlight;
import io.aerobackup.restore.sink.RecordWriteMapper;
import io.aerobackup.restore.sink.RestoreTally;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import io.aerobackup.restore.sink.SkipReason;
import io.aerobackup.restore.sink.WritePlan;
import io.aerobackup.source.changefeed.FeedElement;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the replication feed's rounds to the destination cluster: each CHANGE (a record, or a
 * DELETE found by the delete detector) becomes a write that replaces the whole destination record
 * (bins removed on the source disappear; set, stored key and the TTL left of the source's void-time
 * kept; an expired record is skipped, as a restore skips it) or a delete (durable on Enterprise
 * Edition), in the destination namespace, in batches with a bounded number in flight (the restore
 * writer's {@link BatchSender} and {@link BatchesInFlight}). Runs chained after the delete detector,
 * keyed by partition, so each partition's elements arrive in order and one applier writes them.
 *
 * <p><b>Conflict rule</b> (the destination keeps the newest version; records written directly on the
 * destination are never overwritten by older source versions). Scans do not return a record's
 * last-update time, so each write or delete carries a filter on the destination record's last-update
 * time ({@link ConflictFilter#firstAttempt}) and is applied without question when the destination
 * record does not exist, or was last updated
 * <ul>
 *   <li>before the round's window start (a delta's window start: every version the delta carries is
 *       newer); a full round has none;</li>
 *   <li>inside the apply span of an earlier round: the replicator's own write, which a later
 *       round's version always supersedes. A round's apply span runs from its planning time (none of
 *       its writes can be earlier) to the time this applier had every write of the round
 *       acknowledged (the last marker of the round for its partitions, or the first element of the
 *       next round);</li>
 *   <li>since the planning time of the round being applied (its own earlier writes: an upsert and
 *       the delete of the same record in one round, or writes repeated after a restart).</li>
 * </ul>
 * Otherwise the destination answers FILTERED_OUT and {@link ConflictResolver} resolves it exactly:
 * a write reads the source record's generation and last-update time; if the source still holds the
 * version carried (same generation) it is written only where the destination record is older than
 * the source's last-update time, else it is skipped. A delete is skipped (its time is unknown: the
 * destination's later write wins). Every skip counts in {@code conflictsSkipped}, except a write
 * kept out by a destination record that already holds the same bins (the replicator's own earlier
 * write of that version, after a fresh start or once its span was dropped): nothing to do.
 *
 * <p><b>A full round makes the destination equal to the source</b> (a fresh start follows deletes
 * made while no job ran): at the end of each partition the delete detector hands on every digest the
 * round found there (a DIGESTS element); the applier scans that partition of the destination
 * namespace without bin data ({@link DestinationExtras}: the replicated sets only; with no set given,
 * the whole namespace) and deletes every record the source did not have, under the filter "last
 * update before the round's planning time": a record written on the destination since then is kept
 * (a newer direct write wins) and counted in {@code conflictsSkipped}; the others count as deletes
 * applied.
 *
 * <p>Ambiguities, stated: apply spans use this applier's clock and last-update times the servers'
 * clocks, so the clocks of both clusters and the Flink task managers must be NTP-synchronized (as
 * XDR requires). A direct write on the destination made inside an apply span (while a round is being
 * written) is taken for the replicator's own and replaced by the round's version, even if the
 * source version is older. Spans are kept for the last {@value ApplierState#MAX_SPANS} rounds at
 * most, and dropped once they end before the current window: records last written by the replicator
 * before that are resolved exactly. A source record deleted and re-created with the same generation
 * between two rounds can look like the version carried. The window start of a delta is derived from the previous round's planning time less
 * the skew margin (the feed plans windows that way); an applier that never saw the previous round
 * resolves the round's conflicts exactly.
 *
 * <p>Exactly once: before every checkpoint barrier every batch in flight is waited for, so a
 * completed checkpoint means everything before the barrier is on the destination; writes are
 * idempotent, so a restart replays from the last checkpoint. Rounds are applied in order: a record
 * that appears twice before a wait (an upsert and its delete) first waits for every batch in flight,
 * and a new round starts only once the previous one is acknowledged. PARTITION_DONE markers go on to
 * the {@link ReplicationCommitter}, and before each barrier one count per round
 * ({@link AppliedCounts}).
 *
 * <p>State: {@link ApplierState} in union list state (spans survive a rescale). Metrics (group
 * {@code aerobackup}): recordsApplied, deletesApplied, conflictsSkipped (counters),
 * recordsAppliedPerSecond, deletesAppliedPerSecond (meters).
 */
public final class ReplicationApplier extends AbstractStreamOperator<FeedElement>
        implements OneInputStreamOperator<FeedElement, FeedElement> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationApplier.class);

    private final ReplicationSpec spec;
    private final Clock clock;

    private transient ListState<byte[]> stored;
    private transient ApplierState state;
    private transient AerospikeClient destination;
    private transient AerospikeClient source;
    private transient RecordWriteMapper mapper;
    private transient ConflictResolver resolver;
    private transient DestinationExtras extras;
    private transient BatchesInFlight batches;
    private transient RestoreWriteOptions write;
    private transient List<ConflictResolver.Row> buffer;
    private transient Set<ByteBuffer> upsertedSinceWait;
    private transient BitSet mine;
    private transient int mineCount;
    private transient Expression filter;
    private transient long filterRound;
    private transient Map<Long, AppliedCounts> counts;
    /** The id of the round in progress, once an element of it arrived in this attempt. */
    private transient String currentBackupId;
    private transient Counter recordsApplied;
    private transient Counter deletesApplied;
    private transient Counter conflictsSkipped;

    public ReplicationApplier(ReplicationSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        stored = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("replication-applier",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        state = context.isRestored() ? ApplierState.merged(stored.get()) : new ApplierState();
    }

    @Override
    public void open() throws Exception {
        super.open();
        write = replicationWrites(spec.write());
        mapper = new RecordWriteMapper(write);
        destination = AerospikeClients.create(spec.destination());
        source = AerospikeClients.create(spec.source());
        resolver = new ConflictResolver(new BatchSender(destination, write, spec.writeTimeout()), destination,
                new SourceVersions(source, spec.scan().namespace(), spec.writeTimeout(), write.maxRetries(),
                        write.retryBackoff()));
        extras = new DestinationExtras(destination, spec.destinationNamespace(), spec.scan().sets(),
                write.maxRetries());
        batches = new BatchesInFlight(write.maxBatchesInFlight(), "replication applier");
        buffer = new ArrayList<>(write.batchSize());
        upsertedSinceWait = new HashSet<>();
        counts = new LinkedHashMap<>();
        ownPartitions();
        MetricGroup group = getMetricGroup().addGroup("aerobackup");
        recordsApplied = group.counter("recordsApplied");
        deletesApplied = group.counter("deletesApplied");
        conflictsSkipped = group.counter("conflictsSkipped");
        group.meter("recordsAppliedPerSecond", new MeterView(recordsApplied));
        group.meter("deletesAppliedPerSecond", new MeterView(deletesApplied));
    }

    /**
     * Replication writes whole records (replace), with no generation check (the conflict filter
     * decides) and no set or bin filter; batching, retries, ignored codes and durable deletes as given.
     */
    static RestoreWriteOptions replicationWrites(RestoreWriteOptions given) {
        return RestoreWriteOptions.builder(given.namespace()).mode(RestoreWriteOptions.Mode.REPLACE)
                .generationCheck(false).ignoredResultCodes(given.ignoredResultCodes()).batchSize(given.batchSize())
                .maxBatchesInFlight(given.maxBatchesInFlight()).maxRetries(given.maxRetries())
                .retryBackoff(given.retryBackoff()).durableDeletes(given.durableDeletes()).build();
    }

    /** The partitions whose elements reach this applier (it runs at the keyed delete detector's parallelism). */
    private void ownPartitions() {
        int maxParallelism = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        mine = new BitSet();
        for (PartitionRange range : spec.scan().partitions()) {
            for (int p = range.begin(); p < range.end(); p++) {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(p, maxParallelism, parallelism) == index) {
                    mine.set(p);
                }
            }
        }
        mineCount = mine.cardinality();
    }

    @Override
    public void processElement(StreamRecord<FeedElement> element) throws Exception {
        FeedElement e = element.getValue();
        switch (e.kind()) {
            case CHANGE:
                enterRound(e);
                apply(e);
                break;
            case DIGESTS:
                enterRound(e);
                deleteExtras(e);
                break;
            case PARTITION_DONE:
                enterRound(e);
                output.collect(element);
                partitionDone(e);
                break;
            default:
                break; // PRESENCE and EXPIRED: the delete detector's business
        }
    }

    private void apply(FeedElement e) throws IOException, InterruptedException {
        boolean delete = e.record().operation() == RecordOperation.DELETE;
        ByteBuffer digest = ByteBuffer.wrap(e.record().digest());
        // An upsert and the delete of the same record in one round: the upsert must land first.
        if (delete && upsertedSinceWait.contains(digest)) {
            awaitAll();
        }
        WritePlan plan = mapper.map(new RestoreRecord(e.record(), "replication round " + e.roundNumber() + " ("
                + e.backupId() + ")"), clock.millis() / 1000);
        if (plan.isRejected()) {
            if (!write.ignoredResultCodes().contains(plan.rejectCode())) {
                throw new IOException("cannot replicate record " + e.record().digestHex() + ": " + plan.rejectReason());
            }
            return;
        }
        if (plan.row() == null) {
            return; // expired on the source: not written (its copy on the destination expires by itself)
        }
        if (!delete && !e.fullRound()) {
            upsertedSinceWait.add(digest);
        }
        buffer.add(new ConflictResolver.Row(plan.row().withFilter(filterFor(e)), e.record()));
        if (buffer.size() >= write.batchSize()) {
            submit();
        }
    }

    /**
     * A full round makes the destination's partition equal to the source's: the destination's
     * records the source did not have in this round are deleted, unless written after the round
     * was planned (a direct write newer than the copy wins; counted as a conflict). Their digests
     * are none of the round's own writes, so no ordering with those is needed.
     */
    private void deleteExtras(FeedElement e) throws IOException, InterruptedException {
        Long planned = state.roundStarts.get(e.roundNumber());
        if (planned == null) {
            return; // an element older than the round in progress (not expected: rounds arrive in order)
        }
        Expression beforeTheRound = ConflictFilter.olderThan(ConflictFilter.nanos(planned));
        long nowSeconds = clock.millis() / 1000;
        for (byte[] digest : extras.of(e.partition(), e.digestEntries())) {
            BackupRecord delete = new BackupRecord(digest, null, null, 0, 0, RecordOperation.DELETE, List.of());
            WritePlan plan = mapper.map(new RestoreRecord(delete, "replication round " + e.roundNumber() + " ("
                    + e.backupId() + "), a record the source lacks"), nowSeconds);
            buffer.add(new ConflictResolver.Row(plan.row().withFilter(beforeTheRound), delete));
            if (buffer.size() >= write.batchSize()) {
                submit();
            }
        }
    }

    /** A new round begins once the previous one is acknowledged, which closes its apply span. */
    private void enterRound(FeedElement e) throws IOException, InterruptedException {
        long round = e.roundNumber();
        if (round == state.currentRound) {
            currentBackupId = e.backupId(); // also after a restore in the middle of the round
            return;
        }
        if (round < state.currentRound) {
            return;
        }
        if (state.currentRound != 0) {
            finishRound();
        }
        state.currentRound = round;
        state.currentDone = new BitSet();
        state.roundStarted(round, BackupIds.startTime(e.backupId()).orElseThrow(() -> new IOException(
                "round " + round + " has no planning time in its id " + e.backupId())).toEpochMilli());
        currentBackupId = e.backupId();
    }

    private void partitionDone(FeedElement e) throws IOException, InterruptedException {
        if (e.roundNumber() != state.currentRound) {
            return;
        }
        state.currentDone.set(e.partition());
        BitSet left = (BitSet) mine.clone();
        left.andNot(state.currentDone);
        if (mineCount > 0 && left.isEmpty()) {
            finishRound();
        }
    }

    /** Waits for every write of the current round and records its apply span (once). */
    private void finishRound() throws IOException, InterruptedException {
        long round = state.currentRound;
        if (state.spans.containsKey(round)) {
            return;
        }
        awaitAll();
        Long start = state.roundStarts.get(round);
        if (start != null) {
            state.addSpan(new ApplySpan(round, start, Math.max(start, clock.millis())));
        }
    }

    /** The first attempt's filter of the element's round (cached for the round in progress). */
    private Expression filterFor(FeedElement e) {
        long round = e.roundNumber();
        if (filter != null && filterRound == round) {
            return filter;
        }
        Long windowStart = e.fullRound() ? null : state.deltaWindowStart(round, spec.skewMargin().toMillis());
        if (windowStart != null) {
            state.pruneBefore(windowStart);
        }
        Long start = state.roundStarts.get(round);
        if (start == null) {
            // An element older than the round in progress (not expected: rounds arrive in order).
            LOG.warn("replication round {} arrived after round {}; its writes are resolved exactly", round,
                    state.currentRound);
            start = Long.MAX_VALUE / ConflictFilter.NANOS_PER_MILLI;
        }
        Expression built = ConflictFilter.firstAttempt(windowStart, state.spansBefore(round), start);
        if (round == state.currentRound) {
            filter = built;
            filterRound = round;
        }
        return built;
    }

    private void submit() throws IOException, InterruptedException {
        batches.drain(this::count);
        List<ConflictResolver.Row> batch = buffer;
        buffer = new ArrayList<>(write.batchSize());
        batches.submit(() -> resolver.send(batch), (what, cause) -> failed(batch, what, cause));
    }

    /** Sends what is buffered and waits until every batch is acknowledged. */
    private void awaitAll() throws IOException, InterruptedException {
        if (!buffer.isEmpty()) {
            submit();
        }
        batches.awaitAll();
        batches.drain(this::count);
        upsertedSinceWait.clear();
    }

    private static RestoreTally failed(List<ConflictResolver.Row> batch, String what, Throwable cause) {
        RestoreTally tally = new RestoreTally();
        tally.error(new IOException("a batch of " + batch.size() + " records starting with "
                + batch.get(0).record().digestHex() + " " + what + (cause == null ? "" : ": " + cause), cause));
        return tally;
    }

    /** Runs on this operator's thread: batches of the round in progress finish before it changes. */
    private void count(RestoreTally tally) throws IOException {
        if (tally.error() != null) {
            throw tally.error();
        }
        long conflicts = tally.skippedFor(SkipReason.CONFLICT);
        recordsApplied.inc(tally.written());
        deletesApplied.inc(tally.deleted());
        conflictsSkipped.inc(conflicts);
        if (tally.written() + tally.deleted() + conflicts > 0) {
            counts.merge(state.currentRound, new AppliedCounts(currentBackupId, state.currentRound, tally.written(),
                    tally.deleted(), conflicts), (a, b) -> a.plus(b.records(), b.deletes(), b.conflicts()));
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        awaitAll();
        for (AppliedCounts c : counts.values()) {
            output.collect(new StreamRecord<>(c.toElement()));
        }
        counts.clear();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        stored.update(List.of(state.toBytes()));
    }

    @Override
    public void close() throws Exception {
        try {
            if (batches != null) {
                batches.close();
            }
        } finally {
            if (destination != null) {
                destination.close();
            }
            if (source != null) {
                source.close();
            }
            super.close();
        }
    }
}
