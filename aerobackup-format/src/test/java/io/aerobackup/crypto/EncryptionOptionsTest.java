package io.aerobackup.crypto;

import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where keys come from: files, folders, a variable; and that only their names travel with a job. */
class EncryptionOptionsTest {
    private static final byte[] A = "key-a-for-tests-only-32-bytes!!!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B = "key-b-16-bytes!!".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private String write(String name, byte[] key) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getEncoder().encode(key));
        return file.toString();
    }

    @Test
    void repeatedFilesAndFoldersMakeOneKeyRing() throws IOException {
        String a = write("one/a.key", A);
        write("folder/b.key", B);
        Configuration config = new Configuration();
        config.set(EncryptionOptions.KEY_FILE, a + "," + dir.resolve("folder"));
        EncryptionOptions options = EncryptionOptions.from(config);
        assertThat(options.enabled()).isTrue();
        assertThat(options.keys().ids()).containsExactlyInAnyOrder(EncryptionKey.of(A).id(), EncryptionKey.of(B).id());
        assertThat(options.writeKey().id()).isEqualTo(EncryptionKey.of(A).id());
        assertThat(EncryptionOptions.from(new Configuration()).enabled()).isFalse();
        assertThat(EncryptionOptions.none().keys().isEmpty()).isTrue();
        assertThat(EncryptionOptions.none().writeKey()).isNull();
    }

    @Test
    void aFolderCannotBeTheKeyToWriteWith() throws IOException {
        write("folder/b.key", B);
        EncryptionOptions options = EncryptionOptions.of(List.of(dir.resolve("folder").toString()), null);
        assertThatThrownBy(options::writeKey).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a folder");
    }

    @Test
    void theVariableIsReadWhereTheKeyIsUsed() throws IOException {
        EncryptionOptions options = EncryptionOptions.of(List.of(), "BACKUP_KEY");
        Map<String, String> env = Map.of("BACKUP_KEY", Base64.getEncoder().encodeToString(B));
        assertThat(options.writeKey(env).id()).isEqualTo(EncryptionKey.of(B).id());
        assertThat(options.keys(env).ids()).containsExactly(EncryptionKey.of(B).id());
        assertThatThrownBy(() -> options.keys(Map.of())).hasMessageContaining("BACKUP_KEY").hasMessageContaining("not set");
    }

    @Test
    void aMissingFileIsNamed() {
        EncryptionOptions options = EncryptionOptions.of(List.of(dir.resolve("nope.key").toString()), null);
        assertThatThrownBy(options::keys).isInstanceOf(IOException.class).hasMessageContaining("nope.key");
        assertThatThrownBy(() -> EncryptionChecks.checkWriteKey(options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.key");
    }

    @Test
    void onlyTheKeysNameIsSerializedWithTheWriterOptions() throws IOException {
        String a = write("a.key", A);
        ParquetWriteOptions options = ParquetWriteOptions.builder()
                .encryption(EncryptionOptions.of(List.of(a), "SOME_VAR")).build();
        String serialized = new String(InstantiationUtil.serializeObject(options), StandardCharsets.ISO_8859_1);
        assertThat(serialized).contains(a).contains("SOME_VAR")
                .doesNotContain(new String(A, StandardCharsets.US_ASCII))
                .doesNotContain(Base64.getEncoder().encodeToString(A));
        assertThat(options.toString()).doesNotContain(Base64.getEncoder().encodeToString(A));
    }
}
