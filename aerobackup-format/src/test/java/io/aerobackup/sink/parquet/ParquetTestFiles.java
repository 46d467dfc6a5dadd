package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Writes and reads backup files the way the jobs do: through Flink's FileSystem, never java.io.File. */
final class ParquetTestFiles {
    private ParquetTestFiles() {
    }

    static void write(Path path, List<BackupRecord> records, ParquetWriteOptions options) throws IOException {
        write(path, records, options, BackupFileWriter.SAMPLE_ROWS);
    }

    /** Writes a format 2.0 file whose schema is decided from the first {@code sampleRows} rows. */
    static BackupFileWriter write(Path path, List<BackupRecord> records, ParquetWriteOptions options, int sampleRows)
            throws IOException {
        FileSystem fs = path.getFileSystem();
        try (FSDataOutputStream out = fs.create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
            BackupFileWriter writer = new ParquetBackupWriterFactory(options).create(out, sampleRows,
                    BackupFileWriter.SAMPLE_BYTES);
            for (BackupRecord record : records) {
                writer.addElement(record);
            }
            writer.flush();
            writer.finish();
            return writer;
        }
    }

    /** Writes with any writer factory (e.g. the 1.0 one). */
    static void write(Path path, List<BackupRecord> records, BulkWriter.Factory<BackupRecord> factory)
            throws IOException {
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<BackupRecord> writer = factory.create(out);
            for (BackupRecord record : records) {
                writer.addElement(record);
            }
            writer.finish();
        }
    }

    /** name, type and hex particle of every bin, sorted by name: what a byte-for-byte round trip keeps. */
    static List<String> binBytes(BackupRecord record) {
        List<String> out = new ArrayList<>();
        for (BackupBin bin : record.bins()) {
            out.add(bin.name() + "|" + bin.particleType() + "|" + HexFormat.of().formatHex(bin.particle()));
        }
        out.sort(null);
        return out;
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
