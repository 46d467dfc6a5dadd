package io.aerobackup.record;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's own serializer contract tests (copy, sequences, snapshot, duplicate, serializability). */
class BackupRecordSerializerTest extends SerializerTestBase<BackupRecord> {
    BackupRecordSerializerTest() {
        // BackupRecord.equals is the lossless comparison (byte[] by content, map order, ...).
        super(new DeeplyEqualsChecker().withCustomCheck((a, b) -> a instanceof BackupRecord && b instanceof BackupRecord,
                (a, b, checker) -> a.equals(b)));
    }

    @Override
    protected TypeSerializer<BackupRecord> createSerializer() {
        return new BackupRecordSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<BackupRecord> getTypeClass() {
        return BackupRecord.class;
    }

    @Override
    protected BackupRecord[] getTestData() {
        return new RecordGenerator(5).records(150).toArray(new BackupRecord[0]);
    }
}
