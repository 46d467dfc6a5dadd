package io.aerobackup.sink.parquet;

import java.io.IOException;

/**
 * Whether a data file reached --file-size, asking for its size only once per {@link #CHECK_EVERY}
 * records: on a local file system each ask is a system call (it cost ~4% of a backup's CPU per
 * record), and a file grows by at most a few hundred KB between asks. One per open file.
 */
public final class FileSizeLimit {
    static final int CHECK_EVERY = 1024;

    /** The file's current size, with what its writer still buffers. */
    public interface Size {
        long bytes() throws IOException;
    }

    private final long maxBytes;
    private int sinceCheck;

    /** {@code maxBytes} 0 or less: no limit. */
    public FileSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Called once per record written. */
    public boolean reached(Size size) throws IOException {
        if (maxBytes <= 0 || ++sinceCheck < CHECK_EVERY) {
            return false;
        }
        sinceCheck = 0;
        return size.bytes() >= maxBytes;
    }
}
