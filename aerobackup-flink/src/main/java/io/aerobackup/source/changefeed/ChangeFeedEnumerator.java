package io.aerobackup.source.changefeed;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.cluster.Node;
import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.cluster.InfoClient;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.source.split.SplitCutter;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Plans the change feed's rounds, one after another: a full snapshot when there is no chain yet or
 * a trigger fires, otherwise a delta over {@code [end of the previous round, now - margin)}. A
 * round's splits go to readers as they ask; the next round is planned once every split of the
 * current one is reported finished and {@code --interval} has passed since it started.
 *
 * <p>After a restore the enumerator does not trust its list of unfinished splits until every
 * reader has said which splits it holds: a split finished between the enumerator's checkpoint and
 * the reader's is held by nobody, and counts as finished.
 *
 * <p>A bounded run ({@link ChangeFeedOptions#bounded()}: a full or incremental backup) plans nothing:
 * it starts its planned round at once and, when every split of it is finished, tells each reader
 * there are no more splits, so the source ends.
 */
public final class ChangeFeedEnumerator implements SplitEnumerator<RoundSplit, ChangeFeedEnumState> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedEnumerator.class);

    private final SplitEnumeratorContext<RoundSplit> context;
    private final ConnectionOptions connection;
    private final ScanOptions scan;
    private final ChangeFeedOptions options;
    private final FullSnapshotPolicy policy;

    private long nextRoundNumber;
    private Round current;
    private final Deque<RoundSplit> unassigned = new ArrayDeque<>();
    private final Set<String> unfinished = new LinkedHashSet<>();
    private long currentRoundRecords;
    private String lastBackupId;
    private Long nextWindowFromMillis;
    private Long lastRoundStartMillis;
    private ChangeFeedEnumState.ChainFigures chain;
    private TriggerState spaceState;
    private final boolean fresh;

    private final Set<Integer> waitingReaders = new LinkedHashSet<>();
    private final Map<Integer, List<String>> heldReports = new HashMap<>();
    private boolean reconciling;
    private boolean endSignalled;
    private AerospikeClient infoClient;
    /** Set on the coordinator thread: only then does a tick pay for the catalog listing and info calls. */
    private volatile boolean planning;

    public ChangeFeedEnumerator(SplitEnumeratorContext<RoundSplit> context, ConnectionOptions connection,
                                ScanOptions scan, ChangeFeedOptions options, ChangeFeedEnumState restored) {
        this.context = context;
        this.connection = connection;
        this.scan = scan;
        this.options = options;
        this.policy = new FullSnapshotPolicy(options.triggers());
        this.fresh = restored == null;
        long firstRound = options.bounded() ? options.plannedRound().number() : 1;
        ChangeFeedEnumState s = restored != null ? restored : new ChangeFeedEnumState(firstRound, null, List.of(), Set.of(),
                0, null, null, null, ChangeFeedEnumState.ChainFigures.none(), TriggerState.initial());
        nextRoundNumber = s.nextRoundNumber();
        current = s.current();
        unassigned.addAll(s.unassigned());
        unfinished.addAll(s.unfinished());
        currentRoundRecords = s.currentRoundRecords();
        lastBackupId = s.lastBackupId();
        nextWindowFromMillis = s.nextWindowFromMillis();
        lastRoundStartMillis = s.lastRoundStartMillis();
        chain = s.chain();
        spaceState = s.spaceState();
        // Only a restored round in progress has splits whose fate the readers must confirm.
        reconciling = restored != null && current != null;
    }

    @Override
    public void start() {
        if (fresh && options.bounded()) {
            start(options.plannedRound());
        } else if (fresh && options.continuesChain()) {
            continueFromCatalog();
        }
        context.callAsync(this::observe, this::onObservation, 0, options.tickMillis());
    }

    /** A new job continues the chain it finds at the destination, or starts one with a full snapshot. */
    private void continueFromCatalog() {
        try {
            Catalog catalog = new Catalog(new Path(options.destination()));
            Optional<BackupManifest> latest = catalog.latest(scan.namespace());
            if (latest.isPresent()) {
                lastBackupId = latest.get().backupId();
                nextWindowFromMillis = latest.get().coverageEndMillis() - options.skewMargin().toMillis();
                ChainStatistics stats = ChainStatistics.of(catalog, scan.namespace());
                chain = new ChangeFeedEnumState.ChainFigures(
                        stats.lastFullStart() == null ? null : stats.lastFullStart().toEpochMilli(),
                        stats.recordsInLastFull(), stats.deltasSinceFull(), stats.recordsInDeltasSinceFull());
                LOG.info("change feed of {} continues the chain after {} from {}", scan.namespace(), lastBackupId,
                        Instant.ofEpochMilli(nextWindowFromMillis));
            } else {
                LOG.info("no backup of {} under {} yet: the change feed starts with a full snapshot",
                        scan.namespace(), options.destination());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the catalog at " + options.destination() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Runs on a worker thread: what the triggers need from outside (used space, manual requests). */
    private Observation observe() throws IOException {
        Instant now = options.clock().instant();
        if (!planning) {
            return new Observation(now, false, OptionalInt.empty(), List.of());
        }
        OptionalInt usedSpace = OptionalInt.empty();
        if (options.triggers().usedSpacePercent() > 0) {
            usedSpace = usedSpacePercent();
        }
        List<ManualRequest> requests = options.destination() == null ? List.of()
                : ManualTriggerRequests.pending(new Path(options.destination()), scan.namespace());
        return new Observation(now, true, usedSpace, requests);
    }

    private OptionalInt usedSpacePercent() {
        try {
            if (infoClient == null) {
                infoClient = AerospikeClients.create(connection);
            }
            InfoClient info = new InfoClient(infoClient);
            List<Map<String, String>> stats = new ArrayList<>();
            for (Node node : infoClient.getNodes()) {
                stats.add(info.namespaceStatistics(node, scan.namespace()));
            }
            return UsedSpace.fullestNode(stats);
        } catch (RuntimeException e) {
            LOG.warn("cannot read the used space of namespace {} ({}); the space trigger waits for the next check",
                    scan.namespace(), e.getMessage());
            return OptionalInt.empty();
        }
    }

    /** Runs on the coordinator thread: completes the current round, plans the next when due. */
    private void onObservation(Observation observation, Throwable error) {
        if (error != null) {
            LOG.warn("change-feed check failed, retrying at the next tick: {}", error.getMessage());
            return;
        }
        if (reconciling) {
            return;
        }
        if (options.bounded()) {
            endIfRoundDone();
            return;
        }
        if (current != null && unassigned.isEmpty() && unfinished.isEmpty()) {
            completeRound();
        }
        if (current == null && roundDue(observation.now()) && observation.complete()) {
            planRound(observation);
        }
        planning = current == null && roundDue(options.clock().instant());
    }

    /** A bounded run's end: once its round is done, every reader learns there is nothing more. */
    private void endIfRoundDone() {
        if (reconciling) {
            return;
        }
        if (current != null && unassigned.isEmpty() && unfinished.isEmpty()) {
            completeRound();
        }
        if (current == null && !endSignalled) {
            // Once: readers that register or ask later hear it in assignTo.
            for (Integer reader : new ArrayList<>(context.registeredReaders().keySet())) {
                context.signalNoMoreSplits(reader);
            }
            waitingReaders.clear();
            endSignalled = true;
        }
    }

    private boolean roundDue(Instant now) {
        return lastRoundStartMillis == null
                || now.toEpochMilli() >= lastRoundStartMillis + options.interval().toMillis();
    }

    private void completeRound() {
        Round done = current;
        if (done.isFull()) {
            chain = chain.afterFull(done.startedAtMillis(), currentRoundRecords);
            nextWindowFromMillis = done.startedAtMillis() - options.skewMargin().toMillis();
        } else {
            chain = chain.afterDelta(currentRoundRecords);
            nextWindowFromMillis = done.toMillis();
        }
        lastBackupId = done.backupId();
        LOG.info("change-feed round {} ({} {}) finished scanning: {} records", done.number(), done.kind(),
                done.backupId(), currentRoundRecords);
        current = null;
        currentRoundRecords = 0;
    }

    private void planRound(Observation observation) {
        Instant now = observation.now();
        Round round;
        if (lastBackupId == null) {
            round = full(now, new Trigger(Trigger.Kind.NO_CHAIN, options.continuesChain()
                    ? "no backup of the namespace at the destination yet"
                    : "a new replication copies the whole namespace first"));
        } else {
            Long lastFullStart = chain.lastFullStartMillis();
            Optional<ManualRequest> manual = observation.requests().stream()
                    .filter(r -> lastFullStart == null || r.requestedAt().toEpochMilli() > lastFullStart)
                    .findFirst();
            TriggerInputs inputs = new TriggerInputs(now, lastFullStart == null ? null
                    : Instant.ofEpochMilli(lastFullStart), chain.deltasSinceFull(), chain.recordsInDeltasSinceFull(),
                    chain.recordsInLastFull(), observation.usedSpacePercent(), manual, spaceState);
            FullSnapshotPolicy.Decision decision = policy.decide(inputs);
            spaceState = decision.spaceState();
            if (decision.trigger().isPresent()) {
                round = full(now, decision.trigger().get());
            } else {
                long to = now.toEpochMilli() - options.skewMargin().toMillis();
                if (to <= nextWindowFromMillis) {
                    return; // too soon after the previous window: wait for the next tick
                }
                round = new Round(nextRoundNumber, BackupManifest.DELTA, BackupIds.newId(now, BackupManifest.DELTA),
                        lastBackupId, nextWindowFromMillis, to, now.toEpochMilli(), null, null,
                        options.captureDeletes());
            }
        }
        start(round);
    }

    private Round full(Instant now, Trigger trigger) {
        LOG.info("change feed of {} takes a full snapshot: {} ({})", scan.namespace(), trigger.kind(), trigger.reason());
        return new Round(nextRoundNumber, BackupManifest.FULL, BackupIds.newId(now, BackupManifest.FULL), null, null,
                null, now.toEpochMilli(), trigger.kind().name(), trigger.reason(), options.captureDeletes());
    }

    private void start(Round round) {
        current = round;
        nextRoundNumber++;
        lastRoundStartMillis = round.startedAtMillis();
        currentRoundRecords = 0;
        for (PartitionSplit range : SplitCutter.cut(scan.partitions(), scan.partitionsPerSplit(),
                context.currentParallelism())) {
            RoundSplit split = RoundSplit.fresh(round, range.begin(), range.count());
            unassigned.add(split);
            unfinished.add(split.splitId());
        }
        LOG.info("change-feed round {} started: {} {}{} in {} splits", round.number(), round.kind(), round.backupId(),
                round.isDelta() ? " window [" + Instant.ofEpochMilli(round.fromMillis()) + ", "
                        + Instant.ofEpochMilli(round.toMillis()) + ")" : "", unassigned.size());
        for (Integer reader : new ArrayList<>(waitingReaders)) {
            assignTo(reader);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        if (!context.registeredReaders().containsKey(subtaskId)) {
            return;
        }
        assignTo(subtaskId);
    }

    private void assignTo(int subtaskId) {
        RoundSplit split = unassigned.pollFirst();
        if (split == null && options.bounded() && current == null) {
            context.signalNoMoreSplits(subtaskId);
            return;
        }
        if (split == null) {
            waitingReaders.add(subtaskId); // the feed never says "no more splits"
            return;
        }
        waitingReaders.remove(subtaskId);
        context.assignSplit(split, subtaskId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof ReaderEvents.SplitFinished finished) {
            if (unfinished.remove(finished.splitId())) {
                currentRoundRecords += finished.records();
            }
            if (options.bounded()) {
                endIfRoundDone(); // without waiting for the next tick
            }
        } else if (event instanceof ReaderEvents.HeldSplits held) {
            heldReports.put(subtaskId, held.splitIds());
            if (reconciling && heldReports.keySet().containsAll(allSubtasks())) {
                reconcile();
            }
        }
    }

    private Set<Integer> allSubtasks() {
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < context.currentParallelism(); i++) {
            all.add(i);
        }
        return all;
    }

    private void reconcile() {
        Set<String> alive = new HashSet<>();
        heldReports.values().forEach(alive::addAll);
        unassigned.forEach(s -> alive.add(s.splitId()));
        int before = unfinished.size();
        unfinished.retainAll(alive);
        reconciling = false;
        LOG.info("after the restore, {} of {} unfinished splits of round {} are still held or unassigned",
                unfinished.size(), before, current.number());
        if (options.bounded()) {
            endIfRoundDone();
        }
    }

    /**
     * A reader failed: the splits it took since the last checkpoint come back, and whatever it
     * emitted of them since was lost downstream, so they count as unfinished again (even if they
     * reported finished). A bounded run whose round was done reopens it: the failover restarted
     * every task, so the round's output since the checkpoint must be read again before it ends. In
     * the feed, a split of a round the enumerator already completed is read again too, ahead of the
     * current round: the committer commits rounds in order and waits for every partition of it.
     */
    @Override
    public void addSplitsBack(List<RoundSplit> splits, int subtaskId) {
        // Newest round first, each to the front: the oldest round's splits end up first in line.
        List<RoundSplit> newestFirst = new ArrayList<>(splits);
        newestFirst.sort(Comparator.comparingLong((RoundSplit s) -> s.round().number()).reversed());
        for (RoundSplit split : newestFirst) {
            if (current == null && options.bounded() && split.round().equals(options.plannedRound())) {
                current = split.round();
                endSignalled = false;
                LOG.info("a reader failed after round {} was done: its splits are read again", current.number());
            }
            if (current != null && split.round().number() == current.number()) {
                unassigned.addFirst(split);
                unfinished.add(split.splitId());
            } else if (!options.bounded()) {
                unassigned.addFirst(split);
                LOG.info("a reader failed after round {} was done scanning: split {} is read again",
                        split.round().number(), split.splitId());
            }
        }
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers pull: they ask for a split when they start and each time they finish one.
    }

    @Override
    public ChangeFeedEnumState snapshotState(long checkpointId) {
        return new ChangeFeedEnumState(nextRoundNumber, current, new ArrayList<>(unassigned),
                new LinkedHashSet<>(unfinished), currentRoundRecords, lastBackupId, nextWindowFromMillis,
                lastRoundStartMillis, chain, spaceState);
    }

    @Override
    public void close() {
        if (infoClient != null) {
            infoClient.close();
        }
    }

    /** What the worker thread saw; without {@code complete} only the time (no round was due). */
    private record Observation(Instant now, boolean complete, OptionalInt usedSpacePercent,
                               List<ManualRequest> requests) {
    }
}
