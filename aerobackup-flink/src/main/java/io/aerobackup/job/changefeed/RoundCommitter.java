package io.aerobackup.job.changefeed;

import com.aerospike.client.AerospikeClient;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.CommittedFile;
import io.aerobackup.catalog.Manifests;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.cluster.InfoClient;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.PartitionRange;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.FeedElementSerializer;
import io.aerobackup.source.changefeed.ManualRequest;
import io.aerobackup.source.changefeed.ManualTriggerRequests;
import io.aerobackup.source.changefeed.Round;
import io.aerobackup.source.changefeed.Trigger;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Commits the change feed's backups; runs with parallelism 1. The files and partition markers that
 * arrive before a checkpoint barrier are held as that checkpoint's; when the checkpoint completes
 * they are applied (files moved to their visible names, partitions counted), and each round whose
 * every partition is done gets its manifest, oldest round first. Everything is idempotent: after a
 * restore, what the restored checkpoint held is applied again and existing manifests are kept.
 *
 * <p>A bounded run (a full or incremental backup: one round) commits at the end of its input:
 * everything held (restored checkpoints and what arrived since) is applied at once, without waiting
 * for a final checkpoint, so a detached job commits its backup by itself. A round whose manifest
 * already exists (a restart after the commit) publishes nothing more: its new files stay hidden.
 *
 * <p>Metrics (group {@code aerobackup}): changeFeedLagMillis (now minus the covered time T of the
 * last committed backup), lastRoundRecords, lastRoundDurationMillis, roundsCommitted, recordsCommitted,
 * fileBytesCommitted.
 */
