package io.aerobackup.record;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupRecordTypeInfoTest {
    @Test
    void flinkTypeExtractionFindsOurTypeInfoInsteadOfKryo() {
        TypeInformation<BackupRecord> info = TypeInformation.of(BackupRecord.class);
        assertThat(info).isEqualTo(BackupRecordTypeInfo.INSTANCE);
        assertThat(info.createSerializer(new SerializerConfigImpl())).isSameAs(BackupRecordSerializer.INSTANCE);
    }

    @Test
    void snapshotRecordsTheCodecVersion() throws IOException {
        TypeSerializerSnapshot<BackupRecord> snapshot = BackupRecordSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<BackupRecord> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(((BackupRecordSerializerSnapshot) restored).codecVersion()).isEqualTo(RecordCodec.CURRENT_VERSION);
        assertThat(restored.restoreSerializer()).isEqualTo(BackupRecordSerializer.INSTANCE);
        assertThat(snapshot.resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    }

    @Test
    void stateFromANewerCodecIsIncompatible() throws IOException {
        BackupRecordSerializerSnapshot newer = new BackupRecordSerializerSnapshot();
        DataOutputSerializer out = new DataOutputSerializer(8);
        out.writeInt(RecordCodec.CURRENT_VERSION + 1);
        newer.readSnapshot(BackupRecordSerializerSnapshot.VERSION_1, new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        TypeSerializerSchemaCompatibility<BackupRecord> compatibility =
                new BackupRecordSerializerSnapshot().resolveSchemaCompatibility(newer);
        assertThat(compatibility.isIncompatible()).isTrue();
        assertThatThrownBy(() -> new BackupRecordSerializerSnapshot().readSnapshot(2, new DataInputDeserializer(new byte[4]),
                getClass().getClassLoader())).hasMessageContaining("unknown BackupRecordSerializer snapshot version 2");
    }
}
