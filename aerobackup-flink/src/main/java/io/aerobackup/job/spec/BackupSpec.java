package io.aerobackup.job.spec;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;

import java.time.Duration;
import java.util.Map;

/** Everything a backup run needs, validated: where from, what, where to, how to write it. */
public record BackupSpec(
        ConnectionOptions connection,
        ScanOptions scan,
        String destination,
        ParquetWriteOptions parquet,
        long maxFileBytes,
        int parallelism,
        Duration checkpointInterval,
        Map<String, String> optionsUsed,
        Incremental incremental) {

    /** The same spec scanning {@code newScan} (an incremental's window). */
    public BackupSpec withScan(ScanOptions newScan) {
        return new BackupSpec(connection, newScan, destination, parquet, maxFileBytes, parallelism, checkpointInterval,
                optionsUsed, incremental);
    }
}
