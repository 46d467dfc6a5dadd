package io.aerobackup.sink.parquet;

import io.aerobackup.catalog.DataFiles;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordGenerator;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frozen files of every format version this build reads (committed bytes, checked by SHA-256) still
 * read to the same records: format 1.0, which earlier aerobackup versions wrote, and format 2.0.
 */
class FormatCompatTest {
    /** Written by the 1.0 writer (V1BackupWriterFactory) at commit time; never regenerate it casually. */
    private static final String FROZEN = "src/test/resources/format/v1.0-sample.parquet";
    private static final String FROZEN_SHA256 = "d17491e528481d8cbe9c3a3f540cb122553e8a0b854f5ee6671515fb96753b7c";
    /** Written by the 2.0 writer, all bins in one schema-sampling buffer. */
    private static final String FROZEN_V2 = "src/test/resources/format/v2.0-sample.parquet";
    private static final String FROZEN_V2_SHA256 = "1cf492217f5184984fdea95579ada2cac3676b3065c8f61c7ab65714779db172";

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aFrozenFormat10FileStillReads() throws IOException {
        Path path = new Path(java.nio.file.Path.of(FROZEN).toAbsolutePath().toUri().toString());
        assertThat(DataFiles.sha256(path)).as("the frozen file must never change").isEqualTo(FROZEN_SHA256);
        try (ParquetBackupReader reader = ParquetBackupReader.open(path)) {
            assertThat(reader.formatVersion()).isEqualTo("1.0");
        }
        assertThat(ParquetTestFiles.readAll(path)).isEqualTo(frozenRecords());
        assertThat(ParquetBackupReader.rowCount(path)).isEqualTo(frozenRecords().size());
    }

    @Test
    void aFrozenFormat20FileStillReads() throws IOException {
        Path path = new Path(java.nio.file.Path.of(FROZEN_V2).toAbsolutePath().toUri().toString());
        assertThat(DataFiles.sha256(path)).as("the frozen file must never change").isEqualTo(FROZEN_V2_SHA256);
        try (ParquetBackupReader reader = ParquetBackupReader.open(path)) {
            assertThat(reader.formatVersion()).isEqualTo("2.0");
            assertThat(reader.keyValueMetadata()).containsEntry(TypedSchema.BIN_COLUMNS_KEY,
                    "age:1,score:2,name:3,photo:4,jblob:7,active:17,visits:18,attrs:19,misc:19,tags:20,loc:23,e:4,"
                            + "nan:2,l:20");
        }
        List<BackupRecord> read = ParquetTestFiles.readAll(path);
        assertThat(read).isEqualTo(frozenRecords());
        for (int i = 0; i < read.size(); i++) {
            assertThat(ParquetTestFiles.binBytes(read.get(i))).isEqualTo(ParquetTestFiles.binBytes(frozenRecords().get(i)));
        }
    }

    @Test
    void filesOfThe10WriterReadBack() throws IOException {
        List<BackupRecord> records = new RecordGenerator(31).records(1_000);
        Path path = new Path(dir.toUri().toString(), "v1.parquet");
        ParquetTestFiles.write(path, records, new V1BackupWriterFactory(ParquetWriteOptions.defaults()));
        try (ParquetBackupReader reader = ParquetBackupReader.open(path)) {
            assertThat(reader.formatVersion()).isEqualTo("1.0");
        }
        assertThat(ParquetTestFiles.readAll(path)).isEqualTo(records);
    }

    /**
     * Made the frozen files once. Run with -DregenerateFrozen=true only to add a new format version's
     * file, then restore the old ones from git: they must stay the bytes old versions wrote.
     */
    @Test
    @EnabledIfSystemProperty(named = "regenerateFrozen", matches = "true")
    void regenerate() throws IOException {
        java.nio.file.Path target = java.nio.file.Path.of(FROZEN).toAbsolutePath();
        Files.deleteIfExists(target);
        ParquetTestFiles.write(new Path(target.toUri().toString()), frozenRecords(),
                new V1BackupWriterFactory(ParquetWriteOptions.defaults()));
        java.nio.file.Path v2 = java.nio.file.Path.of(FROZEN_V2).toAbsolutePath();
        Files.deleteIfExists(v2);
        ParquetTestFiles.write(new Path(v2.toUri().toString()), frozenRecords(), ParquetWriteOptions.defaults());
    }

    /** Every particle type, every user-key type, DELETE rows, empty values: spelled out, never generated. */
    static List<BackupRecord> frozenRecords() {
        HexFormat hex = HexFormat.of();
        List<BackupRecord> out = new ArrayList<>();
        Map<Object, Object> unordered = new HashMap<>();
        unordered.put("b", 2L);
        unordered.put(7L, List.of("x", 1.5));
        TreeMap<Object, Object> ordered = new TreeMap<>(Map.of("a", 1L, "b", true));
        out.add(new BackupRecord(hex.parseHex("0123456789abcdef0123456789abcdef01234567"), "users",
                new UserKey(ParticleTypes.STRING, "alice"), 7, 400_000_000L, RecordOperation.UPSERT, List.of(
                new BackupBin("age", ParticleTypes.INTEGER, 42L),
                new BackupBin("score", ParticleTypes.DOUBLE, -0.0),
                new BackupBin("name", ParticleTypes.STRING, "Alice 😀"),
                new BackupBin("photo", ParticleTypes.BLOB, new byte[] {1, 2, 3}),
                new BackupBin("jblob", ParticleTypes.JAVA_BLOB, new byte[] {9}),
                new BackupBin("active", ParticleTypes.BOOL, true),
                new BackupBin("visits", ParticleTypes.HLL, new byte[] {0, 1, 2, 3}),
                new BackupBin("attrs", ParticleTypes.MAP, ordered),
                new BackupBin("misc", ParticleTypes.MAP, unordered),
                new BackupBin("tags", ParticleTypes.LIST, List.of("a", 1L, List.of())),
                new BackupBin("loc", ParticleTypes.GEOJSON, "{\"type\":\"Point\",\"coordinates\":[1.5,2]}"))));
        out.add(new BackupRecord(hex.parseHex("ffeeddccbbaa99887766554433221100ffeeddcc"), null,
                new UserKey(ParticleTypes.INTEGER, -9L), 65535, 0, RecordOperation.UPSERT, List.of(
                new BackupBin("名前", ParticleTypes.STRING, ""),
                new BackupBin("e", ParticleTypes.BLOB, new byte[0]),
                new BackupBin("nan", ParticleTypes.DOUBLE, Double.NaN),
                new BackupBin("l", ParticleTypes.LIST, List.of()))));
        out.add(new BackupRecord(hex.parseHex("00000000000000000000000000000000000000ff"), "users",
                new UserKey(ParticleTypes.BLOB, new byte[] {5, 6}), 2, 0, RecordOperation.DELETE, List.of()));
        out.add(new BackupRecord(hex.parseHex("1111111111111111111111111111111111111111"), "集合", null, 0,
                0xFFFFFFFFL, RecordOperation.UPSERT, List.of(new BackupBin("age", ParticleTypes.INTEGER,
                Long.MIN_VALUE))));
        return out;
    }
}
