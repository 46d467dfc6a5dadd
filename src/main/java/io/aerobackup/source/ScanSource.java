package io.aerobackup.source;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.BackupRecordTypeInfo;
import io.aerobackup.source.enumerator.ScanEnumState;
import io.aerobackup.source.enumerator.ScanEnumStateSerializer;
import io.aerobackup.source.enumerator.ScanEnumerator;
import io.aerobackup.source.reader.ScanProgress;
import io.aerobackup.source.reader.ScanReaderMetrics;
import io.aerobackup.source.reader.ScanSourceReader;
import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.source.split.PartitionSplitSerializer;
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
 * A bounded FLIP-27 source that scans an Aerospike namespace partition by partition: the
 * partitions are cut into splits, readers pull splits, and each split's state is the last digest
 * emitted per partition, so a restarted job resumes exactly where its checkpoint left off.
 */
public final class ScanSource implements Source<BackupRecord, PartitionSplit, ScanEnumState>,
        ResultTypeQueryable<BackupRecord> {
    private static final long serialVersionUID = 1L;

    private final ConnectionOptions connection;
    private final ScanOptions options;
    private final ScanProgress progress;

    public ScanSource(ConnectionOptions connection, ScanOptions options, ScanProgress progress) {
        this.connection = connection;
        this.options = options;
        this.progress = progress;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<PartitionSplit, ScanEnumState> createEnumerator(
            SplitEnumeratorContext<PartitionSplit> context) {
        return restoreEnumerator(context, ScanEnumState.initial());
    }

    @Override
    public SplitEnumerator<PartitionSplit, ScanEnumState> restoreEnumerator(
            SplitEnumeratorContext<PartitionSplit> context, ScanEnumState state) {
        return new ScanEnumerator(context, state, options.partitions(), options.partitionsPerSplit());
    }

    @Override
    public SimpleVersionedSerializer<PartitionSplit> getSplitSerializer() {
        return PartitionSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<ScanEnumState> getEnumeratorCheckpointSerializer() {
        return ScanEnumStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<BackupRecord, PartitionSplit> createReader(SourceReaderContext context) {
        progress.readerCreated(context.currentParallelism());
        RateLimiterStrategy<PartitionSplit> limiter = options.recordsPerSecond() > 0
                ? RateLimiterStrategy.perSecond(options.recordsPerSecond()) : RateLimiterStrategy.noOp();
        return new ScanSourceReader(connection, options, context, new ScanReaderMetrics(context.metricGroup(), options.partitionCount()),
                progress, limiter);
    }

    @Override
    public TypeInformation<BackupRecord> getProducedType() {
        return new BackupRecordTypeInfo();
    }
}
