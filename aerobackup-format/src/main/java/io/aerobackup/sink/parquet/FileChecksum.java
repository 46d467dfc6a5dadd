package io.aerobackup.sink.parquet;

/**
 * SHA-256 (lower-case hex) and size of a data file, computed from the bytes as they were written,
 * so whoever publishes the file (manifest, change-feed committer) need not read it back.
 */
public record FileChecksum(String sha256, long bytes) {
}
