package io.aerobackup.source.changefeed;

import io.aerobackup.source.reader.ScanProgress;
import io.aerobackup.source.reader.ScanReaderMetrics;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads round splits on one fetcher thread, for the feed and for bounded backups alike. Tells the
 * enumerator when a split finished (with its record count), and at start which splits it holds,
 * then asks for work; between rounds its request simply waits at the enumerator.
 *
 * <p>It holds at most one split at a time: it asks for the next split only once every split it
 * holds has finished. A split added while the fetcher is blocked handing a full batch over wakes
 * that put, and Flink 2.2.1's {@code FutureCompletingBlockingQueue} then keeps the woken putter's
 * condition queued (FLINK-37663, fixed upstream but not in 2.2.1). The fetcher goes idle between
 * splits and is replaced, so the next fetcher's put waits on a different condition, the slot freed
 * by the reader signals the stale one, and the source hangs with an empty queue and a blocked
 * fetcher. Adding splits only to an idle fetcher never wakes a put.
 */
final class ChangeFeedReader
        extends SingleThreadMultiplexSourceReaderBase<ScanItem, FeedElement, RoundSplit, RoundSplitState> {
    private final ScanReaderMetrics metrics;
    private final ScanProgress progress;
    private final Set<String> held = new LinkedHashSet<>();

    /** {@code progress} is null when nobody in this JVM shows a progress line; {@code rateLimiter} null for no limit. */
    ChangeFeedReader(Supplier<SplitReader<ScanItem, RoundSplit>> splitReader, SourceReaderContext context,
                     ScanReaderMetrics metrics, ScanProgress progress, RateLimiterStrategy<RoundSplit> rateLimiter) {
        super(splitReader, new RoundRecordEmitter(metrics, progress), new Configuration(), context, rateLimiter);
        this.metrics = metrics;
        this.progress = progress;
    }

    @Override
    public void start() {
        context.sendSourceEventToCoordinator(new ReaderEvents.HeldSplits(new ArrayList<>(held)));
        requestSplitIfIdle();
    }

    @Override
    public void addSplits(List<RoundSplit> splits) {
        splits.forEach(s -> held.add(s.splitId()));
        super.addSplits(splits);
    }

    @Override
    protected void onSplitFinished(Map<String, RoundSplitState> finished) {
        for (Map.Entry<String, RoundSplitState> e : finished.entrySet()) {
            held.remove(e.getKey());
            int partitions = e.getValue().toSplit().partitions().count();
            metrics.partitionsDone(partitions);
            if (progress != null) {
                progress.partitionsDone(partitions);
            }
            context.sendSourceEventToCoordinator(
                    new ReaderEvents.SplitFinished(e.getKey(), e.getValue().recordsEmitted()));
        }
        requestSplitIfIdle();
    }

    private void requestSplitIfIdle() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected RoundSplitState initializedState(RoundSplit split) {
        return new RoundSplitState(split);
    }

    @Override
    protected RoundSplit toSplitType(String splitId, RoundSplitState state) {
        return state.toSplit();
    }
}
