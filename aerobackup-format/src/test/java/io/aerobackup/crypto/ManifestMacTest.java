package io.aerobackup.crypto;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.EncryptedBackups;
import io.aerobackup.catalog.ManifestCodec;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Manifest HMACs and the manifest format: frozen bytes of a format 1 (plain) manifest, which this
 * version still writes byte for byte, and of a signed format 2 (encrypted) one.
 */
class ManifestMacTest {
    static final EncryptionKey KEY = EncryptionKey.of(EncryptionKeyTest.KEY);

    @TempDir
    java.nio.file.Path dir;

    static BackupManifest manifest() {
        return new BackupManifest(BackupManifest.FORMAT_VERSION, "20260101T000000Z-full-abcd", "full", null, "test",
                List.of("users"), null, null, List.of("0-4095"), "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 2,
                1234, 999, List.of(new BackupManifest.DataFile("data/part-0-x.parquet", 2, 1234, "ab".repeat(32))),
                List.of(), List.of(), "zstd", 1, null, "0.1.0", Map.of("compress", "zstd"));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ManifestMacTest.class.getResourceAsStream("/manifest/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPlainManifestIsFormatOneWithoutHmacByteForByte() throws IOException {
        byte[] frozen = resource("v1-plain.json");
        assertThat(new String(ManifestCodec.toJson(manifest()), StandardCharsets.UTF_8))
                .isEqualTo(new String(frozen, StandardCharsets.UTF_8)).doesNotContain(ManifestMac.FIELD);
        BackupManifest read = ManifestCodec.fromJson(frozen, "v1");
        assertThat(read).isEqualTo(manifest());
        assertThat(read.encrypted()).isFalse();
    }

    @Test
    void anEncryptedManifestIsFormatTwoWithItsKeyIdAndAValidHmac() throws IOException {
        byte[] signed = ManifestMac.sign(ManifestCodec.toJson(manifest().encryptedWith(KEY.id(),
                ManifestMac.PLACEHOLDER)), KEY);
        byte[] frozen = resource("v2-encrypted.json");
        assertThat(new String(signed, StandardCharsets.UTF_8)).isEqualTo(new String(frozen, StandardCharsets.UTF_8));
        BackupManifest read = ManifestCodec.fromJson(frozen, "v2");
        assertThat(read.formatVersion()).isEqualTo(2);
        assertThat(read.encryptionKeyId()).isEqualTo(KEY.id());
        assertThat(read.manifestHmac()).matches("[0-9a-f]{64}").isNotEqualTo(ManifestMac.PLACEHOLDER);
        assertThat(ManifestMac.verify(frozen, KEY)).isTrue();
    }

    @Test
    void anyChangedByteOrAnotherKeyFailsTheHmac() throws IOException {
        byte[] frozen = resource("v2-encrypted.json");
        String text = new String(frozen, StandardCharsets.UTF_8);
        int hmacAt = text.indexOf(ManifestMac.FIELD) + ManifestMac.FIELD.length() + 5;
        for (int at : new int[] {0, text.indexOf("\"recordCount\" : 2") + 16, text.indexOf("users"), hmacAt,
            frozen.length - 2}) {
            byte[] changed = frozen.clone();
            changed[at] = (byte) (changed[at] == '1' ? '2' : '1');
            assertThat(ManifestMac.verify(changed, KEY)).as("byte %d changed", at).isFalse();
        }
        assertThat(ManifestMac.verify(frozen, EncryptionKey.of(new byte[16]))).isFalse();
        assertThat(ManifestMac.verify(resource("v1-plain.json"), KEY)).isFalse();
        byte[] twice = (text.replace("\"toolVersion\"", "\"" + ManifestMac.FIELD + "\" : \"" + "0".repeat(64)
                + "\",\n  \"toolVersion\"")).getBytes(StandardCharsets.UTF_8);
        assertThat(ManifestMac.verify(twice, KEY)).isFalse();
        assertThatThrownBy(() -> ManifestMac.sign(frozen, KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCatalogSignsWhatItCommitsAndTheCheckNamesTheBackup() throws IOException {
        Catalog catalog = new Catalog(new Path(dir.toUri()));
        catalog.commit(manifest(), KEY);
        BackupManifest read = catalog.list("test").get(0).manifest();
        assertThat(read.encryptionKeyId()).isEqualTo(KEY.id());
        assertThat(EncryptedBackups.check(catalog, read, KeyRing.of(KEY))).isNull();
        assertThat(EncryptedBackups.check(catalog, read, KeyRing.EMPTY).problem()).contains(read.backupId())
                .contains("needs its key");
        assertThat(EncryptedBackups.check(catalog, read, KeyRing.of(EncryptionKey.of(new byte[16]))).problem())
                .contains("does not match");
        java.nio.file.Path file = dir.resolve("test").resolve(read.backupId()).resolve("manifest.json");
        Files.writeString(file, Files.readString(file).replace("\"recordCount\" : 2", "\"recordCount\" : 3"));
        assertThat(EncryptedBackups.check(catalog, catalog.list("test").get(0).manifest(), KeyRing.of(KEY)).problem())
                .contains("HMAC");
    }
}
