package io.aerobackup.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key parsing, HKDF derivation and key ids (docs/FORMAT.md, "Encryption"). */
class EncryptionKeyTest {
    /** A test key only. */
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void hkdfMatchesRfc5869TestCase3() {
        // RFC 5869 A.3: SHA-256, IKM = 22 x 0x0b, no salt, no info; the first 32 of its 42 OKM bytes.
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertThat(HexFormat.of().formatHex(EncryptionKey.hkdf(ikm, new byte[0], 32)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
    }

    @Test
    void derivedValuesAreFrozenAndDistinct() {
        EncryptionKey key = EncryptionKey.of(KEY);
        // Frozen: a reader in another language must derive exactly these (see FORMAT.md).
        assertThat(key.id()).isEqualTo(EncryptionKey.of(KEY.clone()).id()).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(HexFormat.of().formatHex(key.dataKey()))
                .isEqualTo(HexFormat.of().formatHex(EncryptionKey.hkdf(KEY,
                        "aerobackup parquet data key v1".getBytes(StandardCharsets.UTF_8), 32)));
        assertThat(key.dataKey()).hasSize(32).isNotEqualTo(KEY).isNotEqualTo(key.manifestKey());
        assertThat(key.manifestKey()).hasSize(32).isNotEqualTo(KEY);
        assertThat(EncryptionKey.of(Arrays.copyOf(KEY, 16)).dataKey()).hasSize(16);
        assertThat(EncryptionKey.of(Arrays.copyOf(KEY, 24)).dataKey()).hasSize(24);
        assertThat(EncryptionKey.of(Arrays.copyOf(KEY, 16)).id()).isNotEqualTo(key.id());
        assertThat(key.toString()).contains(key.id()).doesNotContain(new String(KEY, StandardCharsets.US_ASCII));
    }

    @Test
    void keyIdIsAFingerprintOfADerivedValue() throws Exception {
        byte[] derived = EncryptionKey.hkdf(KEY, "aerobackup key id v1".getBytes(StandardCharsets.UTF_8), 32);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(derived);
        assertThat(EncryptionKey.of(KEY).id()).isEqualTo(HexFormat.of().formatHex(sha, 0, 16));
    }

    @Test
    void parsesBase64TextAndRawBytesOfEverySize() {
        String id = EncryptionKey.of(KEY).id();
        assertThat(EncryptionKey.parse(Base64.getEncoder().encode(KEY), "t").id()).isEqualTo(id);
        assertThat(EncryptionKey.parse((" " + Base64.getEncoder().encodeToString(KEY) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII), "t").id()).isEqualTo(id);
        byte[] binary = new byte[32];
        for (int i = 0; i < 32; i++) {
            binary[i] = (byte) (0xF0 + i % 16); // not base64 text
        }
        assertThat(EncryptionKey.parse(Base64.getUrlEncoder().encode(binary), "t").id())
                .isEqualTo(EncryptionKey.of(binary).id());
        assertThat(EncryptionKey.parse(binary, "t").id()).isEqualTo(EncryptionKey.of(binary).id());
        assertThat(EncryptionKey.parse(Arrays.copyOf(binary, 16), "t").bits()).isEqualTo(128);
        assertThat(EncryptionKey.parse(Arrays.copyOf(binary, 24), "t").bits()).isEqualTo(192);
        // Base64 first: 32 characters of the base64 alphabet are the base64 text of a 192-bit key.
        assertThat(EncryptionKey.parse(KEY, "t").bits()).isEqualTo(192);
        byte[] notBase64 = "0123456789abcdef0123456789abcde!".getBytes(StandardCharsets.US_ASCII);
        assertThat(EncryptionKey.parse(notBase64, "t").bits()).isEqualTo(256);
    }

    @Test
    void aBadKeyIsRefusedWithoutShowingItsContent() {
        String secret = "not-a-key-but-secret-material";
        assertThatThrownBy(() -> EncryptionKey.parse(secret.getBytes(StandardCharsets.US_ASCII), "key file /k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key file /k")
                .hasMessageContaining("128, 192 or 256-bit").hasMessageNotContaining(secret);
        assertThatThrownBy(() -> EncryptionKey.parse(Base64.getEncoder().encode(new byte[20]), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncryptionKey.parse(new byte[0], "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncryptionKey.of(new byte[8])).hasMessageContaining("was 8 bytes");
    }
}
