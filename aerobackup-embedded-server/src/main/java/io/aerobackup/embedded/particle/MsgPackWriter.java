package io.aerobackup.embedded.particle;

import java.io.ByteArrayOutputStream;

/** Compact msgpack encodings, as the server's packer (aerospike-common as_msgpack.c) writes them. */
final class MsgPackWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] write(MsgPackNode node) {
        MsgPackWriter writer = new MsgPackWriter();
        writer.node(node);
        return writer.out.toByteArray();
    }

    private void node(MsgPackNode node) {
        if (node.children == null) {
            out.writeBytes(node.encoded);
            return;
        }
        boolean map = node.kind == MsgPackNode.Kind.MAP;
        int count = map ? node.children.size() / 2 : node.children.size();
        header(map ? 0x80 : 0x90, map ? 0xDE : 0xDC, count + (node.flags != 0 ? 1 : 0));
        if (node.flags != 0) {
            out.write(0xC7);
            out.write(0);
            out.write(node.flags);
            if (map) {
                out.write(0xC0);
            }
        }
        for (MsgPackNode child : node.children) {
            node(child);
        }
    }

    private void header(int fix, int code16, long count) {
        if (count < 16) {
            out.write(fix | (int) count);
        } else if (count < 0x10000) {
            out.write(code16);
            be(count, 2);
        } else {
            out.write(code16 + 1);
            be(count, 4);
        }
    }

    private void be(long value, int size) {
        for (int i = size - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    static byte[] unsigned(long value) {
        MsgPackWriter w = new MsgPackWriter();
        if (Long.compareUnsigned(value, 0x80) < 0) {
            w.out.write((int) value);
        } else if (Long.compareUnsigned(value, 0x100) < 0) {
            w.out.write(0xCC);
            w.be(value, 1);
        } else if (Long.compareUnsigned(value, 0x10000) < 0) {
            w.out.write(0xCD);
            w.be(value, 2);
        } else if (Long.compareUnsigned(value, 0x1_0000_0000L) < 0) {
            w.out.write(0xCE);
            w.be(value, 4);
        } else {
            w.out.write(0xCF);
            w.be(value, 8);
        }
        return w.out.toByteArray();
    }

    static byte[] integer(long value) {
        if (value >= 0) {
            return unsigned(value);
        }
        MsgPackWriter w = new MsgPackWriter();
        if (value >= -32) {
            w.out.write((int) value);
        } else if (value >= Byte.MIN_VALUE) {
            w.out.write(0xD0);
            w.be(value, 1);
        } else if (value >= Short.MIN_VALUE) {
            w.out.write(0xD1);
            w.be(value, 2);
        } else if (value >= Integer.MIN_VALUE) {
            w.out.write(0xD2);
            w.be(value, 4);
        } else {
            w.out.write(0xD3);
            w.be(value, 8);
        }
        return w.out.toByteArray();
    }

    /** A string/blob payload: the smallest str header, or its own bin header when that was already the smallest. */
    static byte[] raw(byte[] data, boolean keepBinHeader) {
        MsgPackWriter w = new MsgPackWriter();
        int n = data.length;
        if (keepBinHeader) {
            int code = n <= 0xFF ? 0xC4 : n <= 0xFFFF ? 0xC5 : 0xC6;
            w.out.write(code);
            w.be(n, code == 0xC4 ? 1 : code == 0xC5 ? 2 : 4);
        } else if (n < 32) {
            w.out.write(0xA0 | n);
        } else if (n <= 0xFF) {
            w.out.write(0xD9);
            w.be(n, 1);
        } else if (n <= 0xFFFF) {
            w.out.write(0xDA);
            w.be(n, 2);
        } else {
            w.out.write(0xDB);
            w.be(n, 4);
        }
        w.out.writeBytes(data);
        return w.out.toByteArray();
    }

    static byte[] ext(int type, byte[] payload) {
        MsgPackWriter w = new MsgPackWriter();
        int n = payload.length;
        switch (n) {
            case 1: w.out.write(0xD4); break;
            case 2: w.out.write(0xD5); break;
            case 4: w.out.write(0xD6); break;
            case 8: w.out.write(0xD7); break;
            case 16: w.out.write(0xD8); break;
            default:
                if (n <= 0xFF) {
                    w.out.write(0xC7);
                    w.be(n, 1);
                } else if (n <= 0xFFFF) {
                    w.out.write(0xC8);
                    w.be(n, 2);
                } else {
                    w.out.write(0xC9);
                    w.be(n, 4);
                }
        }
        w.out.write(type);
        w.out.writeBytes(payload);
        return w.out.toByteArray();
    }
}
