package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

import java.util.Map;

/**
 * Reads format 2.0 rows into {@link BackupRecord}s through {@link TypedRowMaterializer}. The
 * requested schema and bin columns come from the footer, checked by {@link ParquetBackupReader}.
 */
final class TypedReadSupport extends ReadSupport<BackupRecord> {
    private final MessageType requested;
    private final BinColumns columns;

    TypedReadSupport(MessageType requested, BinColumns columns) {
        this.requested = requested;
        this.columns = columns;
    }

    @Override
    public ReadContext init(InitContext context) {
        return new ReadContext(requested);
    }

    @Override
    public RecordMaterializer<BackupRecord> prepareForRead(ParquetConfiguration configuration,
            Map<String, String> keyValueMetaData, MessageType fileSchema, ReadContext readContext) {
        return new TypedRowMaterializer(columns);
    }

    @Override
    public RecordMaterializer<BackupRecord> prepareForRead(Configuration configuration,
            Map<String, String> keyValueMetaData, MessageType fileSchema, ReadContext readContext) {
        return new TypedRowMaterializer(columns);
    }
}
