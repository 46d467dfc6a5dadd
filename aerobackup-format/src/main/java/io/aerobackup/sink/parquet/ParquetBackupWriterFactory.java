package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;

import java.util.Objects;

/**
 * Writes backup Parquet files (docs/FORMAT.md, format 2.0) onto streams of any Flink file system
 * (Parquet only sees the stream Flink opened): the backup jobs' writers, compaction and the ASB
 * import. Each file is a {@link BackupFileWriter}.
 */
public final class ParquetBackupWriterFactory implements BulkWriter.Factory<BackupRecord> {
    private static final long serialVersionUID = 1L;

    /** Parquet's key for the ZSTD level (read by its ZstandardCodec). */
    static final String ZSTD_LEVEL_KEY = "parquet.compression.codec.zstd.level";

    private final ParquetWriteOptions options;

    public ParquetBackupWriterFactory() {
        this(ParquetWriteOptions.defaults());
    }

    public ParquetBackupWriterFactory(ParquetWriteOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public ParquetWriteOptions options() {
        return options;
    }

    @Override
    public BackupFileWriter create(FSDataOutputStream out) {
        return create(out, BackupFileWriter.SAMPLE_ROWS, BackupFileWriter.SAMPLE_BYTES);
    }

    /** With other schema-sampling bounds (tests use small ones). */
    BackupFileWriter create(FSDataOutputStream out, int sampleRows, long sampleBytes) {
        return new BackupFileWriter(new FlinkOutputFile(out), options, sampleRows, sampleBytes);
    }

    /** Parquet's plain configuration: no Hadoop Configuration (and its XML loading) on this path. */
    static PlainParquetConfiguration configuration(ParquetWriteOptions options) {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setInt(ZSTD_LEVEL_KEY, options.level());
        return conf;
    }

    /** Applies the options every backup file is written with, whatever its format version. */
    static <T, B extends ParquetWriter.Builder<T, B>> B configure(B builder, ParquetConfiguration conf,
                                                                   ParquetWriteOptions options) {
        return builder.withConf(conf)
                .withCompressionCodec(options.codec().parquetCodec())
                .withCodecFactory(ZstdPageCodecs.forWriting(conf, options.pageSize(), options.level()))
                .withRowGroupSize(options.rowGroupSize())
                .withPageSize(options.pageSize())
                .withPageWriteChecksumEnabled(options.pageChecksums())
                .withSizeStatisticsEnabled(false);
    }
}
