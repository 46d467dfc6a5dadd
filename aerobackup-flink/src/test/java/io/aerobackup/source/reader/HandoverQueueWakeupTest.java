package io.aerobackup.source.reader;

import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flink behaviour that the backup reader ({@code source.changefeed.ChangeFeedReader}) works
 * around, reproduced on the handover queue alone: once a blocked put has been woken (as adding a
 * split to a busy fetcher does), the slot freed next is signalled to that old putter, and a later
 * fetcher's put waits on, with the queue empty. FLINK-37663 fixes it; when this test fails after a Flink upgrade, the fix has
 * arrived and the reader's one-split-at-a-time rule is no longer needed for this.
 */
class HandoverQueueWakeupTest {
    @Test
    void aWokenPutLeavesTheNextFetchersPutWaitingOnAnEmptyQueue() throws Exception {
        FutureCompletingBlockingQueue<String> queue = new FutureCompletingBlockingQueue<>(1);
        assertThat(queue.put(0, "batch")).isTrue();

        // Fetcher 0 blocks on the full queue and is woken, as SplitFetcher.addSplits does.
        AtomicReference<Boolean> woken = new AtomicReference<>();
        Thread first = putter(() -> woken.set(queue.put(0, "held back")));
        awaitWaiting(first);
        queue.wakeUpPuttingThread(0);
        first.join(5_000);
        assertThat(woken.get()).as("the woken put gave up without enqueuing").isFalse();

        // Fetcher 1 (its successor) blocks on the still-full queue; the reader then takes the batch.
        AtomicReference<Boolean> put = new AtomicReference<>();
        Thread second = putter(() -> put.set(queue.put(1, "next")));
        awaitWaiting(second);
        assertThat(queue.poll()).isEqualTo("batch");

        second.join(500);
        try {
            assertThat(queue.isEmpty()).isTrue();
            assertThat(second.getState()).as("the second put missed the freed slot").isEqualTo(Thread.State.WAITING);
            assertThat(queue.getAvailabilityFuture()).isNotDone();
        } finally {
            queue.wakeUpPuttingThread(1);
            second.join(5_000);
        }
    }

    private interface Put {
        void run() throws InterruptedException;
    }

    private static Thread putter(Put put) {
        Thread thread = new Thread(() -> {
            try {
                put.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as(thread.getName() + " blocked in put").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
