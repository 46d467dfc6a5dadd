package io.aerobackup.restore.sink;

import com.aerospike.client.IAerospikeClient;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.restore.summary.WriterOutcome;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes restored records in batches of {@code batchSize}, with at most {@code maxBatchesInFlight}
 * batches sent at a time ({@link BatchesInFlight}); {@link #write} blocks while all are in flight
 * (back-pressure). {@link #flush} (checkpoint and end of input) waits for every batch in flight.
 *
 * <p>Each batch's outcome (counts and the first error) is drained on every write and flush: an
 * error raised on the executor fails the job at the next call, never lost. Batches may finish out
 * of order, which is fine because the restore input holds one version per digest.
 */
public final class AerospikeWriter implements CommittingSinkWriter<RestoreRecord, WriterOutcome> {

    private final IAerospikeClient client;
    private final RestoreWriteOptions options;
    private final RecordWriteMapper mapper;
    private final BatchSender sender;
    private final RestoreMetrics metrics;
    private final RestoreCounters counters;
    private final RecordRateLimiter limiter;
    private final Clock clock;
    private final BatchesInFlight batches;
    private List<WriteRow> buffer;
    private IOException failure;
    // What this writer did since its last committable (the end of input: restores run in batch mode).
    private long written;
    private long deleted;
    private long binBytes;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final Map<Integer, Long> failed = new TreeMap<>();

    /**
     * @param client     owned by the writer, closed by {@link #close()}
     * @param counters   the run's JVM-local counters, or null
     * @param parallelism the sink's parallelism: the records-per-second limit is shared by all subtasks
     */
    public AerospikeWriter(IAerospikeClient client, RestoreWriteOptions options, RestoreMetrics metrics,
                           RestoreCounters counters, int parallelism, Clock clock) {
        this.client = client;
        this.options = options;
        this.mapper = new RecordWriteMapper(options);
        this.sender = new BatchSender(client, options);
        this.metrics = metrics;
        this.counters = counters;
        this.limiter = new RecordRateLimiter((double) options.recordsPerSecond() / Math.max(1, parallelism));
        this.clock = clock;
        this.batches = new BatchesInFlight(options.maxBatchesInFlight(), "restore writer");
        this.buffer = new ArrayList<>(options.batchSize());
    }

    @Override
    public void write(RestoreRecord element, Context context) throws IOException, InterruptedException {
        // Completed batches are collected once per batch (submit, flush), not per record: polling the
        // queue that the sender threads fill cost ~9% of a restore's CPU in cache-line contention.
        if (failure != null) {
            throw failure;
        }
        limiter.acquire();
        // millis() is System.currentTimeMillis for the system clock: cheaper than an Instant per record.
        WritePlan plan = mapper.map(element, clock.millis() / 1000);
        if (plan.row() != null) {
            buffer.add(plan.row());
            if (buffer.size() >= options.batchSize()) {
                submit();
            }
            return;
        }
        RestoreTally tally = new RestoreTally();
        if (plan.isRejected()) {
            int code = plan.rejectCode();
            tally.failed(code);
            if (!options.ignoredResultCodes().contains(code)) {
                tally.error(BatchSender.failure(element.record().digestHex(), element.sourceFile(), code,
                        plan.rejectReason()));
            }
        } else {
            tally.skipped(plan.skipReason());
        }
        apply(tally);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        drainCompleted();
        if (!buffer.isEmpty()) {
            submit();
        }
        batches.awaitAll();
        drainCompleted();
    }

    private void submit() throws IOException, InterruptedException {
        drainCompleted();
        List<WriteRow> batch = buffer;
        buffer = new ArrayList<>(options.batchSize());
        batches.submit(() -> sender.send(batch), (what, cause) -> failed(batch, what, cause));
    }

    private static RestoreTally failed(List<WriteRow> batch, String what, Throwable cause) {
        RestoreTally tally = new RestoreTally();
        tally.error(new IOException("a batch of " + batch.size() + " records starting with " + batch.get(0).digestHex()
                + " from " + batch.get(0).sourceFile() + " " + what + (cause == null ? "" : ": " + cause), cause));
        return tally;
    }

    private void drainCompleted() throws IOException {
        batches.drain(this::apply);
        if (failure != null) {
            throw failure;
        }
    }

    private void apply(RestoreTally tally) throws IOException {
        metrics.apply(tally);
        written += tally.written;
        deleted += tally.deleted;
        binBytes += tally.bytes;
        tally.skipped.forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
        tally.failed.forEach((code, n) -> failed.merge(code, n, Long::sum));
        if (counters != null) {
            counters.add(tally);
        }
        if (tally.error() != null && failure == null) {
            failure = tally.error();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** What this writer did since the last call: the committable its final step adds up. */
    @Override
    public List<WriterOutcome> prepareCommit() throws IOException {
        drainCompleted();
        Map<String, Long> skippedByCode = new TreeMap<>();
        skipped.forEach((reason, n) -> skippedByCode.put(reason.code(), n));
        WriterOutcome outcome = new WriterOutcome(written, deleted, binBytes, skippedByCode, failed);
        written = 0;
        deleted = 0;
        binBytes = 0;
        skipped.clear();
        failed.clear();
        return List.of(outcome);
    }

    @Override
    public void close() throws Exception {
        // Normal ends flush first; a failing or cancelled job does not wait for what is in flight.
        batches.close();
        client.close();
    }
}
