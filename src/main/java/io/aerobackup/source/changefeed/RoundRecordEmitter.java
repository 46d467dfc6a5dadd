package io.aerobackup.source.changefeed;

import io.aerobackup.record.RecordSizes;
import io.aerobackup.source.reader.ScanReaderMetrics;
import io.aerobackup.source.split.PartitionSplit;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits what a round's split produced and only then moves the split's state, so a checkpoint never
 * runs ahead of the output. A split's end markers (one PARTITION_DONE per partition) go out in one
 * call together with the "finished" flag, so no checkpoint falls between them.
 */
final class RoundRecordEmitter implements RecordEmitter<ScanItem, FeedElement, RoundSplitState> {
    private final ScanReaderMetrics metrics;

    RoundRecordEmitter(ScanReaderMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(ScanItem item, SourceOutput<FeedElement> output, RoundSplitState state) {
        Round round = state.round();
        switch (item.type()) {
            case CHANGE:
                output.collect(FeedElement.change(round, item.record()));
                state.changeEmitted(item.record().partitionId(), item.record().digest());
                metrics.recordRead(RecordSizes.binBytes(item.record()));
                break;
            case PRESENCE:
                output.collect(FeedElement.presence(round, item.record()));
                state.presenceEmitted(item.record().partitionId(), item.record().digest());
                break;
            case SWEEP_START:
                state.startSweep();
                break;
            case SPLIT_DONE:
                PartitionSplit range = state.toSplit().partitions();
                for (int p = range.begin(); p < range.begin() + range.count(); p++) {
                    output.collect(FeedElement.partitionDone(round, p));
                }
                state.markFinished();
                break;
            default:
                throw new IllegalStateException("unknown scan item " + item.type());
        }
    }
}
