package io.aerobackup.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the primitive encodings {@link RecordCodec} uses. */
final class CodecOutput {
    private byte[] buf;
    private int size;

    CodecOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** Unsigned LEB128: lengths and counts. */
    void writeVarUnsigned(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** ZigZag + LEB128: any long, small magnitudes in few bytes. */
    void writeVarSigned(long v) {
        writeVarUnsigned((v << 1) ^ (v >> 63));
    }

    void writeFixedLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    /** Length-prefixed bytes. */
    void writeBytes(byte[] bytes) {
        writeVarUnsigned(bytes.length);
        writeRaw(bytes);
    }

    /** Length-prefixed UTF-8; rejects strings that UTF-8 cannot carry unchanged. */
    void writeString(String s, String what) {
        writeBytes(utf8(s, what));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    static byte[] utf8(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                // An unpaired surrogate would silently become '?' in UTF-8.
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException(what + " holds an unpaired UTF-16 surrogate at index " + i
                            + " and cannot be stored as UTF-8");
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
