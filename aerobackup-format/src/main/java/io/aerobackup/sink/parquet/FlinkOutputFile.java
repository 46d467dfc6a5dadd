package io.aerobackup.sink.parquet;

import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Parquet {@link OutputFile} over a stream Flink opened (a data file being written). Closing the
 * Parquet writer only flushes: the stream belongs to its writer, which syncs and closes it. Every
 * byte written is also fed to a SHA-256, so {@link #checksum()} gives the file's checksum without
 * reading it back.
 */
final class FlinkOutputFile implements OutputFile {
    private final FSDataOutputStream out;
    private boolean created;
    private NonClosingStream stream;

    FlinkOutputFile(FSDataOutputStream out) {
        this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        if (created) {
            throw new IllegalStateException("a FlinkOutputFile wraps one stream and can be created once");
        }
        created = true;
        stream = new NonClosingStream(out);
        return stream;
    }

    /**
     * SHA-256 and size of what was written so far (call it after the Parquet writer closed). Null
     * when the stream did not start at position 0, since the digest then misses the file's head.
     */
    FileChecksum checksum() {
        if (stream == null || stream.start != 0) {
            return null;
        }
        return new FileChecksum(HexFormat.of().formatHex(stream.digestSoFar()), stream.position);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    /**
     * Buffers writes and counts the position itself: Flink's local file streams are unbuffered
     * and answer getPos() with a system call, and Parquet writes small pieces and asks often.
     * Closing flushes but leaves the stream open for its writer to sync and close.
     */
    private static final class NonClosingStream extends PositionOutputStream {
        private static final int BUFFER_SIZE = 64 * 1024;
        private final FSDataOutputStream out;
        private final byte[] buffer = new byte[BUFFER_SIZE];
        private final MessageDigest sha256 = sha256();
        private final long start;
        private int buffered;
        private long position;

        NonClosingStream(FSDataOutputStream out) {
            this.out = out;
            try {
                this.position = out.getPos();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read the position of the output stream", e);
            }
            this.start = position;
        }

        /** The digest of the bytes written so far, buffered ones included; the stream goes on. */
        byte[] digestSoFar() {
            try {
                MessageDigest copy = (MessageDigest) sha256.clone();
                copy.update(buffer, 0, buffered);
                return copy.digest();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digests of the JDK are cloneable", e);
            }
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            if (buffered == BUFFER_SIZE) {
                drain();
            }
            buffer[buffered++] = (byte) b;
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= BUFFER_SIZE) {
                drain();
                sha256.update(b, off, len);
                out.write(b, off, len);
            } else {
                if (buffered + len > BUFFER_SIZE) {
                    drain();
                }
                System.arraycopy(b, off, buffer, buffered, len);
                buffered += len;
            }
            position += len;
        }

        private void drain() throws IOException {
            if (buffered > 0) {
                sha256.update(buffer, 0, buffered);
                out.write(buffer, 0, buffered);
                buffered = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
