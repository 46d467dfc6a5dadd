package io.aerobackup.job.changefeed;

import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.DataFiles;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.sink.parquet.BackupFileWriter;
import io.aerobackup.sink.parquet.FileChecksum;
import io.aerobackup.sink.parquet.FileSizeLimit;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.source.changefeed.FeedElement;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes each round's records into Parquet files inside that round's backup folder, hidden while
 * in progress. Before every checkpoint barrier it finishes its open files and sends one FILE per file
 * (and the round's expiry count) to the committer, which makes them visible once the checkpoint
 * completes. At the end of a bounded run's input it does the same, and the committer commits at
 * once (no final checkpoint to wait for). Files of a failed attempt stay hidden and are never listed
 * in a manifest. Each file's SHA-256, rows and bin bytes are counted while it is written.
 */
public final class RoundFileWriter extends AbstractStreamOperator<FeedElement>
        implements OneInputStreamOperator<FeedElement, FeedElement>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    static final String IN_PROGRESS_SUFFIX = ".inprogress";

    private final String destination;
    private final String namespace;
    private final ParquetWriteOptions parquet;
    private final long maxFileBytes;

    private transient ParquetBackupWriterFactory factory;
    private transient Map<String, OpenFile> open;
    private transient Map<String, long[]> expiries;

    public RoundFileWriter(String destination, String namespace, ParquetWriteOptions parquet, long maxFileBytes) {
        this.destination = destination;
        this.namespace = namespace;
        this.parquet = parquet;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public void open() throws Exception {
        super.open();
        factory = new ParquetBackupWriterFactory(parquet);
        open = new LinkedHashMap<>();
        expiries = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<FeedElement> element) throws Exception {
        FeedElement e = element.getValue();
        switch (e.kind()) {
            case CHANGE:
                OpenFile file = open.get(e.backupId());
                if (file == null) {
                    file = new OpenFile(e.backupId(), e.roundNumber());
                    open.put(e.backupId(), file);
                }
                file.write(e.record());
                if (file.sizeLimit.reached(file.writer::dataSize)) {
                    output.collect(new StreamRecord<>(FeedElement.file(file.finish(0))));
                    open.remove(e.backupId());
                }
                break;
            case EXPIRED:
                expiries.computeIfAbsent(e.backupId(), id -> new long[] {e.roundNumber(), 0})[1] += e.file().expiries();
                break;
            case PRESENCE:
                break; // only the delete detector needs these
            case DIGESTS:
                break; // only the replication applier needs these
            default:
                output.collect(element);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        finishAll();
    }

    /** A bounded run's last records arrived: its files go to the committer now. */
    @Override
    public void endInput() throws Exception {
        finishAll();
    }

    /** Finishes every open file and sends it (and the expiry counts) to the committer. */
    private void finishAll() throws IOException {
        for (OpenFile file : open.values()) {
            long[] counted = expiries.remove(file.backupId);
            output.collect(new StreamRecord<>(FeedElement.file(file.finish(counted == null ? 0 : counted[1]))));
        }
        open.clear();
        for (Map.Entry<String, long[]> e : expiries.entrySet()) {
            output.collect(new StreamRecord<>(FeedElement.file(new FeedElement.WrittenFile(e.getKey(),
                    e.getValue()[0], null, null, 0, 0, 0, null, 0, e.getValue()[1]))));
        }
        expiries.clear();
    }

    @Override
    public void close() throws Exception {
        for (OpenFile file : open.values()) {
            file.abandon();
        }
        super.close();
    }

    /** A part file being written. */
    private final class OpenFile {
        final String backupId;
        final long round;
        final Path inProgress;
        final Path finalPath;
        final FSDataOutputStream out;
        final BackupFileWriter writer;
        long rows;
        long binBytes;
        long deletes;
        final FileSizeLimit sizeLimit = new FileSizeLimit(maxFileBytes);

        OpenFile(String backupId, long round) throws IOException {
            this.backupId = backupId;
            this.round = round;
            Path dataDir = CatalogPaths.dataDir(new Path(destination), namespace, backupId);
            String name = "part-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "-" + UUID.randomUUID()
                    + ".parquet";
            this.finalPath = new Path(dataDir, name);
            this.inProgress = new Path(dataDir, "." + name + IN_PROGRESS_SUFFIX);
            this.out = inProgress.getFileSystem().create(inProgress, FileSystem.WriteMode.NO_OVERWRITE);
            this.writer = factory.create(out);
        }

        void write(BackupRecord record) throws IOException {
            writer.addElement(record);
            rows++;
            binBytes += RecordSizes.binBytes(record);
            if (record.operation() == RecordOperation.DELETE) {
                deletes++;
            }
        }

        FeedElement.WrittenFile finish(long expired) throws IOException {
            writer.finish();
            out.sync();
            long bytes = out.getPos();
            out.close();
            // The writer digested the bytes as it wrote them: no read-back of the file.
            FileChecksum written = writer.checksum();
            String sha256 = written != null ? written.sha256() : DataFiles.sha256(inProgress);
            return new FeedElement.WrittenFile(backupId, round, inProgress.toString(), finalPath.toString(), rows,
                    bytes, binBytes, sha256, deletes, expired);
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
