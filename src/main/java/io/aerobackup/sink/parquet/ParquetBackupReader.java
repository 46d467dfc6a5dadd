package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads the records of one backup data file from any Flink file system, in file order:
 * {@code while (reader.hasNext()) use(reader.next());}, then {@link #close()}. Page checksums are
 * verified; any corrupt, truncated or foreign file fails with an IOException naming the file.
 */
public final class ParquetBackupReader implements Closeable {
    /** parquet-avro's key for the Avro schema of the rows it builds (its constant is private). */
    static final String AVRO_READ_SCHEMA = "parquet.avro.read.schema";

    private final Path path;
    private final Map<String, String> keyValueMetadata;
    private final String formatVersion;
    private final long rowCount;
    private final ParquetReader<GenericRecord> reader;
    private long rowIndex;
    private BackupRecord pending;
    private boolean exhausted;

    private ParquetBackupReader(Path path, FileMetaData footer, long rowCount, ParquetReader<GenericRecord> reader)
            throws IOException {
        this.path = path;
        this.keyValueMetadata = Map.copyOf(footer.getKeyValueMetaData());
        this.formatVersion = FormatVersion.check(keyValueMetadata, path.toString());
        this.rowCount = rowCount;
        this.reader = reader;
    }

    /** Opens a data file; checks its footer and format version before any row is read. */
    public static ParquetBackupReader open(Path path) throws IOException {
        FlinkInputFile file = inputFile(path);
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // Read exactly this build's columns into rows of this build's schema (the converter reads
        // fields by position): a newer minor version's extra columns are skipped.
        conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, BackupSchema.ROW.toString());
        conf.set(AVRO_READ_SCHEMA, BackupSchema.ROW.toString());
        // The projection must map onto the 3-level LIST layout the writer uses.
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        FileMetaData footer;
        long rows;
        try (ParquetFileReader footerReader = ParquetFileReader.open(file, readOptions(conf))) {
            footer = footerReader.getFooter().getFileMetaData();
            rows = footerReader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, "its footer", e);
        }
        FormatVersion.check(footer.getKeyValueMetaData(), path.toString());
        ParquetReader<GenericRecord> reader;
        try {
            reader = AvroParquetReader.<GenericRecord>builder(file, conf).withDataModel(GenericData.get())
                    .usePageChecksumVerification(true).build();
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, "its row reader", e);
        }
        return new ParquetBackupReader(path, footer, rows, reader);
    }

    /** The number of rows the file's footer declares, after checking that it is a readable backup file. */
    public static long rowCount(Path path) throws IOException {
        FlinkInputFile file = inputFile(path);
        Map<String, String> metadata;
        long rows;
        try (ParquetFileReader footerReader = ParquetFileReader.open(file, readOptions(new PlainParquetConfiguration()))) {
            metadata = footerReader.getFooter().getFileMetaData().getKeyValueMetaData();
            rows = footerReader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, "its footer", e);
        }
        FormatVersion.check(metadata, path.toString());
        return rows;
    }

    public boolean hasNext() throws IOException {
        if (pending == null && !exhausted) {
            pending = readNext();
            exhausted = pending == null;
        }
        return pending != null;
    }

    public BackupRecord next() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + path + " (" + rowCount + " rows)");
        }
        BackupRecord record = pending;
        pending = null;
        return record;
    }

    public Path path() {
        return path;
    }

    /** The file's format version, "major.minor". */
    public String formatVersion() {
        return formatVersion;
    }

    /** Rows declared by the footer. */
    public long rowCount() {
        return rowCount;
    }

    /** The Parquet key-value metadata of the file. */
    public Map<String, String> keyValueMetadata() {
        return keyValueMetadata;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private BackupRecord readNext() throws IOException {
        GenericRecord row;
        try {
            row = reader.read();
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, "row " + rowIndex, e);
        }
        if (row == null) {
            if (rowIndex != rowCount) {
                throw new IOException("backup file " + path + " ended after " + rowIndex + " rows, but its footer"
                        + " declares " + rowCount);
            }
            return null;
        }
        try {
            return BackupRowConverter.fromRow(row);
        } catch (IOException | RuntimeException e) {
            throw new IOException("backup file " + path + ", row " + rowIndex + " breaks the backup format: "
                    + e.getMessage(), e);
        } finally {
            rowIndex++;
        }
    }

    private static FlinkInputFile inputFile(Path path) throws IOException {
        try {
            return new FlinkInputFile(path);
        } catch (IOException e) {
            throw new IOException("cannot open backup file " + path + ": " + e.getMessage(), e);
        }
    }

    private static ParquetReadOptions readOptions(PlainParquetConfiguration conf) {
        return ParquetReadOptions.builder(conf).usePageChecksumVerification(true).build();
    }

    private static IOException unreadable(Path path, String what, Exception e) {
        // Parquet's own message is often generic ("Can not read value at 0 in block -1"); the
        // root cause says what is wrong (e.g. a page checksum mismatch).
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + "; cause: " + root;
        return new IOException("corrupt or unreadable backup file " + path + " (reading " + what + "): " + detail, e);
    }
}
