package io.aerobackup.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bounds-checked reads for {@link RecordCodec}: every failure is an IOException saying what was read where. */
final class CodecInput {
    private final byte[] buf;
    private final int end;
    private int pos;

    CodecInput(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " in " + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - pos;
    }

    int readByte(String what) throws IOException {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    byte[] readRaw(int n, String what) throws IOException {
        need(n, what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    long readVarUnsigned(String what) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte(what);
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt record: varint of " + what + " is longer than 10 bytes (offset " + pos + ")");
    }

    long readVarSigned(String what) throws IOException {
        long z = readVarUnsigned(what);
        return (z >>> 1) ^ -(z & 1);
    }

    int readVarInt(String what) throws IOException {
        long v = readVarSigned(what);
        if (v != (int) v) {
            throw new IOException("corrupt record: " + what + " " + v + " is outside the int range");
        }
        return (int) v;
    }

    long readFixedLong(String what) throws IOException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    /** A length (or count) that cannot exceed the remaining bytes. */
    int readLength(String what) throws IOException {
        long n = readVarUnsigned(what + " length");
        if (n > remaining()) {
            throw new IOException("truncated record: " + what + " needs " + n + " bytes at offset " + pos
                    + ", " + remaining() + " remain");
        }
        return (int) n;
    }

    byte[] readBytes(String what) throws IOException {
        return readRaw(readLength(what), what);
    }

    String readString(String what) throws IOException {
        int n = readLength(what);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        // The lenient decoder inserts U+FFFD for bad bytes; only then pay for a strict check.
        if (s.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, pos, n));
            } catch (CharacterCodingException e) {
                throw new IOException("corrupt record: " + what + " at offset " + pos + " is not valid UTF-8", e);
            }
        }
        pos += n;
        return s;
    }

    void requireEnd(String what) throws IOException {
        if (pos != end) {
            throw new IOException("corrupt record: " + (end - pos) + " trailing bytes after " + what);
        }
    }

    private void need(int n, String what) throws IOException {
        if (n > end - pos) {
            throw new IOException("truncated record: " + what + " needs " + n + " bytes at offset " + pos
                    + ", " + (end - pos) + " remain");
        }
    }
}
