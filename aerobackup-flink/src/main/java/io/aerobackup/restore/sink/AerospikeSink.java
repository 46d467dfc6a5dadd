package io.aerobackup.restore.sink;

import com.aerospike.client.IAerospikeClient;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.restore.record.RestoreRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Flink Sink V2 that writes restored records into an Aerospike cluster (at least once: a restart
 * re-writes records, which is harmless since restore writes are idempotent). One client per
 * writer; see {@link AerospikeWriter} for batching and {@link RecordWriteMapper} for keys and
 * policies.
 */
public final class AerospikeSink implements Sink<RestoreRecord> {
    private static final long serialVersionUID = 1L;

    private final ConnectionOptions connection;
    private final RestoreWriteOptions options;
    private final RestoreCounters counters;
    private final int filesVerified;

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
        this.connection = Objects.requireNonNull(connection, "connection");
        this.options = Objects.requireNonNull(options, "options");
        this.counters = counters;
        this.filesVerified = filesVerified;
    }

    public RestoreWriteOptions options() {
        return options;
    }

    @Override
    public SinkWriter<RestoreRecord> createWriter(WriterInitContext context) throws IOException {
        IAerospikeClient client = AerospikeClients.create(connection);
        return new AerospikeWriter(client, options, new RestoreMetrics(context.metricGroup(), filesVerified), counters,
                context.getTaskInfo().getNumberOfParallelSubtasks(), Clock.systemUTC());
    }
}
