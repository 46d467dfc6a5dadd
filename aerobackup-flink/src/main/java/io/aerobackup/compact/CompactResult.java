package io.aerobackup.compact;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.RestoreChain;

import java.time.Duration;

/**
 * What a compaction did: the chain it read (rows in all its members), the full it committed, the
 * records dropped because they had expired, and the deletes applied (deleted records left out).
 */
public record CompactResult(RestoreChain chain, BackupManifest manifest, long expired, long deletesApplied,
                            Duration elapsed) {
    public long rowsRead() {
        return chain.totalRecords();
    }
}
