package io.aerobackup.job.replicate;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.spec.Incremental;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a replication job needs, validated: the source cluster and what of it to replicate,
 * the destination cluster and namespace, how often rounds run, and how the destination is written.
 *
 * @param source             the source cluster
 * @param scan               the source namespace and sets (the rounds' scans)
 * @param destination        the destination cluster
 * @param destinationNamespace the namespace the source namespace is written into
 * @param interval           rounds start this far apart
 * @param skewMargin         a delta's window ends this long before its round starts (node clock skew)
 * @param checkpointInterval a round counts as applied on the first completed checkpoint after it
 * @param parallelism        the job's parallelism; 0: the environment's default
 * @param backupTo           nullable: a catalog root the rounds are also committed to as backups
 * @param parquet            how backups are written; used only with {@code backupTo}
 * @param maxFileBytes       a backup data file's size limit; used only with {@code backupTo}
 * @param optionsUsed        what the backups' manifests record as their options (no secrets)
 * @param statusTo           nullable: where the status file ({@link ReplicationStatus}) is written
 * @param write              how the destination is written: batch size, batches in flight, retries,
 *                           back-off, ignored result codes, durable deletes; its namespace is
 *                           {@code destinationNamespace} and set, bin, mode and generation options do
 *                           not apply (replication writes whole records under its own conflict rule)
 * @param writeTimeout       total timeout of one batch sent to the destination (and of the conflict
 *                           reads on the source); zero: the client's default
 */
public record ReplicationSpec(
        ConnectionOptions source,
        ScanOptions scan,
        ConnectionOptions destination,
        String destinationNamespace,
        Duration interval,
        Duration skewMargin,
        Duration checkpointInterval,
        int parallelism,
        String backupTo,
        ParquetWriteOptions parquet,
        long maxFileBytes,
        Map<String, String> optionsUsed,
        String statusTo,
        RestoreWriteOptions write,
        Duration writeTimeout) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReplicationSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(write, "write");
        if (destinationNamespace == null || destinationNamespace.isBlank()) {
            throw new IllegalArgumentException("the destination namespace is required (--namespace NS[,DST_NS])");
        }
        if (!destinationNamespace.equals(write.namespace())) {
            throw new IllegalArgumentException("the write options write into " + write.namespace()
                    + ", not the destination namespace " + destinationNamespace);
        }
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--interval must be at least 1 second, was " + interval);
        }
        if (skewMargin == null || skewMargin.isNegative()) {
            throw new IllegalArgumentException("--clock-skew-margin cannot be negative, was " + skewMargin);
        }
        if (checkpointInterval == null || checkpointInterval.isZero() || checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("replication applies its rounds on checkpoints: give a positive"
                    + " --checkpoint-interval, was " + checkpointInterval);
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism must be 0 or more, was " + parallelism);
        }
        if (backupTo != null && parquet == null) {
            throw new IllegalArgumentException("--backup-to needs the Parquet write options");
        }
        if (writeTimeout == null || writeTimeout.isNegative()) {
            throw new IllegalArgumentException("the write timeout cannot be negative, was " + writeTimeout);
        }
        optionsUsed = Map.copyOf(optionsUsed == null ? Map.of() : optionsUsed);
    }

    /** Whether the rounds are also committed to a catalog. */
    public boolean backsUp() {
        return backupTo != null;
    }

    /** The same spec writing with {@code newWrite} (same namespace). */
    public ReplicationSpec withWrite(RestoreWriteOptions newWrite) {
        return new ReplicationSpec(source, scan, destination, destinationNamespace, interval, skewMargin,
                checkpointInterval, parallelism, backupTo, parquet, maxFileBytes, optionsUsed, statusTo, newWrite,
                writeTimeout);
    }

    /**
     * The change feed's backup spec of the same source, for the preflight and (with
     * {@code backupTo}) the catalog's writers and committer.
     */
    public BackupSpec backupSpec() {
        return new BackupSpec(source, scan, backupTo, parquet, maxFileBytes, parallelism, checkpointInterval,
                optionsUsed, new Incremental(false, false, false, skewMargin));
    }
}
