package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordGenerator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetCorruptionTest {
    private static final List<BackupRecord> RECORDS = new RecordGenerator(77).records(400);

    @TempDir
    java.nio.file.Path dir;

    @ParameterizedTest
    @EnumSource(ParquetWriteOptions.Codec.class)
    void aFlippedByteInTheDataIsAnIOExceptionNamingTheFile(ParquetWriteOptions.Codec codec) throws IOException {
        for (double at : new double[] {0.25, 0.5, 0.75}) {
            Path path = write("flip-" + codec + "-" + at + ".parquet", ParquetWriteOptions.builder().codec(codec).build());
            java.nio.file.Path local = java.nio.file.Path.of(path.toUri());
            byte[] bytes = Files.readAllBytes(local);
            bytes[(int) (bytes.length * at)] ^= 0x10;
            Files.write(local, bytes);
            assertThatThrownBy(() -> ParquetTestFiles.readAll(path)).as("flip at %s of %s", at, codec)
                    .isInstanceOf(IOException.class).hasMessageContaining(path.toString());
        }
    }

    @Test
    void aTruncatedFileIsAnIOExceptionNamingTheFile() throws IOException {
        for (double keep : new double[] {0.0, 0.5, 0.999}) {
            Path path = write("truncated-" + keep + ".parquet", ParquetWriteOptions.defaults());
            java.nio.file.Path local = java.nio.file.Path.of(path.toUri());
            byte[] bytes = Files.readAllBytes(local);
            Files.write(local, Arrays.copyOf(bytes, (int) (bytes.length * keep)));
            assertThatThrownBy(() -> ParquetTestFiles.readAll(path)).isInstanceOf(IOException.class)
                    .hasMessageContaining(path.toString());
            assertThatThrownBy(() -> ParquetBackupReader.rowCount(path)).isInstanceOf(IOException.class)
                    .hasMessageContaining(path.toString());
        }
    }

    @Test
    void aMissingFileIsAnIOExceptionNamingTheFile() {
        Path path = new Path(dir.toUri().toString(), "missing.parquet");
        assertThatThrownBy(() -> ParquetBackupReader.open(path)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString());
    }

    @Test
    void aNewerMajorFormatVersionIsRefused() throws IOException {
        Path path = new Path(dir.toUri().toString(), "v3.parquet");
        writeRaw(path, BackupSchema.ROW, Map.of(BackupSchema.FORMAT_VERSION_KEY, "3.0"), List.of());
        assertThatThrownBy(() -> ParquetBackupReader.open(path)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("format version 3.0")
                .hasMessageContaining("use a newer aerobackup");
        assertThatThrownBy(() -> ParquetBackupReader.rowCount(path)).hasMessageContaining("format version 3.0");
    }

    @Test
    void aFileWithoutTheFormatVersionIsNotABackupFile() throws IOException {
        Path path = new Path(dir.toUri().toString(), "foreign.parquet");
        writeRaw(path, BackupSchema.ROW, Map.of(), List.of());
        assertThatThrownBy(() -> ParquetBackupReader.open(path)).hasMessageContaining("is not an aerobackup data file");
    }

    @Test
    void aNewerMinorVersionWithAnExtraColumnIsRead() throws IOException {
        // What an additive 1.1 would write: a new nullable column, here even placed first.
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field("future", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), null, Schema.Field.NULL_DEFAULT_VALUE));
        for (Schema.Field f : BackupSchema.ROW.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        Schema v11 = Schema.createRecord("BackupRow", null, "io.aerobackup.format.v1", false, fields);
        List<GenericRecord> rows = new ArrayList<>();
        for (BackupRecord record : RECORDS.subList(0, 50)) {
            GenericRecord v10 = BackupRowConverter.toRow(record);
            GenericRecordBuilder row = new GenericRecordBuilder(v11).set("future", "x");
            for (Schema.Field f : BackupSchema.ROW.getFields()) {
                row.set(f.name(), v10.get(f.name()));
            }
            rows.add(row.build());
        }
        Path path = new Path(dir.toUri().toString(), "v11.parquet");
        writeRaw(path, v11, Map.of(BackupSchema.FORMAT_VERSION_KEY, "1.1"), rows);
        assertThat(ParquetTestFiles.readAll(path)).isEqualTo(RECORDS.subList(0, 50));
    }

    @Test
    void aFormat20RowWithABadParticleNamesFileRowAndBin() throws IOException {
        // A LIST column whose value is not msgpack: only a foreign or damaged writer makes this.
        BinColumns columns = BinColumns.of(List.of("l"), List.of(ParticleTypes.LIST));
        MessageType schema = TypedSchema.schema(columns);
        Path path = new Path(dir.toUri().toString(), "bad-v2.parquet");
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE);
             ParquetWriter<Group> writer = ExampleParquetWriter.builder(new FlinkOutputFile(out)).withType(schema)
                     .withExtraMetaData(Map.of(BackupSchema.FORMAT_VERSION_KEY, "2.0",
                             TypedSchema.BIN_COLUMNS_KEY, columns.metadataValue())).build()) {
            SimpleGroupFactory rows = new SimpleGroupFactory(schema);
            for (int i = 0; i < 2; i++) {
                Group row = rows.newGroup().append(BackupSchema.DIGEST, Binary.fromConstantByteArray(new byte[20]))
                        .append(BackupSchema.GENERATION, 1).append(BackupSchema.OPERATION, "UPSERT")
                        .append("l", Binary.fromConstantByteArray(i == 0 ? new byte[] {(byte) 0x90}
                                : new byte[] {(byte) 0x93, 1}));
                writer.write(row);
            }
        }
        assertThatThrownBy(() -> ParquetTestFiles.readAll(path)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("row 1")
                .hasMessageContaining("breaks the backup format").hasMessageContaining("bin 'l'");
    }

    @Test
    void aFormat20RowWithABinInItsColumnAndInTheFallbackIsRefused() throws IOException {
        BinColumns columns = BinColumns.of(List.of("a"), List.of(ParticleTypes.INTEGER));
        MessageType schema = TypedSchema.schema(columns);
        Path path = new Path(dir.toUri().toString(), "twice-v2.parquet");
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE);
             ParquetWriter<Group> writer = ExampleParquetWriter.builder(new FlinkOutputFile(out)).withType(schema)
                     .withExtraMetaData(Map.of(BackupSchema.FORMAT_VERSION_KEY, "2.0",
                             TypedSchema.BIN_COLUMNS_KEY, columns.metadataValue())).build()) {
            Group row = new SimpleGroupFactory(schema).newGroup()
                    .append(BackupSchema.DIGEST, Binary.fromConstantByteArray(new byte[20]))
                    .append(BackupSchema.GENERATION, 1).append(BackupSchema.OPERATION, "UPSERT").append("a", 5L);
            row.addGroup(TypedSchema.FALLBACK).addGroup("list").addGroup("element")
                    .append(TypedSchema.FALLBACK_NAME, "a").append(TypedSchema.FALLBACK_TYPE, ParticleTypes.STRING)
                    .append(TypedSchema.FALLBACK_PARTICLE, Binary.fromString("x"));
            writer.write(row);
        }
        assertThatThrownBy(() -> ParquetTestFiles.readAll(path)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("row 0")
                .hasMessageContaining("bin 'a' appears twice");
    }

    @Test
    void aFormat20FileWhoseMetadataListsAMissingColumnIsRefused() throws IOException {
        BinColumns columns = BinColumns.of(List.of("a"), List.of(ParticleTypes.INTEGER));
        Path path = new Path(dir.toUri().toString(), "lying-v2.parquet");
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE);
             ParquetWriter<Group> writer = ExampleParquetWriter.builder(new FlinkOutputFile(out))
                     .withType(TypedSchema.schema(BinColumns.of(List.of(), List.of())))
                     .withExtraMetaData(Map.of(BackupSchema.FORMAT_VERSION_KEY, "2.0",
                             TypedSchema.BIN_COLUMNS_KEY, columns.metadataValue())).build()) {
            assertThat(writer).isNotNull();
        }
        assertThatThrownBy(() -> ParquetBackupReader.open(path)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("has no column a");
    }

    private Path write(String name, ParquetWriteOptions options) throws IOException {
        Path path = new Path(dir.toUri().toString(), name);
        ParquetTestFiles.write(path, RECORDS, options);
        return path;
    }

    private static void writeRaw(Path path, Schema schema, Map<String, String> metadata, List<GenericRecord> rows)
            throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE);
             ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new FlinkOutputFile(out))
                     .withConf(conf).withSchema(schema).withDataModel(GenericData.get())
                     .withExtraMetaData(metadata).build()) {
            for (GenericRecord row : rows) {
                writer.write(row);
            }
        }
    }
}
