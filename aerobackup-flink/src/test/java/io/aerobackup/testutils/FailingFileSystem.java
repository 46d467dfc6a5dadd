package io.aerobackup.testutils;

import org.apache.flink.core.fs.BlockLocation;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local file system that starts failing writes after a byte budget, with the IOException the
 * JDK throws for a full disk or a read-only mount: {@code failfs://nospace-200000/tmp/x} fails
 * with "No space left on device" once 200,000 bytes were written through it,
 * {@code failfs://readonly-0/...} with "Read-only file system" at once. Registered with Flink
 * through META-INF/services, so jobs and the catalog reach it by URI like any file system.
 */
public final class FailingFileSystem extends FileSystem {
    public static final String SCHEME = "failfs";
    private static final Map<String, AtomicLong> WRITTEN = new ConcurrentHashMap<>();

    private final LocalFileSystem local = LocalFileSystem.getSharedInstance();
    private final URI uri;
    private final boolean readOnly;
    private final long budget;
    private final AtomicLong written;

    private FailingFileSystem(URI uri) {
        this.uri = uri;
        String[] mode = uri.getAuthority().split("-");
        this.readOnly = mode[0].equals("readonly");
        this.budget = Long.parseLong(mode[1]);
        this.written = WRITTEN.computeIfAbsent(uri.getAuthority(), a -> new AtomicLong());
    }

    /** A root URI string for a local folder: writes fail after {@code budget} bytes. */
    public static String root(String mode, long budget, java.nio.file.Path folder) {
        WRITTEN.remove(mode + "-" + budget);
        return SCHEME + "://" + mode + "-" + budget + folder.toAbsolutePath();
    }

    private void take(int bytes, Path path) throws IOException {
        if (written.addAndGet(bytes) > budget) {
            if (readOnly) {
                throw new FileSystemException(path.getPath(), null, "Read-only file system");
            }
            throw new IOException("No space left on device");
        }
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public Path getWorkingDirectory() {
        return local.getWorkingDirectory();
    }

    @Override
    public Path getHomeDirectory() {
        return local.getHomeDirectory();
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return local.getFileStatus(f);
    }

    @Override
    public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len) throws IOException {
        return local.getFileBlockLocations(file, start, len);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        return local.open(f, bufferSize);
    }

    @Override
    public FSDataInputStream open(Path f) throws IOException {
        return local.open(f);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        return local.listStatus(f);
    }

    @Override
    public boolean exists(Path f) throws IOException {
        return local.exists(f);
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        return local.delete(f, recursive);
    }

    @Override
    public boolean mkdirs(Path f) throws IOException {
        take(0, f);
        return local.mkdirs(f);
    }

    @Override
    public FSDataOutputStream create(Path f, WriteMode overwriteMode) throws IOException {
        take(0, f);
        return new Limited(local.create(f, overwriteMode), f);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return local.rename(src, dst);
    }

    @Override
    public boolean isDistributedFS() {
        return false;
    }

    @Override
    public RecoverableWriter createRecoverableWriter() throws IOException {
        RecoverableWriter writer = local.createRecoverableWriter();
        return new RecoverableWriter() {
            @Override
            public RecoverableFsDataOutputStream open(Path path) throws IOException {
                take(0, path);
                return new Limited(writer.open(path), path);
            }

            @Override
            public RecoverableFsDataOutputStream recover(ResumeRecoverable resumable) throws IOException {
                return writer.recover(resumable);
            }

            @Override
            public boolean requiresCleanupOfRecoverableState() {
                return writer.requiresCleanupOfRecoverableState();
            }

            @Override
            public boolean cleanupRecoverableState(ResumeRecoverable resumable) throws IOException {
                return writer.cleanupRecoverableState(resumable);
            }

            @Override
            public RecoverableFsDataOutputStream.Committer recoverForCommit(CommitRecoverable resumable)
                    throws IOException {
                return writer.recoverForCommit(resumable);
            }

            @Override
            public SimpleVersionedSerializer<CommitRecoverable> getCommitRecoverableSerializer() {
                return writer.getCommitRecoverableSerializer();
            }

            @Override
            public SimpleVersionedSerializer<ResumeRecoverable> getResumeRecoverableSerializer() {
                return writer.getResumeRecoverableSerializer();
            }

            @Override
            public boolean supportsResume() {
                return writer.supportsResume();
            }
        };
    }

    /** A stream that spends the budget: a plain one from create(), a recoverable one from the FileSink's writer. */
    private final class Limited extends RecoverableFsDataOutputStream {
        private final FSDataOutputStream out;
        private final Path path;

        Limited(FSDataOutputStream out, Path path) {
            this.out = out;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            take(1, path);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            take(len, path);
            out.write(b, off, len);
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void sync() throws IOException {
            out.sync();
        }

        @Override
        public RecoverableWriter.ResumeRecoverable persist() throws IOException {
            return recoverable().persist();
        }

        @Override
        public Committer closeForCommit() throws IOException {
            return recoverable().closeForCommit();
        }

        private RecoverableFsDataOutputStream recoverable() {
            if (!(out instanceof RecoverableFsDataOutputStream)) {
                throw new UnsupportedOperationException("a stream from create() cannot be committed: " + path);
            }
            return (RecoverableFsDataOutputStream) out;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Flink finds it through META-INF/services/org.apache.flink.core.fs.FileSystemFactory. */
    public static final class Factory implements FileSystemFactory {
        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FileSystem create(URI fsUri) {
            return new FailingFileSystem(fsUri);
        }
    }
}
