package io.aerobackup.embedded.particle;

import java.util.Comparator;

/**
 * The server's msgpack value order (cf/src/msgpack_in.c msgpack_cmp): type rank first, then
 * integers as unsigned 64-bit within their sign class, strings and blobs byte-wise then by length,
 * lists element-wise then by length, maps by size then element-wise, doubles by value. Flags of
 * nested lists and maps take no part.
 */
final class MsgPackOrder implements Comparator<MsgPackNode> {
    static final MsgPackOrder INSTANCE = new MsgPackOrder();

    private MsgPackOrder() {
    }

    @Override
    public int compare(MsgPackNode a, MsgPackNode b) {
        if (a.kind != b.kind) {
            return Integer.compare(a.kind.ordinal(), b.kind.ordinal());
        }
        switch (a.kind) {
            case INT: case NEGINT:
                return Long.compareUnsigned(a.number, b.number);
            case STRING: case BYTES: case GEOJSON: case EXT:
                return compareBytes(a.data, b.data);
            case DOUBLE:
                return a.real < b.real ? -1 : a.real > b.real ? 1 : 0;
            case LIST:
                return compareLists(a, b);
            case MAP:
                if (a.children.size() != b.children.size()) {
                    return Integer.compare(a.children.size(), b.children.size());
                }
                return compareLists(a, b);
            default:
                return 0;
        }
    }

    private int compareLists(MsgPackNode a, MsgPackNode b) {
        int common = Math.min(a.children.size(), b.children.size());
        for (int i = 0; i < common; i++) {
            int c = compare(a.children.get(i), b.children.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.children.size(), b.children.size());
    }

    private static int compareBytes(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        for (int i = 0; i < common; i++) {
            int c = Integer.compare(a[i] & 0xFF, b[i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
