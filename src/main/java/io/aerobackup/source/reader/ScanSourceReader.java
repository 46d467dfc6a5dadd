package io.aerobackup.source.reader;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.source.split.PartitionSplitState;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

import java.util.Map;

/**
 * Reads splits on one fetcher thread, holding at most one request's worth of splits at a time: it
 * asks the enumerator for the next split only once every split it holds has finished.
 *
 * <p>Why never more: a split added while the fetcher is blocked handing a full batch over wakes
 * that put, and Flink 2.2.1's {@code FutureCompletingBlockingQueue} then keeps the woken putter's
 * condition queued (FLINK-37663, fixed upstream but not in 2.2.1). The fetcher goes idle between splits and is
 * replaced, so the next fetcher's put waits on a different condition, the slot freed by the
 * reader signals the stale one, and the source hangs with an empty queue and a blocked fetcher.
 * Adding splits only to an idle fetcher never wakes a put.
 */
public final class ScanSourceReader
        extends SingleThreadMultiplexSourceReaderBase<BackupRecord, BackupRecord, PartitionSplit, PartitionSplitState> {
    private final ScanReaderMetrics metrics;
    private final ScanProgress progress;

    public ScanSourceReader(ConnectionOptions connection, ScanOptions options, SourceReaderContext context,
                            ScanReaderMetrics metrics, ScanProgress progress,
                            RateLimiterStrategy<PartitionSplit> rateLimiter) {
        super(() -> new PartitionSplitReader(connection, options), new ScanRecordEmitter(metrics, progress),
                new Configuration(), context, rateLimiter);
        this.metrics = metrics;
        this.progress = progress;
    }

    /** A restored reader already holds its splits (added before start); it asks once they are done. */
    @Override
    public void start() {
        requestSplitIfIdle();
    }

    @Override
    protected void onSplitFinished(Map<String, PartitionSplitState> finished) {
        for (PartitionSplitState state : finished.values()) {
            metrics.partitionsDone(state.split().count());
            progress.partitionsDone(state.split().count());
        }
        requestSplitIfIdle();
    }

    private void requestSplitIfIdle() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected PartitionSplitState initializedState(PartitionSplit split) {
        return new PartitionSplitState(split);
    }

    @Override
    protected PartitionSplit toSplitType(String splitId, PartitionSplitState state) {
        return state.toSplit();
    }
}
