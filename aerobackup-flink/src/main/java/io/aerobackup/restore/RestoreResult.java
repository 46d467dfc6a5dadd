package io.aerobackup.restore;

import io.aerobackup.catalog.RestoreChain;

import java.time.Duration;
import java.util.Map;

/**
 * What a restore did: the chain read, rows read, records written, skipped by reason, failed by code;
 * {@code summary} is where the job wrote its summary in the catalog (null for a validation).
 */
public record RestoreResult(
        RestoreChain chain,
        long rowsRead,
        long written,
        long deleted,
        Map<String, Long> skipped,
        Map<Integer, Long> failed,
        long bytesWritten,
        int indexesRestored,
        int udfsRestored,
        Duration elapsed,
        boolean validateOnly,
        String summary) {

    /** B of the time model: bytes written per second. */
    public double bandwidthBytesPerSecond() {
        return bytesWritten / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    public double recordsPerSecond() {
        return (written + deleted) / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
