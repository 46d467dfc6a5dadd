package io.aerobackup.restore.sink;

import com.aerospike.client.IAerospikeClient;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.restore.summary.WriterOutcome;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes restored records in batches of {@code batchSize}, with at most {@code maxBatchesInFlight}
 * batches sent at a time on a small executor; {@link #write} blocks while all are in flight
 * (back-pressure). {@link #flush} (checkpoint and end of input) waits for every batch in flight.
 *
 * <p>Each batch reports its outcome (counts and the first error) through a concurrent queue that
 * the writer thread drains on every write and flush: metrics are only touched on this thread, and
 * an error raised on the executor fails the job at the next call, never lost. Batches may finish
 * out of order, which is fine because the restore input holds one version per digest.
 */
public final class AerospikeWriter implements CommittingSinkWriter<RestoreRecord, WriterOutcome> {
    private static final Logger LOG = LoggerFactory.getLogger(AerospikeWriter.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final IAerospikeClient client;
    private final RestoreWriteOptions options;
    private final RecordWriteMapper mapper;
    private final BatchSender sender;
    private final RestoreMetrics metrics;
    private final RestoreCounters counters;
    private final RecordRateLimiter limiter;
    private final Clock clock;
    private final ExecutorService executor;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<RestoreTally> completed = new ConcurrentLinkedQueue<>();
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
        this.inFlight = new Semaphore(options.maxBatchesInFlight());
        this.executor = Executors.newFixedThreadPool(options.maxBatchesInFlight(), daemonThreads());
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
        // Holding every permit means no batch is in flight; give them straight back.
        inFlight.acquire(options.maxBatchesInFlight());
        inFlight.release(options.maxBatchesInFlight());
        drainCompleted();
    }

    private void submit() throws IOException, InterruptedException {
        drainCompleted();
        List<WriteRow> batch = buffer;
        buffer = new ArrayList<>(options.batchSize());
        inFlight.acquire();
        try {
            executor.execute(() -> send(batch));
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw new IOException("the restore writer is closed; cannot send " + batch.size() + " records", e);
        }
    }

    /**
     * Runs on the executor. Whatever happens (even an Error), it reports a tally and frees the
     * permit: a lost permit would make the next flush wait forever.
     */
    private void send(List<WriteRow> batch) {
        RestoreTally tally = null;
        try {
            tally = sender.send(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally = failed(batch, "interrupted while writing", e);
        } catch (Throwable e) {
            tally = failed(batch, "failed while writing", e);
        } finally {
            completed.add(tally != null ? tally : failed(batch, "failed while writing", null));
            inFlight.release();
        }
    }

    private static RestoreTally failed(List<WriteRow> batch, String what, Throwable cause) {
        RestoreTally tally = new RestoreTally();
        tally.error(new IOException("a batch of " + batch.size() + " records starting with " + batch.get(0).digestHex()
                + " from " + batch.get(0).sourceFile() + " " + what + (cause == null ? "" : ": " + cause), cause));
        return tally;
    }

    private void drainCompleted() throws IOException {
        RestoreTally tally;
        while ((tally = completed.poll()) != null) {
            apply(tally);
        }
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
        executor.shutdownNow();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("restore writer threads still busy 30 s after close; closing the client anyway");
        }
        client.close();
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread t = new Thread(runnable, "aerobackup-restore-writer-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
