package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordGenerator;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The point of typed columns: a backup is queryable in place by an off-the-shelf engine. */
class DuckDbReadTest {
    private static final byte[] DIGEST = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233");

    @TempDir
    java.nio.file.Path dir;

    @Test
    void duckDbQueriesABackupFileDirectly() throws IOException, SQLException {
        List<BackupRecord> records = new ArrayList<>(new RecordGenerator(99).records(500));
        records.add(new BackupRecord(DIGEST, "users", new UserKey(ParticleTypes.STRING, "alice"), 65535, 100,
                RecordOperation.UPSERT, List.of(
                new BackupBin("age", ParticleTypes.INTEGER, 42L),
                new BackupBin("name", ParticleTypes.STRING, "Alice 😀"),
                new BackupBin("tags", ParticleTypes.LIST, List.of("a", "b")))));
        Path path = new Path(dir.toUri().toString(), "part-0.parquet");
        ParquetTestFiles.write(path, records, ParquetWriteOptions.defaults());
        String file = "read_parquet('" + dir.resolve("part-0.parquet").toString().replace("'", "''") + "')";

        BinColumns columns;
        try (ParquetBackupReader reader = ParquetBackupReader.open(path)) {
            columns = BinColumns.parse(reader.keyValueMetadata().get(TypedSchema.BIN_COLUMNS_KEY), file);
        }

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            assertThat(single(sql, "SELECT count(*) FROM " + file)).isEqualTo(501L);
            String where = " WHERE digest = from_hex('" + HexFormat.of().formatHex(DIGEST) + "')";
            assertThat(single(sql, "SELECT lower(hex(digest)) FROM " + file + where))
                    .isEqualTo(HexFormat.of().formatHex(DIGEST));
            assertThat(single(sql, "SELECT set_name || '/' || user_key_string || '/' || generation || '/' || expires_at"
                    + " FROM " + file + where)).isEqualTo("users/alice/65535/1262304100");
            // One typed column per bin: no UNNEST.
            assertThat(single(sql, "SELECT age FROM " + file + where)).isEqualTo(42L);
            assertThat(single(sql, "SELECT name FROM " + file + where)).isEqualTo("Alice 😀");
            assertThat(single(sql, "SELECT octet_length(tags) FROM " + file + where))
                    .isEqualTo((long) new BackupBin("t", ParticleTypes.LIST, List.of("a", "b")).particle().length);
            // Every bin is in its typed column or in the fallback list.
            StringBuilder typed = new StringBuilder("SELECT 0");
            for (int i = 0; i < columns.size(); i++) {
                typed.append(" + count(\"").append(columns.name(i)).append("\")");
            }
            long typedBins = (Long) single(sql, typed + " FROM " + file);
            long fallbackBins = (Long) single(sql, "SELECT count(*) FROM (SELECT unnest(" + TypedSchema.FALLBACK
                    + ") FROM " + file + ")");
            long expected = records.stream().mapToLong(r -> r.bins().size()).sum();
            assertThat(typedBins + fallbackBins).isEqualTo(expected);
            assertThat(fallbackBins).isPositive();
        }
    }

    @Test
    void duckDbReadsBinColumnsAcrossFilesWithDifferentSchemas() throws IOException, SQLException {
        List<BackupRecord> first = List.of(
                person(1, List.of(new BackupBin("name", ParticleTypes.STRING, "Ann"),
                        new BackupBin("age", ParticleTypes.INTEGER, 31L),
                        new BackupBin("score", ParticleTypes.DOUBLE, 1.5))),
                person(2, List.of(new BackupBin("name", ParticleTypes.STRING, "Bob"),
                        new BackupBin("age", ParticleTypes.INTEGER, 45L))));
        List<BackupRecord> second = List.of(
                person(3, List.of(new BackupBin("city", ParticleTypes.STRING, "Oslo"),
                        new BackupBin("age", ParticleTypes.INTEGER, 27L),
                        new BackupBin("name", ParticleTypes.STRING, "Cé"),
                        new BackupBin("tags", ParticleTypes.LIST, List.of("x")))),
                person(4, List.of(new BackupBin("name", ParticleTypes.STRING, "Dee"))));
        ParquetTestFiles.write(new Path(dir.toUri().toString(), "part-a.parquet"), first, ParquetWriteOptions.defaults());
        ParquetTestFiles.write(new Path(dir.toUri().toString(), "part-b.parquet"), second,
                ParquetWriteOptions.defaults());
        String files = dir.resolve("*.parquet").toString().replace("'", "''");

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT name, age FROM read_parquet('" + files
                     + "', union_by_name=true) ORDER BY name")) {
            List<String> got = new ArrayList<>();
            while (rows.next()) {
                got.add(rows.getString(1) + "=" + rows.getObject(2));
            }
            assertThat(got).containsExactly("Ann=31", "Bob=45", "Cé=27", "Dee=null");
        }
    }

    private static BackupRecord person(int id, List<BackupBin> bins) {
        byte[] digest = new byte[20];
        digest[0] = (byte) id;
        return new BackupRecord(digest, "people", new UserKey(ParticleTypes.INTEGER, (long) id), 1, 0,
                RecordOperation.UPSERT, bins);
    }

    private static Object single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            Object value = rows.getObject(1);
            assertThat(rows.next()).as(query + " returns one row").isFalse();
            return value;
        }
    }
}
