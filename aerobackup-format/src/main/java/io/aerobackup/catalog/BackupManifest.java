package io.aerobackup.catalog;

import java.util.List;
import java.util.Map;

/**
 * The manifest that commits a backup: written last, after every data file it lists is complete.
 * A backup folder without one is incomplete and is never restored. See docs/FORMAT.md.
 */
public record BackupManifest(
        int formatVersion,
        String backupId,
        String kind,
        String parentId,
        String namespace,
        List<String> sets,
        Long windowFromMillis,
        Long windowToMillis,
        List<String> partitions,
        String startedAt,
        String finishedAt,
        long recordCount,
        long fileBytes,
        long binBytes,
        List<DataFile> files,
        List<SecondaryIndex> secondaryIndexes,
        List<Udf> udfs,
        String compression,
        Integer compressionLevel,
        String encryptionKeyId,
        String toolVersion,
        Map<String, String> options) {

    public static final int FORMAT_VERSION = 1;
    public static final String FULL = "full";
    public static final String DELTA = "delta";

    /**
     * Until when this backup is known complete, in epoch milliseconds: a delta's window end, or a
     * full backup's start (records changed while a full ran may or may not be in it). The next
     * incremental starts here, less the clock-skew margin.
     */
    public long coverageEndMillis() {
        if (windowToMillis != null) {
            return windowToMillis;
        }
        return java.time.Instant.parse(startedAt).toEpochMilli();
    }

    /** One Parquet file, by path relative to the backup folder. */
    public record DataFile(String path, long records, long bytes, String sha256) {
    }

    /** A secondary-index definition as {@code sindex-list} reports it. */
    public record SecondaryIndex(String name, String set, String bin, String type, String indexType,
                                 String context, String expression) {
    }

    /** A UDF module and its source, so a restore can register it again. */
    public record Udf(String name, String type, String contentBase64) {
    }
}
