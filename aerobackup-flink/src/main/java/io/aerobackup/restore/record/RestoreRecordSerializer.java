package io.aerobackup.restore.record;


import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.BackupRecordSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink serializer for {@link RestoreRecord}: the source file as modified UTF-8, then the record
 * as {@link BackupRecordSerializer} writes it (length-prefixed, carrying its own codec version).
 * RestoreRecord is immutable, so copies return the same instance.
 */
public final class RestoreRecordSerializer extends TypeSerializer<RestoreRecord> {
    private static final long serialVersionUID = 1L;

    public static final RestoreRecordSerializer INSTANCE = new RestoreRecordSerializer();

    private static final BackupRecordSerializer RECORDS = BackupRecordSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<RestoreRecord> duplicate() {
        return this; // stateless
    }

    @Override
    public RestoreRecord createInstance() {
        return new RestoreRecord(RECORDS.createInstance(), "");
    }

    @Override
    public RestoreRecord copy(RestoreRecord from) {
        return from;
    }

    @Override
    public RestoreRecord copy(RestoreRecord from, RestoreRecord reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RestoreRecord record, DataOutputView target) throws IOException {
        target.writeUTF(record.sourceFile());
        RECORDS.serialize(record.record(), target);
    }

    @Override
    public RestoreRecord deserialize(DataInputView source) throws IOException {
        String file = source.readUTF();
        BackupRecord record = RECORDS.deserialize(source);
        return new RestoreRecord(record, file);
    }

    @Override
    public RestoreRecord deserialize(RestoreRecord reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeUTF(source.readUTF());
        RECORDS.copy(source, target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof RestoreRecordSerializer;
    }

    @Override
    public int hashCode() {
        return RestoreRecordSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<RestoreRecord> snapshotConfiguration() {
        return new RestoreRecordSerializerSnapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
