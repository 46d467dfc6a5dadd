package io.aerobackup.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        Map<String, String> options,
        @JsonInclude(JsonInclude.Include.NON_NULL) String manifestHmac) {

    /** The format of manifests of unencrypted backups, which older aerobackup versions read too. */
    public static final int FORMAT_VERSION = 1;
    /** The highest manifest format this aerobackup reads: 2 adds encryption (key id and HMAC). */
    public static final int MAX_FORMAT_VERSION = 2;
    /** The format of manifests of encrypted backups: {@code encryptionKeyId} and {@code manifestHmac} set. */
    public static final int FORMAT_VERSION_ENCRYPTED = 2;
    public static final String FULL = "full";
    public static final String DELTA = "delta";

    /** A manifest without an HMAC (every unencrypted backup's; an encrypted one's before signing). */
    public BackupManifest(int formatVersion, String backupId, String kind, String parentId, String namespace,
                          List<String> sets, Long windowFromMillis, Long windowToMillis, List<String> partitions,
                          String startedAt, String finishedAt, long recordCount, long fileBytes, long binBytes,
                          List<DataFile> files, List<SecondaryIndex> secondaryIndexes, List<Udf> udfs,
                          String compression, Integer compressionLevel, String encryptionKeyId, String toolVersion,
                          Map<String, String> options) {
        this(formatVersion, backupId, kind, parentId, namespace, sets, windowFromMillis, windowToMillis, partitions,
                startedAt, finishedAt, recordCount, fileBytes, binBytes, files, secondaryIndexes, udfs, compression,
                compressionLevel, encryptionKeyId, toolVersion, options, null);
    }

    /** Whether the backup's files are encrypted (then this manifest must carry a valid HMAC). */
    public boolean encrypted() {
        return encryptionKeyId != null;
    }

    /**
     * This manifest for a backup encrypted with the key {@code keyId}: format 2, with the HMAC
     * field holding {@code hmac} (the placeholder before signing).
     */
    public BackupManifest encryptedWith(String keyId, String hmac) {
        return new BackupManifest(FORMAT_VERSION_ENCRYPTED, backupId, kind, parentId, namespace, sets,
                windowFromMillis, windowToMillis, partitions, startedAt, finishedAt, recordCount, fileBytes, binBytes,
                files, secondaryIndexes, udfs, compression, compressionLevel, keyId, toolVersion, options, hmac);
    }

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
