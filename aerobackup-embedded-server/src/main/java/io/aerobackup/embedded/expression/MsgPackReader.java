package io.aerobackup.embedded.expression;

import java.util.Arrays;

/**
 * A minimal, bounds-checked msgpack reader for expression bytes. Every read that would run past
 * the end or meets a byte that cannot start the expected item throws {@link ExpressionException},
 * so malformed input from a client can never surface as an unchecked JDK exception.
 */
final class MsgPackReader {
    /** What the next item is; enough to dispatch expression decoding. */
    enum Kind { ARRAY, MAP, INT, FLOAT, BOOL, NIL, RAW, EXT, INVALID }

    private final byte[] buf;
    private int pos;

    MsgPackReader(byte[] buf) {
        this.buf = buf;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= buf.length;
    }

    Kind peekKind() {
        int b = peek();
        if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) {
            return Kind.INT;
        }
        if ((b & 0xf0) == 0x90 || b == 0xdc || b == 0xdd) {
            return Kind.ARRAY;
        }
        if ((b & 0xf0) == 0x80 || b == 0xde || b == 0xdf) {
            return Kind.MAP;
        }
        if ((b & 0xe0) == 0xa0 || (b >= 0xd9 && b <= 0xdb) || (b >= 0xc4 && b <= 0xc6)) {
            return Kind.RAW;
        }
        switch (b) {
            case 0xc0: return Kind.NIL;
            case 0xc2: case 0xc3: return Kind.BOOL;
            case 0xca: case 0xcb: return Kind.FLOAT;
            case 0xc7: case 0xc8: case 0xc9: case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8:
                return Kind.EXT;
            default: return Kind.INVALID; // 0xc1 is never used by msgpack
        }
    }

    int readArrayHeader() {
        int b = next();
        long count;
        if ((b & 0xf0) == 0x90) {
            count = b & 0x0f;
        } else if (b == 0xdc) {
            count = readUnsigned(2);
        } else if (b == 0xdd) {
            count = readUnsigned(4);
        } else {
            throw malformed("expected an array at offset " + (pos - 1));
        }
        // Every element takes at least one byte: a larger count can only be a lie.
        if (count > buf.length - pos) {
            throw malformed("array of " + count + " elements exceeds the remaining " + (buf.length - pos) + " bytes");
        }
        return (int) count;
    }

    /** Any msgpack integer; uint64 values above Long.MAX_VALUE keep their bits, as the server's int64 cast does. */
    long readInt() {
        int b = next();
        if (b <= 0x7f) {
            return b;
        }
        if (b >= 0xe0) {
            return (byte) b;
        }
        switch (b) {
            case 0xcc: return readUnsigned(1);
            case 0xcd: return readUnsigned(2);
            case 0xce: return readUnsigned(4);
            case 0xcf: return readUnsigned(8);
            case 0xd0: return (byte) readUnsigned(1);
            case 0xd1: return (short) readUnsigned(2);
            case 0xd2: return (int) readUnsigned(4);
            case 0xd3: return readUnsigned(8);
            default: throw malformed("expected an integer at offset " + (pos - 1));
        }
    }

    double readDouble() {
        int b = next();
        if (b == 0xca) {
            return Float.intBitsToFloat((int) readUnsigned(4));
        }
        if (b == 0xcb) {
            return Double.longBitsToDouble(readUnsigned(8));
        }
        throw malformed("expected a float at offset " + (pos - 1));
    }

    boolean readBool() {
        int b = next();
        if (b == 0xc2 || b == 0xc3) {
            return b == 0xc3;
        }
        throw malformed("expected a boolean at offset " + (pos - 1));
    }

    void readNil() {
        if (next() != 0xc0) {
            throw malformed("expected nil at offset " + (pos - 1));
        }
    }

    /** Payload of a msgpack str or bin item (both families carry Aerospike bytes). */
    byte[] readRaw() {
        int b = next();
        long size;
        if ((b & 0xe0) == 0xa0) {
            size = b & 0x1f;
        } else if (b == 0xd9 || b == 0xc4) {
            size = readUnsigned(1);
        } else if (b == 0xda || b == 0xc5) {
            size = readUnsigned(2);
        } else if (b == 0xdb || b == 0xc6) {
            size = readUnsigned(4);
        } else {
            throw malformed("expected a string or bytes at offset " + (pos - 1));
        }
        require(size);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) size);
        pos += (int) size;
        return out;
    }

    private int peek() {
        require(1);
        return buf[pos] & 0xff;
    }

    private int next() {
        int b = peek();
        pos++;
        return b;
    }

    private long readUnsigned(int bytes) {
        require(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    private void require(long bytes) {
        if (bytes > buf.length - pos) {
            throw malformed("truncated expression: needs " + bytes + " more bytes at offset " + pos
                    + " but only " + (buf.length - pos) + " remain");
        }
    }

    static ExpressionException malformed(String message) {
        return new ExpressionException("malformed filter expression: " + message);
    }
}
