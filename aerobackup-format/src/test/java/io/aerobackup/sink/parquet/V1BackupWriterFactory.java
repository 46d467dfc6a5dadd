package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.util.Map;

/**
 * Writes format 1.0 files as the product did before 2.0 (BackupWriteSupport, same options and
 * column settings). Public so the benchmark can compare 1.0 with 2.0.
 */
public final class V1BackupWriterFactory implements BulkWriter.Factory<BackupRecord> {
    private static final long serialVersionUID = 1L;
    /** Path prefix of the fields of one bin in the three-level list layout. */
    private static final String BIN_COLUMN = "bins.list.element.";

    private final ParquetWriteOptions options;

    public V1BackupWriterFactory(ParquetWriteOptions options) {
        this.options = options;
    }

    @Override
    public BulkWriter<BackupRecord> create(FSDataOutputStream out) throws IOException {
        ParquetWriter<BackupRecord> writer = configure(new Builder(new FlinkOutputFile(out)),
                ParquetBackupWriterFactory.configuration(options), options).build();
        return new BulkWriter<>() {
            @Override
            public void addElement(BackupRecord record) throws IOException {
                writer.write(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void finish() throws IOException {
                writer.close();
            }
        };
    }

    /** The 1.0 writer settings: common options, 1.0 metadata and per-column settings. */
    static <T, B extends ParquetWriter.Builder<T, B>> B configure(B builder, ParquetConfiguration conf,
                                                                   ParquetWriteOptions options) {
        return ParquetBackupWriterFactory.configure(builder, conf, options)
                .withExtraMetaData(Map.of(BackupSchema.FORMAT_VERSION_KEY, BackupSchema.FORMAT_VERSION))
                .withDictionaryEncoding("digest", false)
                .withDictionaryEncoding("user_key_bytes", false)
                .withDictionaryEncoding(BIN_COLUMN + "bytes_value", false)
                .withDictionaryEncoding(BIN_COLUMN + "double_value", false)
                .withStatisticsEnabled("digest", false)
                .withStatisticsEnabled(BIN_COLUMN + "bytes_value", false)
                .withStatisticsEnabled(BIN_COLUMN + "string_value", false);
    }

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
}
