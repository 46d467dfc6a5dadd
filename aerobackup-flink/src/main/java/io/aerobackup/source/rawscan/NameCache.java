package io.aerobackup.source.rawscan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bin and set names decoded from the wire, kept by their UTF-8 bytes, so that a scan makes one
 * String per distinct name instead of one per bin per record. Direct-mapped and fixed in size: a
 * namespace with more distinct names than slots only costs some decoding, never memory. Not
 * thread-safe; each scan command has its own.
 */
final class NameCache {
    private final byte[][] keys;
    private final String[] names;
    private final int mask;

    /** @param slots a power of two */
    NameCache(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("name cache slots must be a power of two, was " + slots);
        }
        this.keys = new byte[slots][];
        this.names = new String[slots];
        this.mask = slots - 1;
    }

    /** The name whose UTF-8 bytes are {@code buf[offset, offset + length)}. */
    String get(byte[] buf, int offset, int length) {
        int slot = hash(buf, offset, length) & mask;
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, buf, offset, offset + length)) {
            return names[slot];
        }
        byte[] copy = Arrays.copyOfRange(buf, offset, offset + length);
        String name = new String(copy, StandardCharsets.UTF_8);
        keys[slot] = copy;
        names[slot] = name;
        return name;
    }

    private static int hash(byte[] buf, int offset, int length) {
        int h = length;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + buf[i];
        }
        // Spread the high bits down: small tables only look at the low ones.
        return h ^ (h >>> 16);
    }
}
