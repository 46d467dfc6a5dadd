package io.aerobackup.sink.parquet;

import java.io.IOException;
import java.util.Map;

/**
 * The {@code aerobackup.format.version} of a data file: "major.minor". A reader accepts any minor
 * of the majors it knows (minor bumps only add columns or metadata) and refuses a newer major.
 * Major 1 is the list-of-bins layout ({@link BackupSchema}), major 2 one column per bin ({@link TypedSchema}).
 */
final class FormatVersion {
    /** The newest major this build reads; it writes {@link TypedSchema#FORMAT_VERSION}. */
    static final int NEWEST_MAJOR = TypedSchema.FORMAT_MAJOR;

    private FormatVersion() {
    }

    /** Returns the file's major version, or throws an IOException naming the file and what to do. */
    static int check(Map<String, String> keyValueMetadata, String file) throws IOException {
        String version = keyValueMetadata.get(BackupSchema.FORMAT_VERSION_KEY);
        if (version == null) {
            throw new IOException(file + " is not an aerobackup data file: its Parquet metadata has no "
                    + BackupSchema.FORMAT_VERSION_KEY);
        }
        int major;
        try {
            int dot = version.indexOf('.');
            major = Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
            if (dot >= 0) {
                Integer.parseInt(version.substring(dot + 1));
            }
        } catch (NumberFormatException e) {
            throw new IOException(file + " has a malformed " + BackupSchema.FORMAT_VERSION_KEY + " '" + version
                    + "', expected major.minor", e);
        }
        if (major > NEWEST_MAJOR || major < 1) {
            throw new IOException(file + " has backup format version " + version + ", but this aerobackup reads only"
                    + " format major versions 1 to " + NEWEST_MAJOR + " (up to " + TypedSchema.FORMAT_VERSION
                    + "); use a newer aerobackup to read it");
        }
        return major;
    }
}
