package io.aerobackup.record;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Snapshot of {@link BackupRecordSerializer}: records the {@link RecordCodec} version the state was
 * written with. Every record also carries its own version byte, so a newer build reads state of
 * any older codec version as is; state from a newer codec version is refused.
 */
public final class BackupRecordSerializerSnapshot implements TypeSerializerSnapshot<BackupRecord> {
    /** Snapshot layout 1: one int, the RecordCodec version. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    private int codecVersion;

    /** Used by Flink (reflection) before {@link #readSnapshot}, and by the serializer. */
    public BackupRecordSerializerSnapshot() {
        this.codecVersion = RecordCodec.CURRENT_VERSION;
    }

    /** The RecordCodec version recorded in this snapshot. */
    public int codecVersion() {
        return codecVersion;
    }

    @Override
    public int getCurrentVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(codecVersion);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        switch (readVersion) {
            case VERSION_1:
                codecVersion = in.readInt();
                break;
            default:
                throw new IOException("unknown BackupRecordSerializer snapshot version " + readVersion
                        + "; this build reads versions 1.." + CURRENT_VERSION);
        }
    }

    @Override
    public TypeSerializer<BackupRecord> restoreSerializer() {
        return BackupRecordSerializer.INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<BackupRecord> resolveSchemaCompatibility(
            TypeSerializerSnapshot<BackupRecord> oldSnapshot) {
        if (!(oldSnapshot instanceof BackupRecordSerializerSnapshot)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int old = ((BackupRecordSerializerSnapshot) oldSnapshot).codecVersion;
        return old >= 1 && old <= RecordCodec.CURRENT_VERSION
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
