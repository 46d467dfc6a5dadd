package io.aerobackup.sink.parquet;

/**
 * A row that Parquet decoded but that breaks docs/FORMAT.md. Unchecked because it leaves Parquet's
 * converters; {@link ParquetBackupReader} finds it under Parquet's wrapping and reports it as such.
 */
final class BadRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRowException(String message, Throwable cause) {
        super(message, cause);
    }
}
