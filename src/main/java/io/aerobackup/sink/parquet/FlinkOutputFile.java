package io.aerobackup.sink.parquet;

import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;

/**
 * A Parquet {@link OutputFile} over a stream Flink opened (a FileSink part file). Closing the
 * Parquet writer only flushes: the stream belongs to Flink, which commits it on checkpoint.
 */
final class FlinkOutputFile implements OutputFile {
    private final FSDataOutputStream out;
    private boolean created;

    FlinkOutputFile(FSDataOutputStream out) {
        this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        if (created) {
            throw new IllegalStateException("a FlinkOutputFile wraps one stream and can be created once");
        }
        created = true;
        return new NonClosingStream(out);
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

    private static final class NonClosingStream extends PositionOutputStream {
        private final FSDataOutputStream out;

        NonClosingStream(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
