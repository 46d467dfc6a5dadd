package io.aerobackup.embedded.particle;

import io.aerobackup.embedded.particle.MsgPackNode.Kind;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the untrusted msgpack of a list or map particle the way the server's
 * cdt_untrusted_rewrite (as/src/base/cdt.c) reads it: every element must be complete, reserved
 * bytes and comparison-only ext values ("non-storage") are refused, scalars are re-encoded
 * compactly, the first element of a list/map is its flags when it is an ext, map keys must be
 * integers, strings or blobs. Any failure is the server's AS_ERR_UNKNOWN (1).
 */
final class MsgPackParser {
    static final byte AS_BYTES_STRING = 3;
    static final byte AS_BYTES_BLOB = 4;
    static final byte AS_BYTES_GEOJSON = 23;
    /** Nesting deeper than this is refused (the real server has no limit; Java recursion has). */
    // Recursion depth stays well inside a thread stack (2048 overflowed a 1 MiB test thread while interpreted).
    static final int MAX_DEPTH = 512;
    private static final int EXT_TYPE_NONSTORAGE = 0xFF;
    static final int LIST_ORDERED = 0x01;
    static final int MAP_KV_ORDERED = 0x03;

    private final byte[] buf;
    private int pos;

    private MsgPackParser(byte[] buf) {
        this.buf = buf;
    }

    /** Parses exactly one element spanning all of {@code bytes}. */
    static MsgPackNode parse(byte[] bytes) {
        MsgPackParser parser = new MsgPackParser(bytes);
        MsgPackNode node = parser.element(0);
        if (parser.pos != bytes.length) {
            throw invalid("list/map rejected padding size " + (bytes.length - parser.pos));
        }
        return node;
    }

    static ServerException invalid(String why) {
        return new ServerException(ResultCode.SERVER_ERROR, "invalid list/map particle: " + why);
    }

