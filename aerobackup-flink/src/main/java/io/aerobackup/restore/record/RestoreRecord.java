package io.aerobackup.restore.record;

import io.aerobackup.record.BackupRecord;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Objects;

/**
 * A backup row on its way back into a cluster, with the data file it was read from, so that a
 * record the cluster refuses can be named by digest and file. Immutable; Flink serializes it with
 * {@link RestoreRecordSerializer}, never Kryo.
 */
@TypeInfo(RestoreRecordTypeInfo.Factory.class)
public final class RestoreRecord {
    private final BackupRecord record;
    private final String sourceFile;

    public RestoreRecord(BackupRecord record, String sourceFile) {
        this.record = Objects.requireNonNull(record, "record");
        this.sourceFile = Objects.requireNonNull(sourceFile, "sourceFile");
    }

    public BackupRecord record() {
        return record;
    }

    /** The data file (path or URI as the reader saw it) the record came from. */
    public String sourceFile() {
        return sourceFile;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RestoreRecord)) {
            return false;
        }
        RestoreRecord other = (RestoreRecord) o;
        return record.equals(other.record) && sourceFile.equals(other.sourceFile);
    }

    @Override
    public int hashCode() {
        return 31 * record.hashCode() + sourceFile.hashCode();
    }

    @Override
    public String toString() {
        return "RestoreRecord{" + record + ", file=" + sourceFile + "}";
    }
}
