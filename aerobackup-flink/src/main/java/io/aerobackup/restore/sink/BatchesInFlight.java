package io.aerobackup.restore.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Batches sent on a small executor, at most {@code maxInFlight} at a time: {@link #submit} blocks
 * while all are in flight (back-pressure), {@link #awaitAll} waits until none is. Each batch reports
 * its {@link RestoreTally} through a concurrent queue that the owner's thread drains
 * ({@link #drain}): metrics are only touched on that thread, and an error raised on the executor
 * is handed over, never lost. Batches may finish out of order. Used by the restore writer and the
 * replication applier.
 */
public final class BatchesInFlight implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchesInFlight.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Takes the tally of one finished batch, on the owner's thread. */
    public interface TallyConsumer {
        void accept(RestoreTally tally) throws IOException;
    }

    private final int maxInFlight;
    private final String what;
    private final ExecutorService executor;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<RestoreTally> completed = new ConcurrentLinkedQueue<>();

    /** {@code what} names the threads and the error of a submit after {@link #close}. */
    public BatchesInFlight(int maxInFlight, String what) {
        this.maxInFlight = maxInFlight;
        this.what = what;
        this.inFlight = new Semaphore(maxInFlight);
        this.executor = Executors.newFixedThreadPool(maxInFlight, daemonThreads(what));
    }

    /**
     * Runs {@code send} on the executor once a slot is free. Whatever happens (even an Error), the
     * batch reports a tally and frees its slot: a lost slot would make {@link #awaitAll} wait forever.
     * {@code failed} turns what went wrong ("interrupted while writing", the cause) into the tally.
     */
    public void submit(Callable<RestoreTally> send, BiFunction<String, Throwable, RestoreTally> failed)
            throws IOException, InterruptedException {
        inFlight.acquire();
        try {
            executor.execute(() -> run(send, failed));
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw new IOException("the " + what + " is closed; cannot send a batch", e);
        }
    }

    private void run(Callable<RestoreTally> send, BiFunction<String, Throwable, RestoreTally> failed) {
        RestoreTally tally = null;
        try {
            tally = send.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally = failed.apply("interrupted while writing", e);
        } catch (Throwable e) {
            tally = failed.apply("failed while writing", e);
        } finally {
            completed.add(tally != null ? tally : failed.apply("failed while writing", null));
            inFlight.release();
        }
    }

    /** Hands every finished batch's tally to {@code consumer}, on the calling thread. */
    public void drain(TallyConsumer consumer) throws IOException {
        RestoreTally tally;
        while ((tally = completed.poll()) != null) {
            consumer.accept(tally);
        }
    }

    /** Returns once no batch is in flight (their tallies wait for {@link #drain}). */
    public void awaitAll() throws InterruptedException {
        // Holding every permit means no batch is in flight; give them straight back.
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
    }

    /** Stops the threads; a failing or cancelled job does not wait for what is in flight. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("{} threads still busy 30 s after close", what);
        }
    }

    private static ThreadFactory daemonThreads(String what) {
        String prefix = "aerobackup-" + what.replace(' ', '-') + "-";
        return runnable -> {
            Thread t = new Thread(runnable, prefix + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
