package io.aerobackup.record;

import java.io.IOException;

/**
 * Checks that bytes are exactly one well-formed msgpack list or map before the client's Unpacker
 * sees them: the Unpacker trusts counts and lengths (a corrupt count allocates gigabytes) and does
 * not notice trailing bytes. Iterative, so deep nesting cannot overflow the stack here.
 */
final class MsgPackScanner {
    private final byte[] buf;
    private int pos;

    private MsgPackScanner(byte[] buf) {
        this.buf = buf;
    }

    static void check(byte[] msgpack, boolean list) throws IOException {
        String what = list ? "LIST" : "MAP";
        if (msgpack.length == 0) {
            throw new IOException(what + " msgpack is empty");
        }
        int head = msgpack[0] & 0xff;
        boolean isList = (head & 0xf0) == 0x90 || head == 0xdc || head == 0xdd;
        boolean isMap = (head & 0xf0) == 0x80 || head == 0xde || head == 0xdf;
        if (list ? !isList : !isMap) {
            throw new IOException(what + " msgpack starts with 0x" + Integer.toHexString(head)
                    + ", which is not a msgpack " + (list ? "array" : "map") + " header");
        }
        new MsgPackScanner(msgpack).scan(what);
    }

    private void scan(String what) throws IOException {
        long pending = 1;
        while (pending > 0) {
            pending += items(what);
            pending--;
            // Every item takes at least one byte: a larger count is corrupt.
            if (pending > buf.length - pos) {
                throw new IOException(what + " msgpack announces " + pending + " more items at offset " + pos
                        + " but only " + (buf.length - pos) + " bytes remain (truncated or corrupt)");
            }
        }
        if (pos != buf.length) {
            throw new IOException(what + " msgpack has " + (buf.length - pos) + " trailing bytes after offset " + pos);
        }
    }

    /** Skips one object header (and its payload); returns the number of nested items it announces. */
    private long items(String what) throws IOException {
        int at = pos;
        int type = u8(what);
        if (type < 0x80 || type >= 0xe0 || type == 0xc0 || type == 0xc2 || type == 0xc3) {
            return 0; // fixint, nil, booleans
        }
        if ((type & 0xf0) == 0x90) {
            return type & 0x0f;
        }
        if ((type & 0xf0) == 0x80) {
            return 2L * (type & 0x0f);
        }
        if ((type & 0xe0) == 0xa0) {
            return raw(type & 0x1f, at, what);
        }
        switch (type) {
            case 0xca: case 0xce: case 0xd2: skip(4, what); return 0;
            case 0xcb: case 0xcf: case 0xd3: skip(8, what); return 0;
            case 0xcc: case 0xd0: skip(1, what); return 0;
            case 0xcd: case 0xd1: skip(2, what); return 0;
            case 0xc4: case 0xd9: return raw(u8(what), at, what);
            case 0xc5: case 0xda: return raw(u16(what), at, what);
            case 0xc6: case 0xdb: return raw(u32(what), at, what);
            case 0xdc: return u16(what);
            case 0xdd: return u32(what);
            case 0xde: return 2L * u16(what);
            case 0xdf: return 2L * u32(what);
            case 0xc7: return mapOrderHeader(at, what);
            default:
                throw new IOException(what + " msgpack has the unknown type byte 0x" + Integer.toHexString(type)
                        + " at offset " + at);
        }
    }

    /**
     * The only extension Aerospike map values carry: the map-order header {@code C7 00 <flags>}
     * (flags 1 key-ordered, 3 key-value-ordered). Others (e.g. flag 8, which makes the Unpacker
     * return a list for a map) never occur in a stored bin and are rejected.
     */
    private long mapOrderHeader(int at, String what) throws IOException {
        int length = u8(what);
        int flags = u8(what);
        if (length != 0 || (flags != 1 && flags != 3)) {
            throw new IOException(what + " msgpack has an unsupported extension (length " + length + ", type " + flags
                    + ") at offset " + at + "; only the map-order header C7 00 01 / C7 00 03 is allowed");
        }
        return 0;
    }

    private long raw(long length, int at, String what) throws IOException {
        // Aerospike prefixes every string/blob with its particle type byte; the Unpacker relies on it.
        if (length < 1) {
            throw new IOException(what + " msgpack has a string/bytes item without its particle type byte at offset " + at);
        }
        skip(length, what);
        return 0;
    }

    private void skip(long n, String what) throws IOException {
        if (n > buf.length - pos) {
            throw new IOException(what + " msgpack is truncated: needs " + n + " bytes at offset " + pos
                    + ", " + (buf.length - pos) + " remain");
        }
        pos += (int) n;
    }

    private int u8(String what) throws IOException {
        skip(1, what);
        return buf[pos - 1] & 0xff;
    }

    private int u16(String what) throws IOException {
        skip(2, what);
        return ((buf[pos - 2] & 0xff) << 8) | (buf[pos - 1] & 0xff);
    }

    private long u32(String what) throws IOException {
        skip(4, what);
        return ((long) (buf[pos - 4] & 0xff) << 24) | ((buf[pos - 3] & 0xff) << 16)
                | ((buf[pos - 2] & 0xff) << 8) | (buf[pos - 1] & 0xff);
    }
}
