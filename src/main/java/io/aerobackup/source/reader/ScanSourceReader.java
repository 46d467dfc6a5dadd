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

/** Reads splits on one fetcher thread; asks the enumerator for the next split whenever one finishes. */
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

    @Override
    public void start() {
        context.sendSplitRequest();
    }

    @Override
    protected void onSplitFinished(Map<String, PartitionSplitState> finished) {
        for (PartitionSplitState state : finished.values()) {
            metrics.partitionsDone(state.split().count());
            progress.partitionsDone(state.split().count());
        }
        context.sendSplitRequest();
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