    private int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    private long uint(int size) {
        need(size);
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    private void need(long n) {
        if (n > buf.length - pos) {
            throw invalid("element runs past the end");
        }
    }

    private byte[] take(long n) {
        need(n);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos += out.length;
        return out;
    }

    private MsgPackNode element(int depth) {
        int b = u8();
        if (b <= 0x7F) {
            return integer(b);
        }
        if (b >= 0xE0) {
            return integer((byte) b);
        }
        if ((b & 0xE0) == 0xA0) {
            return bytes(take(b & 0x1F), false);
        }
        if ((b & 0xF0) == 0x80) {
            return map(b & 0x0F, depth);
        }
        if ((b & 0xF0) == 0x90) {
            return list(b & 0x0F, depth);
        }
        switch (b) {
            case 0xC0: return MsgPackNode.scalar(Kind.NIL, 0, 0, null, new byte[] {(byte) b});
            case 0xC2: return MsgPackNode.scalar(Kind.FALSE, 0, 0, null, new byte[] {(byte) b});
            case 0xC3: return MsgPackNode.scalar(Kind.TRUE, 0, 0, null, new byte[] {(byte) b});
            case 0xCC: return unsigned(uint(1));
            case 0xCD: return unsigned(uint(2));
            case 0xCE: return unsigned(uint(4));
            case 0xCF: return unsigned(uint(8));
            case 0xD0: return integer((byte) uint(1));
            case 0xD1: return integer((short) uint(2));
            case 0xD2: return integer((int) uint(4));
            case 0xD3: return integer(uint(8));
            case 0xCA: {
                int start = pos - 1;
                float f = Float.intBitsToFloat((int) uint(4));
                return MsgPackNode.scalar(Kind.DOUBLE, 0, f, null, copy(start, 5));
            }
            case 0xCB: {
                int start = pos - 1;
                double d = Double.longBitsToDouble(uint(8));
                return MsgPackNode.scalar(Kind.DOUBLE, 0, d, null, copy(start, 9));
            }
            case 0xD9: return bytes(take(uint(1)), false);
            case 0xDA: return bytes(take(uint(2)), false);
            case 0xDB: return bytes(take(uint(4)), false);
            // bin 8/16/32 become strings only when a smaller header would do (msgpack_parse).
            case 0xC4: { byte[] d = take(uint(1)); return bytes(d, d.length > 0x1F); }
            case 0xC5: { byte[] d = take(uint(2)); return bytes(d, d.length > 0xFF); }
            case 0xC6: { byte[] d = take(uint(4)); return bytes(d, d.length > 0xFFFF); }
            case 0xDC: return list(uint(2), depth);
            case 0xDD: return list(uint(4), depth);
            case 0xDE: return map(uint(2), depth);
            case 0xDF: return map(uint(4), depth);
            case 0xD4: case 0xD5: case 0xD6: case 0xD7: case 0xD8: case 0xC7: case 0xC8: case 0xC9:
                pos--;
                return ext();
            default:
                throw invalid("reserved msgpack byte 0x" + Integer.toHexString(b));
        }
    }

    private byte[] copy(int start, int length) {
        byte[] out = new byte[length];
        System.arraycopy(buf, start, out, 0, length);
        return out;
    }

    private static MsgPackNode integer(long value) {
        return MsgPackNode.scalar(value < 0 ? Kind.NEGINT : Kind.INT, value, 0, null, MsgPackWriter.integer(value));
    }

    private static MsgPackNode unsigned(long value) {
        return MsgPackNode.scalar(Kind.INT, value, 0, null, MsgPackWriter.unsigned(value));
    }

    private static MsgPackNode bytes(byte[] data, boolean keepBinHeader) {
        Kind kind = Kind.BYTES;
        if (data.length > 0 && data[0] == AS_BYTES_STRING) {
            kind = Kind.STRING;
        } else if (data.length > 0 && data[0] == AS_BYTES_GEOJSON) {
            kind = Kind.GEOJSON;
        }
        return MsgPackNode.scalar(kind, 0, 0, data, MsgPackWriter.raw(data, keepBinHeader));
    }

    /** An ext value: its type and payload. Comparison-only ext values (type 0xff, 1-3 bytes) are refused. */
    private MsgPackNode ext() {
        int b = u8();
        long length;
        switch (b) {
            case 0xD4: length = 1; break;
            case 0xD5: length = 2; break;
            case 0xD6: length = 4; break;
            case 0xD7: length = 8; break;
            case 0xD8: length = 16; break;
            case 0xC7: length = uint(1); break;
            case 0xC8: length = uint(2); break;
            default: length = uint(4); break;
        }
        int type = u8();
        if (type == EXT_TYPE_NONSTORAGE && length < 4 && length != 0) {
            throw invalid("non-storage ext value");
        }
        byte[] payload = take(length);
        return MsgPackNode.scalar(Kind.EXT, type, 0, payload, MsgPackWriter.ext(type, payload));
    }

    private boolean nextIsExt() {
        if (pos >= buf.length) {
            return false;
        }
        // The server's peek types fixext 1 (0xd4) as an error, not an ext: it is then an ordinary element.
        int b = buf[pos] & 0xFF;
        return (b >= 0xD5 && b <= 0xD8) || (b >= 0xC7 && b <= 0xC9);
    }

    private void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw invalid("nesting deeper than " + MAX_DEPTH);
        }
    }

    private MsgPackNode list(long count, int depth) {
        checkDepth(depth);
        int flags = 0;
        if (count > 0 && nextIsExt()) {
            // The persist-index flag (0x10) never reaches a reader; unknown bits are dropped.
            flags = (int) ext().number & LIST_ORDERED;
            count--;
        }
        need(count);
        List<MsgPackNode> children = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            children.add(element(depth + 1));
        }
        return MsgPackNode.container(Kind.LIST, flags, children);
    }

    private MsgPackNode map(long pairs, int depth) {
        checkDepth(depth);
        int flags = 0;
        if (pairs > 0 && nextIsExt()) {
            flags = (int) ext().number & MAP_KV_ORDERED;
            MsgPackNode meta = element(depth + 1);
            if ((meta.kind == Kind.LIST || meta.kind == Kind.MAP) && !meta.children.isEmpty()) {
                throw invalid("map flags followed by a non-empty container");
            }
            pairs--;
        }
        need(pairs * 2);
        List<MsgPackNode> children = new ArrayList<>((int) pairs * 2);
        for (long i = 0; i < pairs; i++) {
            MsgPackNode key = element(depth + 1);
            if (!key.isMapKey()) {
                throw invalid("map has invalid key type " + key.kind);
            }
            children.add(key);
            children.add(element(depth + 1));
        }
        return MsgPackNode.container(Kind.MAP, flags, children);
    }
}
