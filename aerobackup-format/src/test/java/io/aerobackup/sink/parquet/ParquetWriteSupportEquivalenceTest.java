package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordGenerator;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** BackupWriteSupport must write exactly what the former Avro path (AvroBackupWriterFactory) wrote. */
class ParquetWriteSupportEquivalenceTest {
    /** The schema as docs/FORMAT.md prints it. */
    private static final String DOCUMENTED = """
            message io.aerobackup.format.v1.BackupRow {
              required fixed_len_byte_array(20) digest;
              optional binary set_name (STRING);
              optional int32 user_key_type;
              optional int64 user_key_int;
              optional binary user_key_string (STRING);
              optional binary user_key_bytes;
              required int32 generation;
              optional int64 expires_at;
              required binary operation (STRING);
              required group bins (LIST) {
                repeated group list {
                  required group element {
                    required binary name (STRING);
                    required int32 type;
                    optional int64 int_value;
                    optional double double_value;
                    optional binary string_value (STRING);
                    optional binary bytes_value;
                    optional boolean bool_value;
                  }
                }
              }
            }
            """;

    @TempDir
    java.nio.file.Path dir;

    @Test
    void schemaIsTheAvroConvertedAndTheDocumentedOne() throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        MessageType avro = new AvroSchemaConverter(conf).convert(BackupSchema.ROW);
        assertThat(BackupWriteSupport.SCHEMA).isEqualTo(avro);
        assertThat(BackupWriteSupport.SCHEMA).isEqualTo(MessageTypeParser.parseMessageType(DOCUMENTED));

        Path path = path("schema.parquet");
        write(new V1BackupWriterFactory(ParquetWriteOptions.defaults()), path, new RecordGenerator(1).records(10));
        assertThat(footer(path).getSchema()).isEqualTo(avro);
    }

    @ParameterizedTest
    @EnumSource(ParquetWriteOptions.Codec.class)
    void bothPathsWriteTheSameFile(ParquetWriteOptions.Codec codec) throws IOException {
        List<BackupRecord> records = new ArrayList<>(new RecordGenerator(4242).records(3_000));
        records.addAll(edgeCases());
        // Small row groups and pages, so both files have several of each and must split them alike.
        ParquetWriteOptions options = ParquetWriteOptions.builder().codec(codec).rowGroupSize(256 << 10)
                .pageSize(16 << 10).build();
        Path avro = path("avro-" + codec + ".parquet");
        Path direct = path("direct-" + codec + ".parquet");
        write(new AvroBackupWriterFactory(options), avro, records);
        write(new V1BackupWriterFactory(options), direct, records);

        List<BackupRecord> fromAvro = ParquetTestFiles.readAll(avro);
        List<BackupRecord> fromDirect = ParquetTestFiles.readAll(direct);
        assertThat(fromDirect).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(fromDirect.get(i)).as("row %d", i).isEqualTo(fromAvro.get(i)).isEqualTo(records.get(i));
        }
        FileMetaData avroFooter = footer(avro);
        FileMetaData directFooter = footer(direct);
        assertThat(directFooter.getSchema()).isEqualTo(avroFooter.getSchema());
        assertThat(directFooter.getKeyValueMetaData()).isEqualTo(avroFooter.getKeyValueMetaData())
                .containsEntry(BackupSchema.FORMAT_VERSION_KEY, BackupSchema.FORMAT_VERSION)
                .containsKey(BackupWriteSupport.AVRO_SCHEMA_KEY);
        // Same values through the same column writers: the files are the same bytes.
        assertThat(Files.readAllBytes(local(direct))).isEqualTo(Files.readAllBytes(local(avro)));
    }

    /** DELETE rows, no set, every key type, empty values, and more distinct bin names than the cache keeps. */
    private static List<BackupRecord> edgeCases() {
        List<BackupRecord> out = new ArrayList<>();
        byte[] digest = new byte[20];
        out.add(new BackupRecord(digest, null, null, 0, 0, RecordOperation.DELETE, List.of()));
        out.add(new BackupRecord(digest, "s", new UserKey(ParticleTypes.INTEGER, Long.MIN_VALUE), 65535, 0xFFFFFFFFL,
                RecordOperation.DELETE, List.of()));
        out.add(new BackupRecord(digest, null, new UserKey(ParticleTypes.STRING, ""), 1, 1, RecordOperation.UPSERT,
                List.of(new BackupBin("e", ParticleTypes.STRING, ""), new BackupBin("b", ParticleTypes.BLOB, new byte[0]),
                        new BackupBin("l", ParticleTypes.LIST, List.of()),
                        new BackupBin("m", ParticleTypes.MAP, new TreeMap<>()),
                        new BackupBin("d", ParticleTypes.DOUBLE, -0.0),
                        new BackupBin("f", ParticleTypes.BOOL, false))));
        out.add(new BackupRecord(digest, "集合😀", new UserKey(ParticleTypes.BLOB, new byte[0]), 2, 0,
                RecordOperation.UPSERT, List.of()));
        for (int i = 0; i < 5_000; i++) {
            out.add(new BackupRecord(digest, "set" + i, null, i, i, RecordOperation.UPSERT,
                    List.of(new BackupBin("n" + i, ParticleTypes.INTEGER, (long) i))));
        }
        return out;
    }

    private static void write(BulkWriter.Factory<BackupRecord> factory, Path path, List<BackupRecord> records)
            throws IOException {
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<BackupRecord> writer = factory.create(out);
            for (BackupRecord record : records) {
                writer.addElement(record);
            }
            writer.finish();
        }
    }

    private static FileMetaData footer(Path path) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new FlinkInputFile(path),
                ParquetReadOptions.builder().build())) {
            return reader.getFooter().getFileMetaData();
        }
    }

    private Path path(String name) {
        return new Path(dir.toUri().toString(), name);
    }

    private static java.nio.file.Path local(Path path) {
        return java.nio.file.Path.of(path.toUri());
    }
}
