package io.aerobackup.record;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.List;

/**
 * Flink serializer for {@link BackupRecord}: an int length, then the {@link RecordCodec} bytes
 * (which start with their own version). Keeps records off Kryo on network and state paths.
 *
 * <p>BackupRecord is treated as immutable (its contract: nobody modifies a record, its digest or
 * its bin values once built), so {@link #copy(BackupRecord)} returns the record itself; a deep
 * copy per chained operator would cost as much as the scan.
 */
public final class BackupRecordSerializer extends TypeSerializer<BackupRecord> {
    private static final long serialVersionUID = 1L;

    public static final BackupRecordSerializer INSTANCE = new BackupRecordSerializer();

    private static final byte[] EMPTY_DIGEST = new byte[BackupRecord.DIGEST_LENGTH];

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<BackupRecord> duplicate() {
        return this; // stateless
    }

    @Override
    public BackupRecord createInstance() {
        return new BackupRecord(EMPTY_DIGEST.clone(), null, null, 0, 0, RecordOperation.DELETE, List.of());
    }

    @Override
    public BackupRecord copy(BackupRecord from) {
        return from;
    }

    @Override
    public BackupRecord copy(BackupRecord from, BackupRecord reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(BackupRecord record, DataOutputView target) throws IOException {
        byte[] bytes = RecordCodec.encode(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public BackupRecord deserialize(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length <= 0) {
            throw new IOException("corrupt serialized BackupRecord: length " + length + " must be positive");
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        return RecordCodec.decode(bytes);
    }

    @Override
    public BackupRecord deserialize(BackupRecord reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof BackupRecordSerializer;
    }

    @Override
    public int hashCode() {
        return BackupRecordSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<BackupRecord> snapshotConfiguration() {
        return new BackupRecordSerializerSnapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
