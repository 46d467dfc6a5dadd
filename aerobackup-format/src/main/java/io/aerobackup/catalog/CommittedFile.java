package io.aerobackup.catalog;

/**
 * A data file as its writer finished it, for the manifest that commits it: counted and digested
 * while it was written, never read back.
 *
 * @param path     relative to the backup folder ({@code data/part-....parquet})
 * @param records  rows in the file
 * @param bytes    the file's length
 * @param binBytes bytes of bin data in its rows (names plus particles, as read from the cluster)
 * @param sha256   hex SHA-256 of the file's bytes
 */
public record CommittedFile(String path, long records, long bytes, long binBytes, String sha256) {
}
