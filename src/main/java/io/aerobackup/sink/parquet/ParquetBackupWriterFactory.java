package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Writes backup Parquet files (docs/FORMAT.md) for Flink's FileSink:
 * {@code FileSink.forBulkFormat(dir, new ParquetBackupWriterFactory(options))}. Works on any Flink
 * file system, since Parquet only sees the stream Flink opened.
 */
public final class ParquetBackupWriterFactory implements BulkWriter.Factory<BackupRecord> {
    /** Path prefix of the fields of one bin in the three-level list layout. */
    private static final String BIN_COLUMN = "bins.list.element.";
    private static final long serialVersionUID = 1L;

    /** parquet-avro's key for the ZSTD level (read by its ZstandardCodec). */
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
        // Parquet's plain configuration: no Hadoop Configuration (and its XML loading) on this path.
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // The standard 3-level LIST layout, which DuckDB, Spark and Trino all read.
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        conf.setInt(ZSTD_LEVEL_KEY, options.level());
        ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new FlinkOutputFile(out))
                .withConf(conf)
                .withSchema(BackupSchema.ROW)
                .withDataModel(GenericData.get())
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
                .withSizeStatisticsEnabled(false)
                .build();
        return new Writer(writer);
    }

    /** One part file. Parquet buffers a row group in memory, so flush() has nothing to push early. */
    private static final class Writer implements BulkWriter<BackupRecord> {
        private final ParquetWriter<GenericRecord> writer;

        Writer(ParquetWriter<GenericRecord> writer) {
            this.writer = writer;
        }

        @Override
        public void addElement(BackupRecord record) throws IOException {
            writer.write(BackupRowConverter.toRow(record));
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
