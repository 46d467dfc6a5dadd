package io.aerobackup.estimate;

import io.aerobackup.record.BackupRecord;

import java.time.Duration;
import java.util.List;

/**
 * Records read from the cluster and written through the backup's Parquet writer, with what that cost.
 *
 * @param binBytes    bin data of the rows (names plus values, as a backup's manifest counts binBytes)
 * @param outputBytes size of the Parquet file written from them with the default compression
 * @param partitions  how many partitions the sample was read from
 */
public record Sample(List<BackupRecord> rows, long binBytes, long outputBytes, Duration scanTime, Duration writeTime,
                     int partitions) {

    public int size() {
        return rows.size();
    }

    public double binBytesPerRecord() {
        return rows.isEmpty() ? 0 : (double) binBytes / rows.size();
    }

    public double outputBytesPerRecord() {
        return rows.isEmpty() ? 0 : (double) outputBytes / rows.size();
    }
}
