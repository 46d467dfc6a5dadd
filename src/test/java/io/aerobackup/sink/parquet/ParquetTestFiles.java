package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads backup files the way the jobs do: through Flink's FileSystem, never java.io.File. */
final class ParquetTestFiles {
    private ParquetTestFiles() {
    }

    static void write(Path path, List<BackupRecord> records, ParquetWriteOptions options) throws IOException {
        FileSystem fs = path.getFileSystem();
        try (FSDataOutputStream out = fs.create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<BackupRecord> writer = new ParquetBackupWriterFactory(options).create(out);
            for (BackupRecord record : records) {
                writer.addElement(record);
            }
            writer.flush();
            writer.finish();
        }
    }

    static List<BackupRecord> readAll(Path path) throws IOException {
        List<BackupRecord> records = new ArrayList<>();
        try (ParquetBackupReader reader = ParquetBackupReader.open(path)) {
            while (reader.hasNext()) {
                records.add(reader.next());
            }
        }
        return records;
    }
}
