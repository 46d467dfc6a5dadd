package io.aerobackup.source.changefeed;

import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.source.reader.ScanProgress;
import io.aerobackup.source.reader.ScanReaderMetrics;
import io.aerobackup.source.split.PartitionSplit;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits what a round's split produced and only then moves the split's state, so a checkpoint never
 * runs ahead of the output. A batch of records goes out in one call (no checkpoint falls inside it). A split's end markers (one PARTITION_DONE per partition) go out in one
 * call together with the "finished" flag, so no checkpoint falls between them.
 */
final class RoundRecordEmitter implements RecordEmitter<ScanItem, FeedElement, RoundSplitState> {
    private final ScanReaderMetrics metrics;
    private final ScanProgress progress;

    /** {@code progress} may be null (no progress line in this JVM). */
    RoundRecordEmitter(ScanReaderMetrics metrics, ScanProgress progress) {
        this.metrics = metrics;
        this.progress = progress;
    }

    @Override
    public void emitRecord(ScanItem item, SourceOutput<FeedElement> output, RoundSplitState state) {
        Round round = state.round();
        switch (item.type()) {
            case CHANGE:
                long bytes = 0;
                for (BackupRecord record : item.records()) {
                    output.collect(FeedElement.change(round, record));
                    state.changeEmitted(record.partitionId(), record.digest());
                    bytes += RecordSizes.binBytes(record);
                }
                metrics.recordsRead(item.records().size(), bytes);
                if (progress != null) {
                    progress.recordsRead(item.records().size(), bytes);
                }
                break;
            case PRESENCE:
                for (BackupRecord record : item.records()) {
                    output.collect(FeedElement.presence(round, record));
                    state.presenceEmitted(record.partitionId(), record.digest());
                }
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
