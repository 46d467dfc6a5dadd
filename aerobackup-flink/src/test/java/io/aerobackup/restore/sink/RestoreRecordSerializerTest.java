package io.aerobackup.restore.sink;

import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.restore.record.RestoreRecordSerializer;
import io.aerobackup.restore.record.RestoreRecordSerializerSnapshot;
import io.aerobackup.restore.record.RestoreRecordTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreRecordSerializerTest {
    private final Random random = new Random(7);

    @Test
    void roundTripsRecordAndFile() throws Exception {
        RestoreRecord keyed = RestoreTestRecords.keyed("s", 3L, 4, 12345, RestoreTestRecords.allTypes(random, 3));
        RestoreRecord deleted = RestoreTestRecords.delete("s", RestoreTestRecords.digest(random));
        DataOutputSerializer out = new DataOutputSerializer(256);
        RestoreRecordSerializer.INSTANCE.serialize(keyed, out);
        RestoreRecordSerializer.INSTANCE.serialize(deleted, out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(RestoreRecordSerializer.INSTANCE.deserialize(in)).isEqualTo(keyed);
        assertThat(RestoreRecordSerializer.INSTANCE.deserialize(in)).isEqualTo(deleted);
        assertThat(in.available()).isZero();

        DataOutputSerializer copied = new DataOutputSerializer(4096); // write(DataInputView, n) does not grow the buffer
        RestoreRecordSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        RestoreRecord again = RestoreRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));
        assertThat(again.sourceFile()).isEqualTo(RestoreTestRecords.FILE);
    }

    @Test
    void snapshotIsVersionedAndCompatibleWithItself() throws Exception {
        TypeSerializerSnapshot<RestoreRecord> snapshot = RestoreRecordSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<RestoreRecord> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(read).isInstanceOf(RestoreRecordSerializerSnapshot.class);
        assertThat(read.getCurrentVersion()).isEqualTo(RestoreRecordSerializerSnapshot.CURRENT_VERSION);
        assertThat(snapshot.resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer()).isSameAs(RestoreRecordSerializer.INSTANCE);
    }

    @Test
    void typeExtractionFindsTheTypeInfo() {
        assertThat(TypeInformation.of(RestoreRecord.class)).isEqualTo(RestoreRecordTypeInfo.INSTANCE);
    }
}
