package io.aerobackup.restore.sink;

import com.aerospike.client.IAerospikeClient;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.restore.summary.RestoreSummary;
import io.aerobackup.restore.summary.RestoreSummaryWriter;
import io.aerobackup.restore.summary.WriterOutcome;
import io.aerobackup.restore.summary.WriterOutcomeSerializer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;

/**
 * Flink Sink V2 that writes restored records into an Aerospike cluster (at least once: a restart
 * re-writes records, which is harmless since restore writes are idempotent). One client per
 * writer; see {@link AerospikeWriter} for batching and {@link RecordWriteMapper} for keys and
 * policies.
 *
 * <p>Each writer hands what it did ({@link WriterOutcome}) on as its committable; with a summary
 * plan, the restore's final step ({@link RestoreSummaryWriter}, parallelism 1, after the no-op
 * committers) adds them up and writes the restore summary into the catalog, so a detached job
 * reports its outcome without a client.
 */
public final class AerospikeSink implements Sink<RestoreRecord>, SupportsCommitter<WriterOutcome>,
        SupportsPostCommitTopology<WriterOutcome> {
    private static final long serialVersionUID = 1L;

    private final ConnectionOptions connection;
    private final RestoreWriteOptions options;
    private final RestoreCounters counters;
    private final int filesVerified;
    private final RestoreSummary.Plan summary;

    public AerospikeSink(ConnectionOptions connection, RestoreWriteOptions options) {
        this(connection, options, null);
    }

    /** @param counters JVM-local counts for a local run's summary, or null */
    public AerospikeSink(ConnectionOptions connection, RestoreWriteOptions options, RestoreCounters counters) {
        this(connection, options, counters, 0);
    }

    /** @param filesVerified the files checked against their manifest before the job, for the writers' metrics */
    public AerospikeSink(ConnectionOptions connection, RestoreWriteOptions options, RestoreCounters counters,
                         int filesVerified) {
        this(connection, options, counters, filesVerified, null);
    }

    /** @param summary the restore whose summary the job writes at its end, or null for none */
    public AerospikeSink(ConnectionOptions connection, RestoreWriteOptions options, RestoreCounters counters,
                         int filesVerified, RestoreSummary.Plan summary) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.options = Objects.requireNonNull(options, "options");
        this.counters = counters;
        this.filesVerified = filesVerified;
        this.summary = summary;
    }

    public RestoreWriteOptions options() {
        return options;
    }

    @Override
    public CommittingSinkWriter<RestoreRecord, WriterOutcome> createWriter(WriterInitContext context) throws IOException {
        IAerospikeClient client = AerospikeClients.create(connection);
        return new AerospikeWriter(client, options, new RestoreMetrics(context.metricGroup(), filesVerified), counters,
                context.getTaskInfo().getNumberOfParallelSubtasks(), Clock.systemUTC());
    }

    /** The records are written by the writers already; the committables only carry their counts on. */
    @Override
    public Committer<WriterOutcome> createCommitter(CommitterInitContext context) {
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<WriterOutcome>> requests) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<WriterOutcome> getCommittableSerializer() {
        return new WriterOutcomeSerializer();
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<WriterOutcome>> committables) {
        if (summary != null) {
            committables.global().transform("restore-summary", Types.VOID, new RestoreSummaryWriter(summary))
                    .name("restore-summary").setParallelism(1).setMaxParallelism(1);
        }
    }
}
