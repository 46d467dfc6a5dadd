package io.aerobackup.source.changefeed;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.source.reader.ScanReaderMetrics;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads round splits on one fetcher thread. Tells the enumerator when a split finished (with its
 * record count), and at start which splits it holds, then asks for work; between rounds its
 * request simply waits at the enumerator. Like {@link io.aerobackup.source.reader.ScanSourceReader}
 * it asks only once it holds no split, so a split never reaches a busy fetcher (FLINK-37663).
 */
final class ChangeFeedReader
        extends SingleThreadMultiplexSourceReaderBase<ScanItem, FeedElement, RoundSplit, RoundSplitState> {
    private final ScanReaderMetrics metrics;
    private final Set<String> held = new LinkedHashSet<>();

    ChangeFeedReader(ConnectionOptions connection, ScanOptions options, SourceReaderContext context,
                     ScanReaderMetrics metrics) {
        super(() -> new RoundSplitReader(connection, options), new RoundRecordEmitter(metrics), new Configuration(),
                context);
        this.metrics = metrics;
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
            metrics.partitionsDone(e.getValue().toSplit().partitions().count());
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
