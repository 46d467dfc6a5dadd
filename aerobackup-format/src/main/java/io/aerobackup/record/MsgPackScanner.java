package io.aerobackup.record;

import java.io.IOException;

/**
 * Checks that bytes are exactly one well-formed msgpack list or map: counts and lengths fit, no
 * trailing bytes. Iterative, so deep nesting cannot overflow the stack here.
 *
 * <p>Two strengths. {@link #check} accepts every msgpack extension, as the server stores them in
 * list and map particles (order and index flags, e.g. {@code C7 00 02} or {@code D4 ..}): a backup
 * must keep whatever the server holds. {@link #checkForUnpacker} also insists that the only
 * extension is the map-order header the client's Unpacker understands, before the Unpacker sees
 * the bytes (it trusts counts and lengths, and reads other extensions wrongly).
 */
final class MsgPackScanner {
    private final byte[] buf;
    private final boolean unpackerOnly;
    private int pos;

    private MsgPackScanner(byte[] buf, boolean unpackerOnly) {
        this.buf = buf;
        this.unpackerOnly = unpackerOnly;
    }

    /** Well-formed msgpack of a list or map particle, any extensions. */
    static void check(byte[] msgpack, boolean list) throws IOException {
        check(msgpack, list, false);
    }

    /** As {@link #check}, and only the extensions the client's Unpacker reads correctly. */
    static void checkForUnpacker(byte[] msgpack, boolean list) throws IOException {
        check(msgpack, list, true);
    }

    private static void check(byte[] msgpack, boolean list, boolean unpackerOnly) throws IOException {
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
        new MsgPackScanner(msgpack, unpackerOnly).scan(what);
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
            case 0xc7:
                if (unpackerOnly) {
                    return mapOrderHeader(at, what);
                }
                skip(1L + u8(what), what); // type byte, then the data
                return 0;
            case 0xc8: skip(1L + u16(what), what); return 0;
            case 0xc9: skip(1L + u32(what), what); return 0;
            case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8:
                if (unpackerOnly) {
                    throw new IOException(what + " msgpack has the extension 0x" + Integer.toHexString(type)
                            + " at offset " + at + ", which the client's Unpacker cannot read");
                }
                skip(1L + (1L << (type - 0xd4)), what); // fixext 1, 2, 4, 8, 16: type byte, then the data
                return 0;
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
