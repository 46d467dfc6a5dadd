package io.aerobackup.restore.source;

import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.restore.record.RestoreRecordTypeInfo;
import io.aerobackup.sink.parquet.ParquetBackupReader;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads aerobackup Parquet files for Flink's {@code FileSource}, one whole file per split, in
 * batches. The position is the number of rows already read, so a restored reader skips exactly those.
 */
public final class BackupFileFormat implements BulkFormat<RestoreRecord, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 1024;

    /** Where the keys are: the keys themselves are read on the task manager, once per format instance. */
    private final EncryptionOptions encryption;
    private transient KeyRing keys;

    public BackupFileFormat() {
        this(EncryptionOptions.none());
    }

    public BackupFileFormat(EncryptionOptions encryption) {
        this.encryption = encryption;
    }

    private synchronized KeyRing keys() throws IOException {
        if (keys == null) {
            keys = encryption.keys();
        }
        return keys;
    }

    @Override
    public Reader<RestoreRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new FileReader(split, 0, keys());
    }

    @Override
    public Reader<RestoreRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new FileReader(split, skip, keys());
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RestoreRecord> getProducedType() {
        return new RestoreRecordTypeInfo();
    }

    private static final class FileReader implements BulkFormat.Reader<RestoreRecord> {
        private final ParquetBackupReader reader;
        private final String file;
        private long read;

        FileReader(FileSourceSplit split, long skip, KeyRing keys) throws IOException {
            this.reader = ParquetBackupReader.open(split.path(), keys);
            this.file = split.path().toString();
            for (; read < skip && reader.hasNext(); read++) {
                reader.next();
            }
        }

        @Override
        public RecordIterator<RestoreRecord> readBatch() throws IOException {
            if (!reader.hasNext()) {
                return null;
            }
            long first = read;
            List<RestoreRecord> batch = new ArrayList<>(BATCH);
            while (batch.size() < BATCH && reader.hasNext()) {
                BackupRecord record = reader.next();
                batch.add(new RestoreRecord(record, file));
                read++;
            }
            return new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, first);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
