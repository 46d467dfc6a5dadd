package io.aerobackup.job.replicate;

import org.apache.flink.core.fs.Path;

/**
 * Where a replication's status file is when {@code --status-to} is not given: next to the backups
 * with {@code --backup-to} (the job's default), otherwise, for the command line's local runs, in the
 * user's home folder. {@code aerobackup status} derives it alike, so it finds the file from the same
 * {@code --namespace} (and {@code --backup-to}) the replication was started with.
 */
public final class StatusLocation {
    /** The folder under a catalog root that holds its replications' status files. */
    public static final String CATALOG_FOLDER = "_replication";

    private StatusLocation() {
    }

    /** {@code <root>/_replication/<source>-to-<destination>.json}. */
    public static String inCatalog(String backupTo, String sourceNamespace, String destinationNamespace) {
        return new Path(new Path(backupTo, CATALOG_FOLDER), fileName(sourceNamespace, destinationNamespace)).toString();
    }

    /** {@code ~/.aerobackup/replication/<source>-to-<destination>.json}: for runs in this machine's JVM. */
    public static String inHome(String sourceNamespace, String destinationNamespace) {
        return java.nio.file.Path.of(System.getProperty("user.home"), ".aerobackup", "replication",
                fileName(sourceNamespace, destinationNamespace)).toUri().toString();
    }

    private static String fileName(String sourceNamespace, String destinationNamespace) {
        return sourceNamespace + "-to-" + destinationNamespace + ".json";
    }
}
