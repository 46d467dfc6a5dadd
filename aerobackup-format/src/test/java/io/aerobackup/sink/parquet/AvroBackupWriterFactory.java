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

/**
 * The former write path, kept in test scope as the reference: BackupRowConverter.toRow, then
 * parquet-avro's AvroWriteSupport, with exactly the options the 1.0 writer (V1BackupWriterFactory) applies.
 * Public so the benchmark can compare against it.
 */
public final class AvroBackupWriterFactory implements BulkWriter.Factory<BackupRecord> {
    private static final long serialVersionUID = 1L;

    private final ParquetWriteOptions options;

    public AvroBackupWriterFactory(ParquetWriteOptions options) {
        this.options = options;
    }

    @Override
    public BulkWriter<BackupRecord> create(FSDataOutputStream out) throws IOException {
        PlainParquetConfiguration conf = ParquetBackupWriterFactory.configuration(options);
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(
                new FlinkOutputFile(out)).withSchema(BackupSchema.ROW).withDataModel(GenericData.get());
        ParquetWriter<GenericRecord> writer = V1BackupWriterFactory.configure(builder, conf, options).build();
        return new BulkWriter<>() {
            @Override
            public void addElement(BackupRecord record) throws IOException {
                writer.write(BackupRowConverter.toRow(record));
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
}
