package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Writes backup Parquet files (docs/FORMAT.md) for Flink's FileSink:
 * {@code FileSink.forBulkFormat(dir, new ParquetBackupWriterFactory(options))}. Works on any Flink
 * file system, since Parquet only sees the stream Flink opened. Rows go through
 * {@link BackupWriteSupport}, straight from the record to Parquet's column writers.
 */
public final class ParquetBackupWriterFactory implements BulkWriter.Factory<BackupRecord> {
    /** Path prefix of the fields of one bin in the three-level list layout. */
    private static final String BIN_COLUMN = "bins.list.element.";
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
    public BulkWriter<BackupRecord> create(FSDataOutputStream out) throws IOException {
        ParquetWriter<BackupRecord> writer = configure(new Builder(new FlinkOutputFile(out)), configuration(options),
                options).build();
        return new Writer(writer);
    }

    /** Parquet's plain configuration: no Hadoop Configuration (and its XML loading) on this path. */
    static PlainParquetConfiguration configuration(ParquetWriteOptions options) {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setInt(ZSTD_LEVEL_KEY, options.level());
        return conf;
    }

    /** Applies the options and the per-column settings of every backup file to a writer builder. */
    static <T, B extends ParquetWriter.Builder<T, B>> B configure(B builder, ParquetConfiguration conf,
                                                                   ParquetWriteOptions options) {
        return builder.withConf(conf)
                .withCompressionCodec(options.codec().parquetCodec())
                .withRowGroupSize(options.rowGroupSize())
                .withPageSize(options.pageSize())
                .withPageWriteChecksumEnabled(options.pageChecksums())
                .withExtraMetaData(Map.of(BackupSchema.FORMAT_VERSION_KEY, BackupSchema.FORMAT_VERSION))
                // Digests and bin payloads are nearly unique: dictionaries and min/max statistics on
                // them cost time and save nothing, so they are off for those columns only.
                .withDictionaryEncoding("digest", false)
                .withDictionaryEncoding("user_key_bytes", false)
                .withDictionaryEncoding(BIN_COLUMN + "bytes_value", false)
                .withDictionaryEncoding(BIN_COLUMN + "double_value", false)
                .withStatisticsEnabled("digest", false)
                .withStatisticsEnabled(BIN_COLUMN + "bytes_value", false)
                .withStatisticsEnabled(BIN_COLUMN + "string_value", false)
                .withSizeStatisticsEnabled(false);
    }

    /** A ParquetWriter of BackupRecords through {@link BackupWriteSupport}. */
    private static final class Builder extends ParquetWriter.Builder<BackupRecord, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<BackupRecord> getWriteSupport(ParquetConfiguration conf) {
            return new BackupWriteSupport();
        }

        @Override
        protected WriteSupport<BackupRecord> getWriteSupport(Configuration conf) {
            return new BackupWriteSupport();
        }
    }

    /** One part file. Parquet buffers a row group in memory, so flush() has nothing to push early. */
    private static final class Writer implements BulkWriter<BackupRecord> {
        private final ParquetWriter<BackupRecord> writer;

        Writer(ParquetWriter<BackupRecord> writer) {
            this.writer = writer;
        }

        @Override
        public void addElement(BackupRecord record) throws IOException {
            writer.write(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void finish() throws IOException {
            writer.close(); // writes the footer; the stream stays open for Flink to commit
        }
    }
}
