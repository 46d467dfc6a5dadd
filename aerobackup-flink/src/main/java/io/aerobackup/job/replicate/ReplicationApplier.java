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
import io.aerobackup.restore.sink.WriteRow;
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
import java.util.TreeMap;

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
 *   <li>exactly at the time of the replicator's own last write of that record ({@link OwnWrites}):
 *       every write of a delta round reads back, in the same batch operation, the last-update time it
 *       left ({@code ExpOperation.read} of {@code Exp.lastUpdate()}), remembered per digest once
 *       acknowledged. A later round's version always supersedes the replicator's own write; a direct
 *       write since then has another time. A delete of a record upserted earlier in the same round
 *       first waits for that upsert, so it names the upsert's time. Entries older than the current
 *       window's start are dropped (the first clause covers them);</li>
 *   <li>inside a fallback span, for writes the replicator made but does not remember one by one:
 *       a full round's apply span (from its planning time to the time this applier had all its
 *       writes acknowledged), because remembering a whole namespace would cost about 28 bytes per
 *       record; and after a restore, the span from the planning time of the round in progress at the
 *       checkpoint to the restore (the failed attempt's writes after the checkpoint are not in the
 *       state). Spans are dropped once they end before the current window's start;</li>
 *   <li>in a full round only: since the round's planning time (its own earlier writes, such as
 *       writes repeated after a restart).</li>
 * </ul>
 * Otherwise the destination answers FILTERED_OUT and {@link ConflictResolver} resolves it exactly:
 * a write reads the source record's generation and last-update time; if the source still holds the
 * version carried (same generation) it is written only where the destination record is older than
 * the source's last-update time, else it is skipped. A delete is skipped (its time is unknown: the
 * destination's later write wins). Every skip counts in {@code conflictsSkipped}, except a write
 * kept out by a destination record that already holds the same bins (the replicator's own earlier
 * write of that version, after a fresh start or once it was forgotten): nothing to do.
 *
 * <p><b>A full round makes the destination equal to the source</b> (a fresh start follows deletes
 * made while no job ran): at the end of each partition the delete detector hands on every digest the
 * round found there (a DIGESTS element); the applier scans those partitions of the destination
 * namespace without bin data, up to {@value #EXTRAS_PARTITIONS} at a time and always before a
 * checkpoint barrier or the next round ({@link DestinationExtras}: the replicated sets only; with no
 * set given, the whole namespace) and deletes every record the source did not have, under the filter "last
 * update before the round's planning time": a record written on the destination since then is kept
 * (a newer direct write wins) and counted in {@code conflictsSkipped}; the others count as deletes
 * applied.
 *
 * <p>Ambiguities, stated: window starts and spans use the Flink clocks (the enumerator's, this
 * applier's) and last-update times the destination servers' clocks, so the clocks of both clusters
 * and the Flink task managers must be NTP-synchronized (as XDR requires). A direct write on the
 * destination made inside a fallback span (while a full round is applied and until the span drops,
 * normally with the second delta after it; or, after a restore, between the planning of the round
 * then in progress and the restore, which includes the time a job stopped with a savepoint was not
 * running) is taken for the replicator's own and replaced by the round's version, even if the source
 * version is older. Outside those spans, a direct write is told from the replicator's own by its
 * last-update time only: one made in the same millisecond as the replicator's own write of the same
 * record (last-update times have millisecond precision) is taken for the replicator's. Spans are
 * kept for the last {@value ApplierState#MAX_SPANS} rounds at most. A source record deleted and
 * re-created with the same generation between two rounds can look like the version carried. The
 * window start of a delta is derived from the previous round's planning time less the skew margin
 * (the feed plans windows that way); an applier that never saw the previous round knows only its own
 * writes and the spans, and resolves everything else exactly.
 *
 * <p>Exactly once: before every checkpoint barrier every batch in flight is waited for, so a
 * completed checkpoint means everything before the barrier is on the destination; writes are
 * idempotent, so a restart replays from the last checkpoint. Rounds are applied in order: a record
 * that appears twice before a wait (an upsert and its delete) first waits for every batch in flight,
 * and a new round starts only once the previous one is acknowledged. PARTITION_DONE markers go on to
 * the {@link ReplicationCommitter}, and before each barrier one count per round
 * ({@link AppliedCounts}).
 *
 * <p>State: {@link ApplierState} in union list state (spans and own writes survive a rescale; each
 * applier keeps the own writes of its partitions). Metrics (group
 * {@code aerobackup}): recordsApplied, deletesApplied, conflictsSkipped (counters),
 * recordsAppliedPerSecond, deletesAppliedPerSecond (meters).
 */
public final class ReplicationApplier extends AbstractStreamOperator<FeedElement>
        implements OneInputStreamOperator<FeedElement, FeedElement> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationApplier.class);
    /** Partitions whose extras are looked for in one task (one scan per run of consecutive ones). */
    static final int EXTRAS_PARTITIONS = 256;

    private final ReplicationSpec spec;
    private final Clock clock;

    private transient ListState<byte[]> stored;
    private transient ApplierState state;
    private transient AerospikeClient destination;
    private transient AerospikeClient source;
    private transient RecordWriteMapper mapper;
    private transient ConflictResolver resolver;
    private transient DestinationExtras extras;
    /** A full round's partitions whose destination extras are still to be found (partition to source digests). */
    private transient TreeMap<Integer, byte[]> pendingExtras;
    private transient long pendingExtrasRound;
    private transient String pendingExtrasBackupId;
    private transient BatchesInFlight batches;
    private transient RestoreWriteOptions write;
    private transient List<ConflictResolver.Row> buffer;
    private transient Set<ByteBuffer> upsertedSinceWait;
    private transient BitSet mine;
    private transient int mineCount;
    private transient Expression filter;
    private transient long filterRound;
    /** The window start of {@link #filterRound} (null: a full round, or unknown). */
    private transient Long filterWindowStart;
    /** Whether the round in progress is a full one (set by each of its elements). */
    private transient boolean currentFull;
    /** The last round whose writes were all waited for in this attempt. */
    private transient long finishedRound;
    /** When this attempt restored state (null: not restored, or its replay span is recorded). */
    private transient Long restoredAtMillis;
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
        restoredAtMillis = context.isRestored() ? clock.millis() : null;
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
        pendingExtras = new TreeMap<>();
        batches = new BatchesInFlight(write.maxBatchesInFlight(), "replication applier");
        buffer = new ArrayList<>(write.batchSize());
        upsertedSinceWait = new HashSet<>();
        counts = new LinkedHashMap<>();
        ownPartitions();
        state.ownWrites.retainPartitions(mine);
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
        WriteRow row = plan.row().withFilter(filterFor(e));
        if (delete || e.fullRound()) {
            state.ownWrites.forget(e.record().digest()); // deleted, or copied inside the full round's span
        } else {
            upsertedSinceWait.add(digest);
            row = row.alsoReading(OwnWrites.READ_LAST_UPDATE);
        }
        buffer.add(new ConflictResolver.Row(row, e.record()));
        if (buffer.size() >= write.batchSize()) {
            submit();
        }
    }

    /**
     * A full round makes the destination's partition equal to the source's: the destination's
     * records the source did not have in this round are deleted, unless written after the round
     * was planned (a direct write newer than the copy wins; counted as a conflict). Their digests
     * are none of the round's own writes, so no ordering with those is needed: partitions are
     * gathered (up to {@value #EXTRAS_PARTITIONS}, or until the next wait), then scanned together and
     * their extras deleted as one task among the batches in flight.
     */
    private void deleteExtras(FeedElement e) throws IOException, InterruptedException {
        if (!pendingExtras.isEmpty() && pendingExtrasRound != e.roundNumber()) {
            flushExtras();
        }
        pendingExtrasRound = e.roundNumber();
        pendingExtrasBackupId = e.backupId();
        pendingExtras.put(e.partition(), e.digestEntries());
        if (pendingExtras.size() >= EXTRAS_PARTITIONS) {
            flushExtras();
        }
    }

    private void flushExtras() throws IOException, InterruptedException {
        if (pendingExtras.isEmpty()) {
            return;
        }
        TreeMap<Integer, byte[]> partitions = pendingExtras;
        pendingExtras = new TreeMap<>();
        Long planned = state.roundStarts.get(pendingExtrasRound);
        if (planned == null) {
            return; // elements older than the round in progress (not expected: rounds arrive in order)
        }
        Expression beforeTheRound = ConflictFilter.olderThan(ConflictFilter.nanos(planned));
        String source = "replication round " + pendingExtrasRound + " (" + pendingExtrasBackupId
                + "), a record the source lacks";
        batches.drain(this::count);
        batches.submit(() -> deleteExtras(partitions, beforeTheRound, source), (what, cause) -> {
            RestoreTally tally = new RestoreTally();
            tally.error(new IOException("the destination's records of partitions " + partitions.firstKey() + ".."
                    + partitions.lastKey() + " that the source lacks " + what + (cause == null ? "" : ": " + cause),
                    cause));
            return tally;
        });
    }

    /** On a sender thread: finds the partitions' extras and deletes them in batches. */
    private RestoreTally deleteExtras(TreeMap<Integer, byte[]> partitions, Expression filter, String source)
            throws IOException, InterruptedException {
        RestoreTally tally = new RestoreTally();
        List<ConflictResolver.Row> rows = new ArrayList<>();
        for (byte[] digest : extras.of(partitions)) {
            BackupRecord delete = new BackupRecord(digest, null, null, 0, 0, RecordOperation.DELETE, List.of());
            // "now" (0) only matters for a TTL, which a delete has not
            rows.add(new ConflictResolver.Row(mapper.map(new RestoreRecord(delete, source), 0).row().withFilter(
                    filter), delete));
            if (rows.size() == write.batchSize()) {
                tally.add(resolver.send(rows));
                rows = new ArrayList<>();
            }
        }
        if (!rows.isEmpty()) {
            tally.add(resolver.send(rows));
        }
        return tally;
    }

    /** A new round begins once the previous one is acknowledged (which closes a full round's apply span). */
    private void enterRound(FeedElement e) throws IOException, InterruptedException {
        long round = e.roundNumber();
        if (restoredAtMillis != null) {
            replaySpan(e);
        }
        if (round == state.currentRound) {
            currentBackupId = e.backupId(); // also after a restore in the middle of the round
            currentFull = e.fullRound();
            return;
        }
        if (round < state.currentRound) {
            return;
        }
        if (state.currentRound != 0) {
            finishRound();
        }
        state.currentRound = round;
        currentFull = e.fullRound();
        state.currentDone = new BitSet();
        state.roundStarted(round, plannedAt(e));
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

    /**
     * Waits for every write of the current round (once); a full round's writes, not remembered one by
     * one, leave its apply span.
     */
    private void finishRound() throws IOException, InterruptedException {
        long round = state.currentRound;
        if (round == finishedRound) {
            return;
        }
        awaitAll();
        finishedRound = round;
        Long start = state.roundStarts.get(round);
        if (currentFull && start != null) {
            state.addSpan(new ApplySpan(round, start, Math.max(start, clock.millis())));
        }
    }

    /** The planning time of {@code e}'s round, which its backup id carries. */
    private static long plannedAt(FeedElement e) throws IOException {
        return BackupIds.startTime(e.backupId()).orElseThrow(() -> new IOException("round " + e.roundNumber()
                + " has no planning time in its id " + e.backupId())).toEpochMilli();
    }

    /**
     * The writes the failed attempt made after the checkpoint restored are remembered nowhere: from
     * the planning of the round then in progress (none can be earlier) to this restore, a
     * destination record is taken for the replicator's own (a fallback span).
     */
    private void replaySpan(FeedElement first) throws IOException {
        long round = state.currentRound != 0 ? state.currentRound : first.roundNumber();
        Long from = state.roundStarts.get(round);
        if (from == null) {
            from = plannedAt(first);
        }
        state.addSpan(new ApplySpan(round, from, Math.max(from, restoredAtMillis)));
        restoredAtMillis = null;
    }

    /**
     * The first attempt's filter of a row: the round's (cached for the round in progress), or, for a
     * record this applier wrote in a recent delta round, the same with its own last write named.
     */
    private Expression filterFor(FeedElement e) {
        Expression round = roundFilter(e);
        Long own = e.fullRound() ? null : state.ownWrites.lastWrite(e.record().digest());
        return own == null ? round : ConflictFilter.firstAttempt(filterWindowStart, own, state.spans.values(), null);
    }

    private Expression roundFilter(FeedElement e) {
        long round = e.roundNumber();
        if (filter != null && filterRound == round) {
            return filter;
        }
        Long windowStart = e.fullRound() ? null : state.deltaWindowStart(round, spec.skewMargin().toMillis());
        if (windowStart != null) {
            state.pruneBefore(windowStart);
            state.ownWrites.pruneBefore(ConflictFilter.nanos(windowStart));
        }
        Long start = state.roundStarts.get(round);
        if (start == null) {
            // An element older than the round in progress (not expected: rounds arrive in order).
            LOG.warn("replication round {} arrived after round {}; its writes are resolved exactly", round,
                    state.currentRound);
        }
        Expression built = ConflictFilter.firstAttempt(windowStart, null, state.spans.values(),
                e.fullRound() ? start : null);
        if (round == state.currentRound) {
            filter = built;
            filterRound = round;
            filterWindowStart = windowStart;
        }
        return built;
    }

    private void submit() throws IOException, InterruptedException {
        batches.drain(this::count);
        List<ConflictResolver.Row> batch = buffer;
        buffer = new ArrayList<>(write.batchSize());
        batches.submit(() -> resolver.send(batch), (what, cause) -> failed(batch, what, cause));
    }

    /** Sends what is buffered (and the extras gathered) and waits until every batch is acknowledged. */
    private void awaitAll() throws IOException, InterruptedException {
        flushExtras();
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
        for (RestoreTally.ReadBack written : tally.readBacks()) {
            Long lastUpdate = OwnWrites.readBack(written.record());
            if (lastUpdate != null) {
                state.ownWrites.remember(written.row().key().digest, lastUpdate);
            }
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
