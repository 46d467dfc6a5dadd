package io.aerobackup.compact;

import io.aerobackup.sink.parquet.ParquetWriteOptions;

import java.util.Map;

/**
 * A compaction: which chain (the target {@code backupId}, or the namespace's latest backup when
 * null) of which catalog and namespace, and how the new full's files are written.
 */
public record CompactSpec(
        String catalogRoot,
        String namespace,
        String backupId,
        ParquetWriteOptions parquet,
        long maxFileBytes,
        int parallelism,
        Map<String, String> optionsUsed) {
}
