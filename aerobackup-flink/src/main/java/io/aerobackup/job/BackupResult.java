package io.aerobackup.job;

import io.aerobackup.catalog.BackupManifest;

import java.time.Duration;

/** What a finished backup reports: its manifest and the time model's figures, D, B and T. */
public record BackupResult(BackupManifest manifest, Duration elapsed, Duration jobRuntime) {
    /** D: bytes of bin data backed up (as read from the cluster). */
    public long dataBytes() {
        return manifest.binBytes();
    }

    /** B: bytes per second achieved. */
    public double bandwidthBytesPerSecond() {
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        return dataBytes() / seconds;
    }

    public double recordsPerSecond() {
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        return manifest.recordCount() / seconds;
    }
}
