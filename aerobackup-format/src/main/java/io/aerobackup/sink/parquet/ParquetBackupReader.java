package io.aerobackup.sink.parquet;

import io.aerobackup.crypto.KeyRing;
import io.aerobackup.record.BackupRecord;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.crypto.KeyAccessDeniedException;
import org.apache.parquet.crypto.TagVerificationException;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.MessageType;

import javax.crypto.AEADBadTagException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads the records of one backup data file from any Flink file system, in file order:
 * {@code while (reader.hasNext()) use(reader.next());}, then {@link #close()}. Dispatches on the
 * file's format version: 1.x rows through parquet-avro and {@link BackupRowConverter}, 2.x rows
 * through {@link TypedReadSupport} (bins straight from particle bytes). Page checksums are
 * verified; any corrupt, truncated or foreign file fails with an IOException naming the file.
 */
public final class ParquetBackupReader implements Closeable {
    /** parquet-avro's key for the Avro schema of the rows it builds (its constant is private). */
    static final String AVRO_READ_SCHEMA = "parquet.avro.read.schema";

    private final Path path;
    private final Map<String, String> keyValueMetadata;
    private final String formatVersion;
    private final long rowCount;
    /** GenericRecords (format 1) or BackupRecords (format 2). */
    private final ParquetReader<?> reader;
    private long rowIndex;
    private BackupRecord pending;
    private boolean exhausted;

    private ParquetBackupReader(Path path, Map<String, String> metadata, long rowCount, ParquetReader<?> reader) {
        this.path = path;
        this.keyValueMetadata = Map.copyOf(metadata);
        this.formatVersion = metadata.get(BackupSchema.FORMAT_VERSION_KEY);
        this.rowCount = rowCount;
        this.reader = reader;
    }

    /** Opens a data file in clear; checks its footer and format version before any row is read. */
    public static ParquetBackupReader open(Path path) throws IOException {
        return open(path, KeyRing.EMPTY);
    }

    /**
     * Opens a data file, encrypted with one of {@code keys} or in clear; checks its footer (and, when
     * encrypted, that a key matches and the footer's GCM tag holds) before any row is read.
     */
    public static ParquetBackupReader open(Path path, KeyRing keys) throws IOException {
        FlinkInputFile file = inputFile(path);
        FileDecryptionProperties decryption = ParquetEncryption.forReading(keys, path.toString());
        FileMetaData footer;
        long rows;
        try (ParquetFileReader footerReader = ParquetFileReader.open(file,
                readOptions(new PlainParquetConfiguration(), decryption))) {
            footer = footerReader.getFooter().getFileMetaData();
            rows = footerReader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, "its footer", e);
        }
        Map<String, String> metadata = footer.getKeyValueMetaData();
        int major = FormatVersion.check(metadata, path.toString());
        ParquetReader<?> reader;
        if (major == BackupSchema.FORMAT_MAJOR) {
            reader = v1Reader(path, file, decryption);
        } else {
            BinColumns columns = BinColumns.parse(metadata.get(TypedSchema.BIN_COLUMNS_KEY), path.toString());
            MessageType requested = TypedSchema.requested(footer.getSchema(), columns, path.toString());
            try {
                PlainParquetConfiguration conf = new PlainParquetConfiguration();
                reader = new TypedReaderBuilder(file, conf, new TypedReadSupport(requested, columns))
                        .withCodecFactory(ZstdPageCodecs.forReading(conf))
                        .withDecryption(decryption)
                        .usePageChecksumVerification(true).build();
            } catch (IOException | RuntimeException e) {
                throw unreadable(path, "its row reader", e);
            }
        }
        return new ParquetBackupReader(path, metadata, rows, reader);
    }

    private static ParquetReader<GenericRecord> v1Reader(Path path, FlinkInputFile file,
                                                         FileDecryptionProperties decryption) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // Read exactly the 1.0 columns into rows of the 1.0 schema (the converter reads fields by
        // position): a newer minor version's extra columns are skipped.
        conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, BackupSchema.ROW.toString());
        conf.set(AVRO_READ_SCHEMA, BackupSchema.ROW.toString());
        // The projection must map onto the 3-level LIST layout the writer used.
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        try {
            return AvroParquetReader.<GenericRecord>builder(file, conf).withDataModel(GenericData.get())
                    .withDecryption(decryption).usePageChecksumVerification(true).build();
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, "its row reader", e);
        }
    }

    /** The number of rows the file's footer declares, after checking that it is a readable backup file. */
    public static long rowCount(Path path) throws IOException {
        return rowCount(path, KeyRing.EMPTY);
    }

    /** {@link #rowCount(Path)} of a file that may be encrypted with one of {@code keys}. */
    public static long rowCount(Path path, KeyRing keys) throws IOException {
        FlinkInputFile file = inputFile(path);
        Map<String, String> metadata;
        long rows;
        try (ParquetFileReader footerReader = ParquetFileReader.open(file, readOptions(new PlainParquetConfiguration(),
                ParquetEncryption.forReading(keys, path.toString())))) {
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
        Object row;
        try {
            row = reader.read();
        } catch (IOException | RuntimeException e) {
            BadRowException bad = badRow(e);
            if (bad != null) {
                throw new IOException("backup file " + path + ", row " + rowIndex + " breaks the backup format: "
                        + bad.getMessage(), e);
            }
            throw unreadable(path, "row " + rowIndex, e);
        }
        if (row == null) {
            if (rowIndex != rowCount) {
                throw new IOException("backup file " + path + " ended after " + rowIndex + " rows, but its footer"
                        + " declares " + rowCount);
            }
            return null;
        }
        if (row instanceof BackupRecord) {
            rowIndex++;
            return (BackupRecord) row;
        }
        try {
            return BackupRowConverter.fromRow((GenericRecord) row);
        } catch (IOException | RuntimeException e) {
            throw new IOException("backup file " + path + ", row " + rowIndex + " breaks the backup format: "
                    + e.getMessage(), e);
        } finally {
            rowIndex++;
        }
    }

    private static BadRowException badRow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadRowException) {
                return (BadRowException) t;
            }
        }
        return null;
    }

    private static FlinkInputFile inputFile(Path path) throws IOException {
        try {
            return new FlinkInputFile(path);
        } catch (IOException e) {
            throw new IOException("cannot open backup file " + path + ": " + e.getMessage(), e);
        }
    }

    private static ParquetReadOptions readOptions(PlainParquetConfiguration conf, FileDecryptionProperties decryption) {
        return ParquetReadOptions.builder(conf).usePageChecksumVerification(true).withDecryption(decryption).build();
    }

    /** A ParquetReader over a Flink input file with the format 2 read support. */
    private static final class TypedReaderBuilder extends ParquetReader.Builder<BackupRecord> {
        private final TypedReadSupport support;

        TypedReaderBuilder(FlinkInputFile file, PlainParquetConfiguration conf, TypedReadSupport support) {
            super(file, conf);
            this.support = support;
        }

        @Override
        protected ReadSupport<BackupRecord> getReadSupport() {
            return support;
        }
    }

    private static IOException unreadable(Path path, String what, Exception e) {
        Throwable keyDenied = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KeyAccessDeniedException) {
                keyDenied = t; // the innermost is ParquetEncryption's, which names the file and the key id
            }
        }
        if (keyDenied != null) {
            return new IOException(keyDenied.getMessage(), e);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AEADBadTagException || t instanceof TagVerificationException) {
                return new IOException("backup file " + path + " fails its AES-GCM authentication (reading " + what
                        + "): its bytes were changed after it was written", e);
            }
        }
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