public final class RoundCommitter extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<FeedElement, Void>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RoundCommitter.class);
    private static final int STATE_VERSION = 1;
    private static final FeedElementSerializer ELEMENTS = FeedElementSerializer.INSTANCE;

    private final ConnectionOptions connection;
    private final ScanOptions scan;
    private final String destination;
    private final ParquetWriteOptions parquet;
    private final Map<String, String> optionsUsed;
    private final ChangeFeedOptions feed;
    private final Clock clock;

    private transient ListState<byte[]> state;
    private transient TreeMap<Long, RoundProgress> rounds;
    private transient HeldElements pending;
    private transient volatile long coveredUntilMillis;
    private transient volatile long lastRoundRecords;
    private transient volatile long lastRoundDurationMillis;
    private transient Counter roundsCommitted;
    private transient Counter recordsCommitted;
    private transient Counter fileBytesCommitted;

    public RoundCommitter(ConnectionOptions connection, ScanOptions scan, String destination,
                          ParquetWriteOptions parquet, Map<String, String> optionsUsed, ChangeFeedOptions feed) {
        this.connection = connection;
        this.scan = scan;
        this.destination = destination;
        this.parquet = parquet;
        this.optionsUsed = Map.copyOf(optionsUsed);
        this.feed = feed;
        this.clock = feed.clock();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        rounds = new TreeMap<>();
        pending = new HeldElements();
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("round-committer", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            for (byte[] bytes : state.get()) {
                readState(bytes);
            }
            // Everything held was taken by a checkpoint that completed (a restore only uses those).
            applyUpTo(Long.MAX_VALUE);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        MetricGroup group = getMetricGroup().addGroup("aerobackup");
        group.gauge("changeFeedLagMillis", () -> coveredUntilMillis == 0 ? -1L
                : clock.millis() - coveredUntilMillis);
        group.gauge("lastRoundRecords", () -> lastRoundRecords);
        group.gauge("lastRoundDurationMillis", () -> lastRoundDurationMillis);
        roundsCommitted = group.counter("roundsCommitted");
        recordsCommitted = group.counter("recordsCommitted");
        fileBytesCommitted = group.counter("fileBytesCommitted");
    }

    @Override
    public void processElement(StreamRecord<FeedElement> element) {
        pending.receive(element.getValue());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        pending.barrier(context.getCheckpointId());
        state.update(List.of(writeState()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        applyUpTo(checkpointId);
    }

    /** A bounded run's input ended: everything it wrote is here, so its round commits now. */
    @Override
    public void endInput() throws Exception {
        pending.barrier(Long.MAX_VALUE);
        applyUpTo(Long.MAX_VALUE);
    }

    private void applyUpTo(long checkpointId) throws IOException {
        pending.releaseUpTo(checkpointId, this::apply);
        commitCompletedRounds();
    }

    private void apply(FeedElement e) throws IOException {
        RoundProgress progress = rounds.computeIfAbsent(e.roundNumber(), n -> new RoundProgress(n, e.backupId()));
        if (e.kind() == FeedElement.Kind.PARTITION_DONE) {
            progress.round = e.round();
            progress.done.set(e.partition());
            return;
        }
        FeedElement.WrittenFile file = e.file();
        progress.expiries += file.expiries();
        if (file.hasFile() && !committedBefore(progress)) {
            progress.files.putIfAbsent(file.finalPath(), file);
            publish(file); // idempotent: a file applied before a failure is already in place
        }
    }

    /**
     * Whether the round's manifest exists: a restarted bounded run that committed before its
     * failure writes its files again, and they must stay hidden (looked up once per round and attempt).
     */
    private boolean committedBefore(RoundProgress progress) throws IOException {
        if (progress.committedBefore == null) {
            Path manifest = CatalogPaths.manifest(new Path(destination), scan.namespace(), progress.backupId);
            progress.committedBefore = manifest.getFileSystem().exists(manifest);
        }
        return progress.committedBefore;
    }

    /** Moves a finished file to its visible name; a file already moved stays as it is. */
    private static void publish(FeedElement.WrittenFile file) throws IOException {
        Path from = new Path(file.inProgressPath());
        Path to = new Path(file.finalPath());
        FileSystem fs = to.getFileSystem();
        if (fs.exists(from) && !fs.exists(to) && !fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to + " (check the destination's permissions)");
        }
        checkUnchanged(file);
    }

    /**
     * The file must be in place with the length its writer wrote: the manifest's rows and SHA-256
     * come from the writer, so a file deleted or replaced since would be listed wrongly.
     */
    private static void checkUnchanged(FeedElement.WrittenFile file) throws IOException {
        Path path = new Path(file.finalPath());
        FileSystem fs = path.getFileSystem();
        long length = fs.exists(path) ? fs.getFileStatus(path).getLen() : -1;
        if (length != file.bytes()) {
            throw new IOException("the data file " + path + " of backup " + file.backupId() + (length < 0
                    ? " is missing" : " holds " + length + " bytes, but " + file.bytes() + " were written")
                    + ": files were deleted or changed while the backup ran; the backup cannot be committed (run it"
                    + " again)");
        }
    }

    private void commitCompletedRounds() throws IOException {
        while (!rounds.isEmpty()) {
            RoundProgress first = rounds.firstEntry().getValue();
            if (first.round == null || first.done.cardinality() < scan.partitionCount()) {
                return;
            }
            commit(first);
            rounds.pollFirstEntry();
        }
    }

    private void commit(RoundProgress progress) throws IOException {
        Round round = progress.round;
        Catalog catalog = new Catalog(new Path(destination));
        Path manifestPath = CatalogPaths.manifest(catalog.root(), scan.namespace(), round.backupId());
        if (manifestPath.getFileSystem().exists(manifestPath)) {
            LOG.info("backup {} of change-feed round {} was already committed", round.backupId(), round.number());
            return;
        }
        List<CommittedFile> files = new ArrayList<>();
        long deletes = 0;
        for (FeedElement.WrittenFile f : progress.files.values()) {
            checkUnchanged(f);
            files.add(new CommittedFile(CatalogPaths.DATA + "/" + new Path(f.finalPath()).getName(), f.rows(),
                    f.bytes(), f.binBytes(), f.sha256()));
            deletes += f.deletes();
        }
        Map<String, String> options = new LinkedHashMap<>(optionsUsed);
        if (!feed.bounded()) {
            options.put("changeFeedRound", Long.toString(round.number()));
        }
        if (round.captureDeletes()) {
            options.put("deletesCaptured", Long.toString(deletes));
            options.put("expiriesSeen", Long.toString(progress.expiries));
        }
        if (round.triggerKind() != null) {
            options.putAll(new Trigger(Trigger.Kind.valueOf(round.triggerKind()), round.triggerReason())
                    .manifestOptions());
        }
        Instant finished = clock.instant();
        Metadata metadata = metadata();
        BackupManifest manifest = Manifests.of(new Manifests.Description(round.backupId(), round.kind(),
                round.parentId(), scan.namespace(), scan.sets(), round.fromMillis(), round.toMillis(),
                scan.partitions().stream().map(PartitionRange::toString).toList(),
                Instant.ofEpochMilli(round.startedAtMillis()), metadata.indexes, metadata.udfs, parquet.codecName(),
                parquet.level(), options), files, finished);
        long records = manifest.recordCount();
        // Encrypted files: the manifest records the key's id and carries an HMAC made with the key,
        // read here on the task manager as the file writers read it.
        catalog.commit(manifest, parquet.encryption().writeKey());
        if (round.isFull() && !feed.bounded()) {
            consumeManualRequests(round);
        }
        coveredUntilMillis = manifest.coverageEndMillis();
        lastRoundRecords = records;
        lastRoundDurationMillis = finished.toEpochMilli() - round.startedAtMillis();
        roundsCommitted.inc();
        recordsCommitted.inc(records);
        fileBytesCommitted.inc(manifest.fileBytes());
        LOG.info("change-feed round {} committed as {} {}: {} records ({} deletes) in {} files; covered until {}",
                round.number(), round.kind(), round.backupId(), records, deletes, files.size(),
                Instant.ofEpochMilli(coveredUntilMillis));
    }

    /** A full snapshot answers every manual request made before it started. */
    private void consumeManualRequests(Round round) {
        try {
            for (ManualRequest request : ManualTriggerRequests.pending(new Path(destination), scan.namespace())) {
                if (request.requestedAt().toEpochMilli() <= round.startedAtMillis()) {
                    ManualTriggerRequests.consume(new Path(destination), scan.namespace(), request);
                    LOG.info("manual full-snapshot request {} by {} served by {}", request.id(),
                            request.requestedBy(), round.backupId());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the manual requests served by {}: {}", round.backupId(), e.getMessage());
        }
    }

    /** Index and UDF definitions at commit time; a restore recreates them. */
    private Metadata metadata() {
        try (AerospikeClient client = AerospikeClients.create(connection)) {
            InfoClient info = new InfoClient(client);
            return new Metadata(info.secondaryIndexes(scan.namespace()), info.udfs());
        } catch (RuntimeException e) {
            LOG.warn("cannot read index and UDF definitions of {} ({}); the manifest lists none",
                    scan.namespace(), e.getMessage());
            return new Metadata(List.of(), List.of());
        }
    }

    private byte[] writeState() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(STATE_VERSION);
        out.writeInt(rounds.size());
        for (RoundProgress p : rounds.values()) {
            out.writeLong(p.number);
            out.writeUTF(p.backupId);
            out.writeBoolean(p.round != null);
            if (p.round != null) {
                p.round.writeTo(out);
            }
            HeldElements.writeBits(p.done, out);
            out.writeLong(p.expiries);
            out.writeInt(p.files.size());
            for (FeedElement.WrittenFile f : p.files.values()) {
                ELEMENTS.serialize(FeedElement.file(f), out);
            }
        }
        pending.writeTo(out);
        return out.getCopyOfBuffer();
    }

    private void readState(byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("unknown change-feed committer state version " + version);
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            RoundProgress p = new RoundProgress(in.readLong(), in.readUTF());
            p.round = in.readBoolean() ? Round.readFrom(in) : null;
            p.done = HeldElements.readBits(in);
            p.expiries = in.readLong();
            int files = in.readInt();
            for (int f = 0; f < files; f++) {
                FeedElement.WrittenFile file = ELEMENTS.deserialize(in).file();
                p.files.put(file.finalPath(), file);
            }
            rounds.put(p.number, p);
        }
        pending.readFrom(in);
    }

    /** What is known of one round so far. */
    private static final class RoundProgress {
        final long number;
        final String backupId;
        Round round;
        BitSet done = new BitSet(ScanOptions.PARTITIONS);
        long expiries;
        final Map<String, FeedElement.WrittenFile> files = new LinkedHashMap<>();
        /** Whether its manifest existed when this attempt first looked; null before it looked. */
        Boolean committedBefore;

        RoundProgress(long number, String backupId) {
            this.number = number;
            this.backupId = backupId;
        }
    }

    private record Metadata(List<BackupManifest.SecondaryIndex> indexes, List<BackupManifest.Udf> udfs) {
    }
}
