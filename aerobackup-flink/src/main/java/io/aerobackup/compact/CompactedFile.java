package io.aerobackup.compact;

import java.io.Serializable;

/**
 * A data file the compaction wrote, still under its hidden in-progress name: what its manifest
 * entry needs, computed while writing (no read-back). Reported to the client in an accumulator.
 */
public record CompactedFile(String inProgressPath, String finalName, long records, long bytes, long binBytes,
                            String sha256) implements Serializable {
    private static final long serialVersionUID = 1L;
}
