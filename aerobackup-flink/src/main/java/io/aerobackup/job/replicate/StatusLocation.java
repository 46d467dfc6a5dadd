package io.aerobackup.job.replicate;

import org.apache.flink.core.fs.Path;

/**
 * Where a replication's status file is when {@code --status-to} is not given: next to the backups
 * with {@code --backup-to}, otherwise (local runs of the command line) in the user's home folder.
 * The job and {@code aerobackup status} derive it alike, so the status command finds it from the
 * same {@code --namespace} (and {@code --backup-to}) the replication was started with.
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

    /** The default for a run: in the catalog with {@code backupTo}, else in the home folder when {@code local}, else none. */
    public static String defaultFor(String backupTo, String sourceNamespace, String destinationNamespace,
                                    boolean local) {
        if (backupTo != null && !backupTo.isBlank()) {
            return inCatalog(backupTo, sourceNamespace, destinationNamespace);
        }
        return local ? inHome(sourceNamespace, destinationNamespace) : null;
    }

    private static String fileName(String sourceNamespace, String destinationNamespace) {
        return sourceNamespace + "-to-" + destinationNamespace + ".json";
    }
}
