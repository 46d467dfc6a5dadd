package io.aerobackup.source.reader;

import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.source.split.PartitionSplitState;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/** Emits a record and only then moves its partition's cursor, so a checkpoint never runs ahead of the output. */
public final class ScanRecordEmitter implements RecordEmitter<BackupRecord, BackupRecord, PartitionSplitState> {
    private final ScanReaderMetrics metrics;
    private final ScanProgress progress;

    public ScanRecordEmitter(ScanReaderMetrics metrics, ScanProgress progress) {
        this.metrics = metrics;
        this.progress = progress;
    }

    @Override
    public void emitRecord(BackupRecord record, SourceOutput<BackupRecord> output, PartitionSplitState state) {
        output.collect(record);
        state.recordEmitted(record.partitionId(), record.digest());
        long bytes = RecordSizes.binBytes(record);
        metrics.recordRead(bytes);
        progress.recordRead(bytes);
    }
}
