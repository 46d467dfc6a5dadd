package io.aerobackup.job;

import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.source.ScanSource;
import io.aerobackup.source.reader.ScanProgress;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** The backup data flow: partition-scan source into Parquet files, committed by the file sink on checkpoints. */
public final class BackupPipeline {
    private BackupPipeline() {
    }

    /**
     * Adds the backup to {@code env}. {@code between} may transform the stream between source and
     * sink (tests use it to inject failures); production passes {@link UnaryOperator#identity()}.
     */
    public static void build(StreamExecutionEnvironment env, BackupSpec spec, String backupId, ScanProgress progress,
                             UnaryOperator<DataStream<BackupRecord>> between) {
        ScanSource source = new ScanSource(spec.connection(), spec.scan(), progress);
        DataStream<BackupRecord> records = env.fromSource(source, WatermarkStrategy.noWatermarks(),
                "aerospike-scan-" + spec.scan().namespace());
        Path dataDir = CatalogPaths.dataDir(new Path(spec.destination()), spec.scan().namespace(), backupId);
        FileSink<BackupRecord> sink = FileSink
                .forBulkFormat(dataDir, new ParquetBackupWriterFactory(spec.parquet()))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(new SizeAndCheckpointRollingPolicy(spec.maxFileBytes()))
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
        between.apply(records).sinkTo(sink).name("parquet-snapshot");
    }

    /** Bulk formats must roll on checkpoints; this also rolls a file once it passes the size limit. */
    static final class SizeAndCheckpointRollingPolicy extends CheckpointRollingPolicy<BackupRecord, String> {
        private static final long serialVersionUID = 1L;
        /**
         * The part file's size is asked for once per this many records: on a local file system each
         * ask is a system call (it cost ~4% of a backup's CPU per record), and a file grows by at
         * most a few hundred KB between asks.
         */
        static final int CHECK_EVERY = 1024;
        private final long maxBytes;
        private transient int sinceCheck;

        SizeAndCheckpointRollingPolicy(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean shouldRollOnEvent(PartFileInfo<String> partFile, BackupRecord element) throws IOException {
            if (maxBytes <= 0 || ++sinceCheck < CHECK_EVERY) {
                return false;
            }
            sinceCheck = 0;
            return partFile.getSize() >= maxBytes;
        }

        @Override
        public boolean shouldRollOnProcessingTime(PartFileInfo<String> partFile, long currentTime) {
            return false;
        }
    }
}
