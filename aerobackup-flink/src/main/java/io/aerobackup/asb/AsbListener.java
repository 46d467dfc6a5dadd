package io.aerobackup.asb;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.record.BackupRecord;

import java.io.IOException;

/** What the .asb parser found, in file order. */
public interface AsbListener {
    /** The header: the format version, the namespace of the meta line (or null) and whether it is the first file. */
    void meta(String file, String version, String namespace, boolean firstFile) throws IOException;

    void secondaryIndex(String namespace, BackupManifest.SecondaryIndex index) throws IOException;

    void udf(BackupManifest.Udf udf) throws IOException;

    /** A record, the namespace its {@code + n} line names and the line the record starts on. */
    void record(String namespace, BackupRecord record, int line) throws IOException;
}
