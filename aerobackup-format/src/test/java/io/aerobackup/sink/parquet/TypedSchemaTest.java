package io.aerobackup.sink.parquet;

import io.aerobackup.catalog.DataFiles;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.RecordOperation;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 2.0 file layout as docs/FORMAT.md specifies it: typed columns, fallback list, metadata. */
class TypedSchemaTest {
    /** The schema docs/FORMAT.md prints for the example file. */
    private static final String DOCUMENTED = """
            message io.aerobackup.format.v2.BackupRow {
              required fixed_len_byte_array(20) digest;
              optional binary set_name (STRING);
              optional int32 user_key_type;
              optional int64 user_key_int;
              optional binary user_key_string (STRING);
              optional binary user_key_bytes;
              required int32 generation;
              optional int64 expires_at;
              required binary operation (STRING);
              optional int64 age;
              optional double score;
              optional binary name (STRING);
              optional boolean active;
              optional binary photo;
              optional binary visits;
              optional binary location (STRING);
              optional binary tags;
              optional binary attrs;
              optional binary legacy;
              optional group aerobackup_other_bins (LIST) {
                repeated group list {
                  required group element {
                    required binary name (STRING);
                    required int32 type;
                    required binary particle;
                  }
                }
              }
            }
            """;

    @TempDir
    java.nio.file.Path dir;

    @Test
    void binsGetTypedColumnsAndTheRestTheFallback() throws IOException {
        List<BackupRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(record(i, List.of(
                    new BackupBin("age", ParticleTypes.INTEGER, (long) i),
                    new BackupBin("score", ParticleTypes.DOUBLE, i / 2.0),
                    new BackupBin("name", ParticleTypes.STRING, "n" + i),
                    new BackupBin("active", ParticleTypes.BOOL, i % 2 == 0),
                    new BackupBin("photo", ParticleTypes.BLOB, new byte[] {(byte) i}),
                    new BackupBin("visits", ParticleTypes.HLL, new byte[] {1, 2}),
                    new BackupBin("location", ParticleTypes.GEOJSON, "{\"type\":\"Point\",\"coordinates\":[1,2]}"),
                    new BackupBin("tags", ParticleTypes.LIST, List.of("a")),
                    new BackupBin("attrs", ParticleTypes.MAP, new TreeMap<>(Map.of("k", 1L))),
                    new BackupBin("legacy", ParticleTypes.JAVA_BLOB, new byte[0]),
                    // mixed types, a record column's name, not an identifier, a case clash
                    new BackupBin("mixed", i % 2 == 0 ? ParticleTypes.INTEGER : ParticleTypes.STRING,
                            i % 2 == 0 ? (Object) 1L : "s"),
                    new BackupBin("digest", ParticleTypes.INTEGER, 1L),
                    new BackupBin("名前", ParticleTypes.STRING, "x"),
                    new BackupBin("Name", ParticleTypes.STRING, "y"))));
        }
        records.set(3, record(3, List.of())); // a row without bins
        Path path = new Path(dir.toUri().toString(), "typed.parquet");
        BackupFileWriter writer = ParquetTestFiles.write(path, records, ParquetWriteOptions.defaults(), 100);

        try (ParquetFileReader footer = ParquetFileReader.open(new FlinkInputFile(path),
                ParquetReadOptions.builder().build())) {
            // "name" and "Name" clash by case, so neither has a column: the documented schema has a
            // column "name" only because FORMAT.md's example file lacks "Name".
            String expected = DOCUMENTED.replace("  optional binary name (STRING);\n", "");
            assertThat(footer.getFileMetaData().getSchema()).isEqualTo(MessageTypeParser.parseMessageType(expected));
            assertThat(footer.getFileMetaData().getKeyValueMetaData())
                    .containsEntry(BackupSchema.FORMAT_VERSION_KEY, "2.0")
                    .containsEntry(TypedSchema.BIN_COLUMNS_KEY,
                            "age:1,score:2,active:17,photo:4,visits:18,location:23,tags:20,attrs:19,legacy:7");
            for (ColumnChunkMetaData column : footer.getRowGroups().get(0).getColumns()) {
                String name = column.getPath().toDotString();
                if (List.of("digest", "photo", "tags", "attrs", "aerobackup_other_bins.list.element.particle")
                        .contains(name)) {
                    assertThat(column.getEncodings()).as(name).doesNotContain(Encoding.PLAIN_DICTIONARY,
                            Encoding.RLE_DICTIONARY);
                    assertThat(column.getStatistics().isEmpty()).as(name).isTrue();
                }
            }
        }
        assertThat(writer.columns().metadataValue()).startsWith("age:1,");
        List<BackupRecord> read = ParquetTestFiles.readAll(path);
        assertThat(read).isEqualTo(records);
    }

    @Test
    void theChecksumIsComputedWhileWriting() throws IOException {
        Path path = new Path(dir.toUri().toString(), "sum.parquet");
        List<BackupRecord> records = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            records.add(record(i, List.of(new BackupBin("v", ParticleTypes.STRING, "value " + i))));
        }
        BackupFileWriter writer = ParquetTestFiles.write(path, records, ParquetWriteOptions.defaults(), 100);
        FileChecksum checksum = writer.checksum();
        assertThat(checksum.sha256()).isEqualTo(DataFiles.sha256(path));
        assertThat(checksum.bytes()).isEqualTo(Files.size(java.nio.file.Path.of(path.toUri())));
    }

    @Test
    void aMalformedParticleFailsTheWriteNamingTheBin() throws IOException {
        Path path = new Path(dir.toUri().toString(), "bad.parquet");
        BackupRecord bad = record(1, List.of(BackupBin.ofServerParticle("n", ParticleTypes.INTEGER, new byte[3])));
        assertThatThrownBy(() -> ParquetTestFiles.write(path, List.of(bad), ParquetWriteOptions.defaults(), 1))
                .isInstanceOf(IOException.class).hasMessageContaining("bin 'n'").hasMessageContaining("3 bytes");
        BackupRecord badList = record(1, List.of(BackupBin.ofServerParticle("l", ParticleTypes.LIST,
                new byte[] {(byte) 0x93, 1})));
        Path other = new Path(dir.toUri().toString(), "bad-list.parquet");
        assertThatThrownBy(() -> ParquetTestFiles.write(other, List.of(badList), ParquetWriteOptions.defaults(), 1))
                .isInstanceOf(IOException.class).hasMessageContaining("bin 'l'");
        assertThat(Particles.toLong(Particles.longBytes(-5))).isEqualTo(-5);
    }

    @Test
    void columnNamesAreSafeIdentifiersOnly() {
        assertThat(BinColumns.isColumnName("age")).isTrue();
        assertThat(BinColumns.isColumnName("_x9")).isTrue();
        assertThat(BinColumns.isColumnName("select")).isTrue();
        for (String unsafe : new String[] {"", "9a", "a-b", "a.b", "a b", "名前", "DIGEST", "set_name", "Operation",
            TypedSchema.FALLBACK}) {
            assertThat(BinColumns.isColumnName(unsafe)).as(unsafe).isFalse();
        }
    }

    private static BackupRecord record(int i, List<BackupBin> bins) {
        byte[] digest = new byte[20];
        digest[0] = (byte) i;
        digest[1] = (byte) (i >> 8);
        return new BackupRecord(digest, "s", null, 1, 0, RecordOperation.UPSERT, bins);
    }
}
