package io.aerobackup.sink.parquet;

import io.aerobackup.crypto.EncryptionKey;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordGenerator;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parquet modular encryption of backup files: round trip, missing and wrong keys, a flipped byte, DuckDB. */
class EncryptedParquetTest {
    /** Test keys only: fixed so failures are reproducible; never a real key. */
    static final byte[] KEY_A = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY_B = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    java.nio.file.Path dir;

    private final List<BackupRecord> records = new ArrayList<>(new RecordGenerator(7).records(300));

    private Path writeEncrypted(byte[] key, String name) throws IOException {
        java.nio.file.Path keyFile = dir.resolve(name + ".key");
        Files.write(keyFile, Base64.getEncoder().encode(key));
        Path path = new Path(dir.toUri().toString(), name + ".parquet");
        ParquetTestFiles.write(path, records, ParquetWriteOptions.builder()
                .encryption(EncryptionOptions.of(List.of(keyFile.toString()), null)).build());
        return path;
    }

    @Test
    void encryptedFileRoundTripsWithItsKey() throws IOException {
        Path path = writeEncrypted(KEY_A, "a");
        List<BackupRecord> read = new ArrayList<>();
        try (ParquetBackupReader reader = ParquetBackupReader.open(path, KeyRing.of(EncryptionKey.of(KEY_A)))) {
            assertThat(reader.formatVersion()).isEqualTo("2.0");
            while (reader.hasNext()) {
                read.add(reader.next());
            }
        }
        assertThat(read).containsExactlyElementsOf(records);
        assertThat(ParquetBackupReader.rowCount(path, KeyRing.of(EncryptionKey.of(KEY_B), EncryptionKey.of(KEY_A))))
                .isEqualTo(records.size());
    }

    @Test
    void noBinValueNorFooterIsInClear() throws IOException {
        Path path = writeEncrypted(KEY_A, "a");
        String bytes = new String(Files.readAllBytes(dir.resolve("a.parquet")), StandardCharsets.ISO_8859_1);
        assertThat(bytes).startsWith("PARE").endsWith("PARE"); // Parquet's magic of an encrypted footer
        assertThat(bytes).doesNotContain("aerobackup.format.version").doesNotContain("digest");
    }

    @Test
    void withoutTheKeyTheErrorNamesTheFileAndTheKeyId() throws IOException {
        Path path = writeEncrypted(KEY_A, "a");
        String id = EncryptionKey.of(KEY_A).id();
        assertThatThrownBy(() -> ParquetBackupReader.open(path)).isInstanceOf(IOException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining(id)
                .hasMessageContaining("no encryption key was given");
        assertThatThrownBy(() -> ParquetBackupReader.open(path, KeyRing.of(EncryptionKey.of(KEY_B))))
                .isInstanceOf(IOException.class).hasMessageContaining(path.toString())
                .hasMessageContaining("does not match").hasMessageContaining(EncryptionKey.of(KEY_B).id());
    }

    @Test
    void aFlippedByteFailsTheGcmTagAndNamesTheFile() throws IOException {
        Path path = writeEncrypted(KEY_A, "a");
        java.nio.file.Path file = dir.resolve("a.parquet");
        byte[] bytes = Files.readAllBytes(file);
        KeyRing keys = KeyRing.of(EncryptionKey.of(KEY_A));
        for (int at : new int[] {bytes.length / 3, bytes.length - 20}) { // a data page, the footer
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x01;
            Files.write(file, flipped);
            assertThatThrownBy(() -> {
                try (ParquetBackupReader reader = ParquetBackupReader.open(path, keys)) {
                    while (reader.hasNext()) {
                        reader.next();
                    }
                }
            }).isInstanceOf(IOException.class).hasMessageContaining(path.toString());
        }
        Files.write(file, bytes);
        assertThat(ParquetBackupReader.rowCount(path, keys)).isEqualTo(records.size());
    }

    @Test
    void plainFilesStillReadWhenKeysAreGiven() throws IOException {
        Path path = new Path(dir.toUri().toString(), "plain.parquet");
        ParquetTestFiles.write(path, records, ParquetWriteOptions.defaults());
        assertThat(ParquetBackupReader.rowCount(path, KeyRing.of(EncryptionKey.of(KEY_A)))).isEqualTo(records.size());
    }

    @Test
    void duckDbCannotReadAnEncryptedFileWithoutTheKey() throws IOException, SQLException {
        writeEncrypted(KEY_A, "a");
        String file = "read_parquet('" + dir.resolve("a.parquet").toString().replace("'", "''") + "')";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement sql = db.createStatement()) {
                assertThatThrownBy(() -> sql.executeQuery("SELECT count(*) FROM " + file).next())
                        .isInstanceOf(SQLException.class).hasMessageContaining("encrypt");
            }
        }
    }
}
