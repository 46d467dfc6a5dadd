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

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            assertThat(single(sql, "SELECT count(*) FROM " + file)).isEqualTo(501L);
            String where = " WHERE digest = from_hex('" + HexFormat.of().formatHex(DIGEST) + "')";
            assertThat(single(sql, "SELECT lower(hex(digest)) FROM " + file + where))
                    .isEqualTo(HexFormat.of().formatHex(DIGEST));
            assertThat(single(sql, "SELECT set_name || '/' || user_key_string || '/' || generation || '/' || expires_at"
                    + " FROM " + file + where)).isEqualTo("users/alice/65535/1262304100");
            assertThat(single(sql, "SELECT b.int_value FROM (SELECT unnest(bins) AS b FROM " + file + where + ")"
                    + " WHERE b.name = 'age'")).isEqualTo(42L);
            assertThat(single(sql, "SELECT b.string_value FROM (SELECT unnest(bins) AS b FROM " + file + where + ")"
                    + " WHERE b.name = 'name'")).isEqualTo("Alice 😀");
            assertThat(single(sql, "SELECT b.type FROM (SELECT unnest(bins) AS b FROM " + file + where + ")"
                    + " WHERE b.name = 'tags' AND b.bytes_value IS NOT NULL")).isEqualTo(20);
            long binRows = (Long) single(sql, "SELECT count(*) FROM (SELECT unnest(bins) FROM " + file + ")");
            long expected = records.stream().mapToLong(r -> r.bins().size()).sum();
            assertThat(binRows).isEqualTo(expected);
        }
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
