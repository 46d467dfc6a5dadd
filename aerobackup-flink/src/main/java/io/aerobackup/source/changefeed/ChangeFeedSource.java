package io.aerobackup.source.changefeed;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.source.reader.ScanProgress;
import io.aerobackup.source.reader.ScanReaderMetrics;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The continuous change feed: an unbounded FLIP-27 source that runs rounds of partition scans (a
 * full snapshot, or the records changed in a last-update window, plus an optional presence sweep
 * for deletes) and emits their records with one end marker per partition and round. Its position
 * (round, splits, per-partition cursors) is checkpointed, so a restored job continues without a
 * gap or a repeat. With {@link ChangeFeedOptions#bounded()} it runs one planned round and ends: that
 * is how full and incremental backups run.
 */
public final class ChangeFeedSource implements Source<FeedElement, RoundSplit, ChangeFeedEnumState>,
        ResultTypeQueryable<FeedElement> {
    private static final long serialVersionUID = 1L;

    private final ConnectionOptions connection;
    private final ScanOptions scan;
    private final ChangeFeedOptions options;
    private final ScanProgress progress;

    public ChangeFeedSource(ConnectionOptions connection, ScanOptions scan, ChangeFeedOptions options) {
        this(connection, scan, options, null);
    }

    /** {@code progress} (nullable) counts for a progress line in the submitting JVM. */
    public ChangeFeedSource(ConnectionOptions connection, ScanOptions scan, ChangeFeedOptions options,
                            ScanProgress progress) {
        this.connection = connection;
        this.scan = scan;
        this.options = options;
        this.progress = progress;
    }

    @Override
    public Boundedness getBoundedness() {
        return options.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<RoundSplit, ChangeFeedEnumState> createEnumerator(
            SplitEnumeratorContext<RoundSplit> context) {
        return new ChangeFeedEnumerator(context, connection, scan, options, null);
    }

    @Override
    public SplitEnumerator<RoundSplit, ChangeFeedEnumState> restoreEnumerator(
            SplitEnumeratorContext<RoundSplit> context, ChangeFeedEnumState state) {
        return new ChangeFeedEnumerator(context, connection, scan, options, state);
    }

    @Override
    public SimpleVersionedSerializer<RoundSplit> getSplitSerializer() {
        return RoundSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<ChangeFeedEnumState> getEnumeratorCheckpointSerializer() {
        return ChangeFeedEnumStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<FeedElement, RoundSplit> createReader(SourceReaderContext context) {
        if (progress != null) {
            progress.readerCreated(context.currentParallelism());
        }
        // No strategy at all without a limit: even a no-op one makes the reader wrap every record and
        // copy the split's cursors on every fetch.
        RateLimiterStrategy<RoundSplit> limiter = scan.recordsPerSecond() > 0
                ? RateLimiterStrategy.perSecond(scan.recordsPerSecond()) : null;
        return new ChangeFeedReader(() -> new RoundSplitReader(connection, scan, options.bounded()), context,
                new ScanReaderMetrics(context.metricGroup(), scan.partitionCount()), progress, limiter);
    }

    @Override
    public TypeInformation<FeedElement> getProducedType() {
        return FeedElementTypeInfo.INSTANCE;
    }
}
