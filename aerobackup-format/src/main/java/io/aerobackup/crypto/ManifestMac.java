package io.aerobackup.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HMAC of an encrypted backup's manifest (docs/FORMAT.md, "Manifest HMAC"): HMAC-SHA256 with
 * the key's manifest key over the manifest file's bytes in which the 64 hex digits of the
 * {@code manifestHmac} value are replaced by 64 ASCII zeros. Any change to the file, the HMAC
 * itself included, fails {@link #verify}.
 */
public final class ManifestMac {
    public static final String FIELD = "manifestHmac";
    /** What the writer puts in the field before signing, and what a verifier puts back. */
    public static final String PLACEHOLDER = "0".repeat(64);
    private static final Pattern MEMBER = Pattern.compile("\"" + FIELD + "\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private ManifestMac() {
    }

    /** The manifest bytes with the placeholder replaced by their HMAC. */
    public static byte[] sign(byte[] json, EncryptionKey key) {
        Matcher m = single(json);
        if (m == null || !m.group(1).equals(PLACEHOLDER)) {
            throw new IllegalArgumentException("the manifest to sign must hold \"" + FIELD + "\" once, set to the"
                    + " placeholder");
        }
        byte[] signed = json.clone();
        byte[] mac = mac(json, key);
        System.arraycopy(HexFormat.of().formatHex(mac).getBytes(StandardCharsets.US_ASCII), 0, signed, m.start(1), 64);
        return signed;
    }

    /** Whether the manifest bytes carry a valid HMAC made with {@code key}. */
    public static boolean verify(byte[] json, EncryptionKey key) {
        Matcher m = single(json);
        if (m == null) {
            return false;
        }
        byte[] given = HexFormat.of().parseHex(m.group(1));
        byte[] zeroed = json.clone();
        System.arraycopy(PLACEHOLDER.getBytes(StandardCharsets.US_ASCII), 0, zeroed, m.start(1), 64);
        return MessageDigest.isEqual(given, mac(zeroed, key));
    }

    private static byte[] mac(byte[] bytes, EncryptionKey key) {
        byte[] macKey = key.manifestKey();
        try {
            return EncryptionKey.hmac(macKey, bytes);
        } finally {
            java.util.Arrays.fill(macKey, (byte) 0);
        }
    }

    /** The one HMAC member, or null when there is none or more than one. */
    private static Matcher single(byte[] json) {
        // Latin-1 maps each byte to one char, so match offsets are byte offsets.
        Matcher m = MEMBER.matcher(new String(json, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        int start = m.start(1);
        if (m.find()) {
            return null;
        }
        m.reset();
        m.find();
        return m.start(1) == start ? m : null;
    }
}
