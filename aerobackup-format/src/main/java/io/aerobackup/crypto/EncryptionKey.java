package io.aerobackup.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A backup encryption key (AES, 128, 192 or 256 bits) and the values derived from it with
 * HKDF-SHA256 (RFC 5869, no salt), one label each, so no derived value reveals the key or another
 * derived value: the Parquet data key, the manifest HMAC key, and the key id recorded in manifests
 * (docs/FORMAT.md, "Encryption"). Deliberately neither Serializable nor printable: only the file
 * path or environment variable name a key came from travels with a job ({@link EncryptionOptions}).
 */
public final class EncryptionKey {
    static final String DATA_KEY_LABEL = "aerobackup parquet data key v1";
    static final String MANIFEST_KEY_LABEL = "aerobackup manifest hmac key v1";
    static final String KEY_ID_LABEL = "aerobackup key id v1";

    private final byte[] key;
    private final String id;

    private EncryptionKey(byte[] key) {
        this.key = key;
        byte[] derived = derive(KEY_ID_LABEL, 32);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(derived);
            this.id = HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** A key of exactly 16, 24 or 32 bytes (copied). */
    public static EncryptionKey of(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an encryption key must be 128, 192 or 256 bits (16, 24 or 32 bytes),"
                    + " was " + key.length + " bytes");
        }
        return new EncryptionKey(key.clone());
    }

    /**
     * The key a file or variable holds: base64 text (standard or URL-safe alphabet, surrounding white
     * space ignored) of 16, 24 or 32 bytes, or else exactly 16, 24 or 32 raw bytes. {@code source}
     * names where it came from in errors; the content is never part of a message.
     */
    public static EncryptionKey parse(byte[] content, String source) {
        byte[] decoded = decodeBase64(content);
        try {
            if (decoded != null && isKeyLength(decoded.length)) {
                return new EncryptionKey(decoded.clone());
            }
            if (isKeyLength(content.length)) {
                return new EncryptionKey(content.clone());
            }
        } finally {
            if (decoded != null) {
                Arrays.fill(decoded, (byte) 0);
            }
        }
        throw new IllegalArgumentException(source + " does not hold an encryption key: expected base64 text of a"
                + " 128, 192 or 256-bit key (e.g. from 'openssl rand -base64 32') or exactly 16, 24 or 32 raw bytes,"
                + " found " + content.length + " bytes that are neither");
    }

    /** The key's id: hex of the first 16 bytes of SHA-256 over HKDF(key, "aerobackup key id v1"). */
    public String id() {
        return id;
    }

    /** Key size in bits. */
    public int bits() {
        return key.length * 8;
    }

    /** The AES key the Parquet files are encrypted with: HKDF(key, "aerobackup parquet data key v1"), the key's length. */
    public byte[] dataKey() {
        return derive(DATA_KEY_LABEL, key.length);
    }

    /** The HMAC-SHA256 key of manifests: HKDF(key, "aerobackup manifest hmac key v1"), 32 bytes. */
    public byte[] manifestKey() {
        return derive(MANIFEST_KEY_LABEL, 32);
    }

    /** HKDF-SHA256 (RFC 5869) of the key with an empty salt and {@code label} as info; at most 32 bytes. */
    byte[] derive(String label, int length) {
        return hkdf(key, label.getBytes(StandardCharsets.UTF_8), length);
    }

    static byte[] hkdf(byte[] ikm, byte[] info, int length) {
        if (length < 1 || length > 32) {
            throw new IllegalArgumentException("derived keys are 1 to 32 bytes, was " + length);
        }
        byte[] prk = hmac(new byte[32], ikm); // extract, salt = HashLen zero bytes
        try {
            byte[] block = new byte[info.length + 1];
            System.arraycopy(info, 0, block, 0, info.length);
            block[info.length] = 1;
            byte[] okm = hmac(prk, block); // expand: T(1) suffices for <= 32 bytes
            byte[] out = Arrays.copyOf(okm, length);
            Arrays.fill(okm, (byte) 0);
            return out;
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean isKeyLength(int n) {
        return n == 16 || n == 24 || n == 32;
    }

    private static byte[] decodeBase64(byte[] content) {
        int from = 0;
        int to = content.length;
        while (from < to && isSpace(content[from])) {
            from++;
        }
        while (to > from && isSpace(content[to - 1])) {
            to--;
        }
        if (from == to) {
            return null;
        }
        byte[] text = Arrays.copyOfRange(content, from, to);
        try {
            boolean urlSafe = false;
            for (byte b : text) {
                if (b == '-' || b == '_') {
                    urlSafe = true;
                } else if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+'
                        || b == '/' || b == '=')) {
                    return null;
                }
            }
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Never the key: its id only. */
    @Override
    public String toString() {
        return "EncryptionKey{id=" + id + ", " + bits() + " bits}";
    }
}
