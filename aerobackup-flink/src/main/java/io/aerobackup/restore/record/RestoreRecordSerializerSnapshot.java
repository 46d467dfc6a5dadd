package io.aerobackup.restore.record;



import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.BackupRecordSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Snapshot of {@link RestoreRecordSerializer}. Layout 1: the nested BackupRecord serializer's
 * snapshot, written with its own version, so the record codec can evolve on its own; compatibility
 * is the nested serializer's.
 */
public final class RestoreRecordSerializerSnapshot implements TypeSerializerSnapshot<RestoreRecord> {
    /** Snapshot layout 1: the versioned BackupRecordSerializer snapshot. Bump when the layout changes. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    private TypeSerializerSnapshot<BackupRecord> recordSnapshot;

    /** Used by Flink (reflection) before {@link #readSnapshot}, and by the serializer. */
    public RestoreRecordSerializerSnapshot() {
        this.recordSnapshot = BackupRecordSerializer.INSTANCE.snapshotConfiguration();
    }

    @Override
    public int getCurrentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        TypeSerializerSnapshot.writeVersionedSnapshot(out, recordSnapshot);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        switch (readVersion) {
            case VERSION_1:
                recordSnapshot = TypeSerializerSnapshot.readVersionedSnapshot(in, userCodeClassLoader);
                break;
            default:
                throw new IOException("unknown RestoreRecordSerializer snapshot version " + readVersion
                        + "; this build reads versions 1.." + CURRENT_VERSION);
        }
    }

    @Override
    public TypeSerializer<RestoreRecord> restoreSerializer() {
        return RestoreRecordSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<RestoreRecord> resolveSchemaCompatibility(
            TypeSerializerSnapshot<RestoreRecord> oldSnapshot) {
        if (!(oldSnapshot instanceof RestoreRecordSerializerSnapshot)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        TypeSerializerSchemaCompatibility<BackupRecord> nested = BackupRecordSerializer.INSTANCE
                .snapshotConfiguration()
                .resolveSchemaCompatibility(((RestoreRecordSerializerSnapshot) oldSnapshot).recordSnapshot);
        return nested.isCompatibleAsIs()
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
