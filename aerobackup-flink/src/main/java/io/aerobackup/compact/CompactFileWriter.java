package io.aerobackup.compact;

import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.sink.parquet.BackupFileWriter;
import io.aerobackup.sink.parquet.FileChecksum;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.io.IOException;
import java.util.UUID;

/**
 * Writes the compacted full's records into Parquet files under hidden in-progress names, rolling at
 * a size; at the end of its input it finishes the open file and reports every file, with the
 * SHA-256 and size the writer computed while writing, in the {@value #FILES} accumulator. The
 * runner makes the files visible only after the whole job succeeded, so the files of a failed
 * attempt stay hidden and are never listed in a manifest.
 */
public final class CompactFileWriter extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<BackupRecord, Void>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    public static final String FILES = "compact-files";
    static final String IN_PROGRESS_SUFFIX = ".inprogress";

    private final String dataDir;
    private final ParquetWriteOptions parquet;
    private final long maxFileBytes;

    private transient ParquetBackupWriterFactory factory;
    private transient ListAccumulator<CompactedFile> written;
    private transient OpenFile open;

    public CompactFileWriter(Path dataDir, ParquetWriteOptions parquet, long maxFileBytes) {
        this.dataDir = dataDir.toString();
        this.parquet = parquet;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public void open() throws Exception {
        super.open();
        factory = new ParquetBackupWriterFactory(parquet);
        written = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(FILES, written);
    }

    @Override
    public void processElement(StreamRecord<BackupRecord> element) throws Exception {
        if (open == null) {
            open = new OpenFile();
        }
        open.write(element.getValue());
        if (maxFileBytes > 0 && open.out.getPos() >= maxFileBytes) {
            written.add(open.finish());
            open = null;
        }
    }

    @Override
    public void endInput() throws Exception {
        if (open != null) {
            written.add(open.finish());
            open = null;
        }
    }

    @Override
    public void close() throws Exception {
        if (open != null) {
            open.abandon();
        }
        super.close();
    }

    /** A part file being written. */
    private final class OpenFile {
        final String name;
        final Path inProgress;
        final FSDataOutputStream out;
        final BackupFileWriter writer;
        long rows;
        long binBytes;

        OpenFile() throws IOException {
            this.name = "part-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "-" + UUID.randomUUID()
                    + ".parquet";
            this.inProgress = new Path(new Path(dataDir), "." + name + IN_PROGRESS_SUFFIX);
            this.out = inProgress.getFileSystem().create(inProgress, FileSystem.WriteMode.NO_OVERWRITE);
            this.writer = factory.create(out);
        }

        void write(BackupRecord record) throws IOException {
            writer.addElement(record);
            rows++;
            binBytes += RecordSizes.binBytes(record);
        }

        CompactedFile finish() throws IOException {
            writer.finish();
            out.sync();
            long bytes = out.getPos();
            out.close();
            // The writer digested the bytes as it wrote them: no read-back of the file.
            FileChecksum checksum = writer.checksum();
            if (checksum == null || checksum.bytes() != bytes) {
                throw new IOException("the checksum of " + inProgress + " was not computed over the whole file");
            }
            return new CompactedFile(inProgress.toString(), CatalogPaths.DATA + "/" + name, rows, bytes, binBytes,
                    checksum.sha256());
        }

        void abandon() {
            try {
                out.close();
            } catch (IOException e) {
                // the file stays hidden and is never listed; nothing else to do
            }
        }
    }
}
