package io.aerobackup.restore;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.restore.sink.RestoreWriteOptions;

import java.time.Instant;

/**
 * A restore: which backup (an id, a point in time, or the latest when both are null), from which
 * catalog and namespace, into which cluster, with which write policies.
 */
public record RestoreSpec(
        ConnectionOptions connection,
        String catalogRoot,
        String sourceNamespace,
        String backupId,
        Instant pointInTime,
        RestoreWriteOptions write,
        int parallelism,
        boolean validateOnly,
        boolean indexesLast,
        boolean restoreMetadata,
        EncryptionOptions encryption) {

    /** A restore of backups in clear (no keys). */
    public RestoreSpec(ConnectionOptions connection, String catalogRoot, String sourceNamespace, String backupId,
                       Instant pointInTime, RestoreWriteOptions write, int parallelism, boolean validateOnly,
                       boolean indexesLast, boolean restoreMetadata) {
        this(connection, catalogRoot, sourceNamespace, backupId, pointInTime, write, parallelism, validateOnly,
                indexesLast, restoreMetadata, EncryptionOptions.none());
    }
}
