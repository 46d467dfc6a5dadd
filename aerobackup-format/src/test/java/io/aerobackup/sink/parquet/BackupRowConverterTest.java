package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordGenerator;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupRowConverterTest {
    @Test
    void generatedRecordsRoundTripThroughRows() throws IOException {
        for (BackupRecord record : new RecordGenerator(8).records(500)) {
            assertThat(BackupRowConverter.fromRow(BackupRowConverter.toRow(record))).isEqualTo(record);
        }
    }

    @Test
    void expiresAtIsUnixSecondsAndNullForNeverExpires() {
        assertThat(row(0).get(BackupSchema.EXPIRES_AT)).isNull();
        assertThat(row(100).get(BackupSchema.EXPIRES_AT)).isEqualTo(1262304100L);
    }

    @Test
    void eachBinHasExactlyOneValueColumn() {
        GenericRecord row = BackupRowConverter.toRow(record(List.of(
                new BackupBin("i", ParticleTypes.INTEGER, 1L),
                new BackupBin("g", ParticleTypes.GEOJSON, "{}"),
                new BackupBin("h", ParticleTypes.HLL, new byte[] {1}),
                new BackupBin("m", ParticleTypes.MAP, new java.util.TreeMap<>()))));
        List<?> bins = (List<?>) row.get(BackupSchema.BINS);
        assertThat(nonNullValues((GenericRecord) bins.get(0))).containsExactly(BackupSchema.INT_VALUE);
        assertThat(nonNullValues((GenericRecord) bins.get(1))).containsExactly(BackupSchema.STRING_VALUE);
        assertThat(nonNullValues((GenericRecord) bins.get(2))).containsExactly(BackupSchema.BYTES_VALUE);
        assertThat(nonNullValues((GenericRecord) bins.get(3))).containsExactly(BackupSchema.BYTES_VALUE);
    }

    @Test
    void rowsBreakingTheFormatAreIOExceptions() {
        GenericRecord twoValues = row(0);
        GenericRecord bin = (GenericRecord) ((List<?>) twoValues.get(BackupSchema.BINS)).get(0);
        bin.put(BackupSchema.STRING_VALUE, "also");
        assertThatThrownBy(() -> BackupRowConverter.fromRow(twoValues)).isInstanceOf(IOException.class)
                .hasMessageContaining("bin 'i' of type INTEGER must have exactly one value, in int_value");

        GenericRecord keyMismatch = row(0);
        keyMismatch.put(BackupSchema.USER_KEY_BYTES, ByteBuffer.wrap(new byte[1]));
        assertThatThrownBy(() -> BackupRowConverter.fromRow(keyMismatch)).hasMessageContaining("user_key_type 1");

        GenericRecord badOp = row(0);
        badOp.put(BackupSchema.OPERATION, "MERGE");
        assertThatThrownBy(() -> BackupRowConverter.fromRow(badOp)).hasMessageContaining("'MERGE'");

        GenericRecord badType = row(0);
        ((GenericRecord) ((List<?>) badType.get(BackupSchema.BINS)).get(0)).put(BackupSchema.BIN_TYPE, 5);
        assertThatThrownBy(() -> BackupRowConverter.fromRow(badType)).hasMessageContaining("unknown particle type 5");

        GenericRecord badList = BackupRowConverter.toRow(record(List.of(new BackupBin("l", ParticleTypes.LIST, List.of()))));
        ((GenericRecord) ((List<?>) badList.get(BackupSchema.BINS)).get(0))
                .put(BackupSchema.BYTES_VALUE, ByteBuffer.wrap(new byte[] {(byte) 0x91}));
        assertThatThrownBy(() -> BackupRowConverter.fromRow(badList)).hasMessageContaining("bin 'l'");
    }

    private static List<String> nonNullValues(GenericRecord bin) {
        return BackupSchema.BIN.getFields().stream().map(f -> f.name())
                .filter(n -> n.endsWith("_value") && bin.get(n) != null).toList();
    }

    private static GenericRecord row(long voidTime) {
        return BackupRowConverter.toRow(new BackupRecord(new byte[20], "s", new UserKey(ParticleTypes.INTEGER, 5L), 1,
                voidTime, RecordOperation.UPSERT, List.of(new BackupBin("i", ParticleTypes.INTEGER, 1L))));
    }

    private static BackupRecord record(List<BackupBin> bins) {
        return new BackupRecord(new byte[20], null, null, 1, 0, RecordOperation.UPSERT, bins);
    }

    @Test
    void schemaIsTheDocumentedOne() {
        assertThat(BackupSchema.ROW.getFields()).extracting(f -> f.name()).containsExactly("digest", "set_name",
                "user_key_type", "user_key_int", "user_key_string", "user_key_bytes", "generation", "expires_at",
                "operation", "bins");
        assertThat(BackupSchema.BIN.getFields()).extracting(f -> f.name()).containsExactly("name", "type", "int_value",
                "double_value", "string_value", "bytes_value", "bool_value");
        assertThat(BackupSchema.DIGEST_SCHEMA.getFixedSize()).isEqualTo(20);
        assertThat(new GenericData.Record(BackupSchema.ROW).getSchema()).isEqualTo(BackupSchema.ROW);
    }
}
