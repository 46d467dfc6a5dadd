package io.aerobackup.asb;

import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.CommittedFile;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.sink.parquet.BackupFileWriter;
import io.aerobackup.sink.parquet.FileChecksum;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes imported records into format 2.0 data files of one backup folder, under hidden
 * in-progress names, rolling at a size; {@link #publish()} gives them their final names and returns
 * them, with the SHA-256 the writer computed, for the manifest.
 */
final class AsbDataFiles implements Closeable {
    private final Path dataDir;
    private final ParquetBackupWriterFactory factory;
    private final long maxFileBytes;
    private final List<Written> finished = new ArrayList<>();
    private Open open;

    AsbDataFiles(Path dataDir, ParquetWriteOptions parquet, long maxFileBytes) {
        this.dataDir = dataDir;
        this.factory = new ParquetBackupWriterFactory(parquet);
        this.maxFileBytes = maxFileBytes;
    }

    void write(BackupRecord record) throws IOException {
        if (open == null) {
            open = new Open();
        }
        open.writer.addElement(record);
        open.rows++;
        open.binBytes += RecordSizes.binBytes(record);
        if (maxFileBytes > 0 && open.out.getPos() >= maxFileBytes) {
            finishOpen();
        }
    }

    /** Finishes the open file and renames every file to its final name. */
    List<CommittedFile> publish() throws IOException {
        if (open != null) {
            finishOpen();
        }
        FileSystem fs = dataDir.getFileSystem();
        List<CommittedFile> files = new ArrayList<>();
        for (Written w : finished) {
            Path to = new Path(dataDir, w.name);
            if (!fs.rename(w.hidden, to)) {
                throw new IOException("cannot rename " + w.hidden + " to " + to);
            }
            files.add(new CommittedFile(CatalogPaths.DATA + "/" + w.name, w.rows, w.bytes, w.binBytes, w.sha256));
        }
        return files;
    }

    private void finishOpen() throws IOException {
        Open f = open;
        open = null;
        f.writer.finish();
        f.out.sync();
        long bytes = f.out.getPos();
        f.out.close();
        FileChecksum checksum = f.writer.checksum();
        if (checksum == null || checksum.bytes() != bytes) {
            throw new IOException("the checksum of " + f.hidden + " was not computed over the whole file");
        }
        finished.add(new Written(f.name, f.hidden, f.rows, bytes, f.binBytes, checksum.sha256()));
    }

    @Override
    public void close() {
        if (open != null) {
            try {
                open.out.close();
            } catch (IOException e) {
                // the hidden file is removed with its folder by the caller
            }
            open = null;
        }
    }

    private record Written(String name, Path hidden, long rows, long bytes, long binBytes, String sha256) {
    }

    private final class Open {
        final String name = "part-0-" + UUID.randomUUID() + ".parquet";
        final Path hidden = new Path(dataDir, "." + name + ".inprogress");
        final FSDataOutputStream out;
        final BackupFileWriter writer;
        long rows;
        long binBytes;

        Open() throws IOException {
            out = hidden.getFileSystem().create(hidden, FileSystem.WriteMode.NO_OVERWRITE);
            writer = factory.create(out);
        }
    }
}
