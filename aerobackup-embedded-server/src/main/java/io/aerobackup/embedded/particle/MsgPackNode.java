package io.aerobackup.embedded.particle;

import java.util.List;

/**
 * One msgpack element of a list or map particle, parsed from untrusted wire bytes. Scalars keep
 * their compact encoding; lists and maps keep their flags and children so that order rules can be
 * checked and unordered maps sorted, as the real server does when it stores a CDT particle.
 */
final class MsgPackNode {
    /** The server's msgpack type order (cf/include/msgpack_in.h): comparisons rank types first. */
    enum Kind { NIL, FALSE, TRUE, NEGINT, INT, STRING, LIST, MAP, BYTES, DOUBLE, GEOJSON, EXT }

    final Kind kind;
    /** INT/NEGINT: the value (INT is unsigned 64-bit). */
    final long number;
    /** DOUBLE: the value. */
    final double real;
    /** STRING/BYTES/GEOJSON: the payload including its particle-type byte; EXT: the ext payload. */
    final byte[] data;
    /** Scalars: the compact encoding written back. */
    final byte[] encoded;
    /** LIST/MAP: the order flags kept (0 = none); MAP children alternate key, value. */
    final int flags;
    final List<MsgPackNode> children;

    private MsgPackNode(Kind kind, long number, double real, byte[] data, byte[] encoded, int flags,
                        List<MsgPackNode> children) {
        this.kind = kind;
        this.number = number;
        this.real = real;
        this.data = data;
        this.encoded = encoded;
        this.flags = flags;
        this.children = children;
    }

    static MsgPackNode scalar(Kind kind, long number, double real, byte[] data, byte[] encoded) {
        return new MsgPackNode(kind, number, real, data, encoded, 0, null);
    }

    static MsgPackNode container(Kind kind, int flags, List<MsgPackNode> children) {
        return new MsgPackNode(kind, 0, 0, null, null, flags, children);
    }

    MsgPackNode withChildren(List<MsgPackNode> sorted) {
        return container(kind, flags, sorted);
    }

    /** What the server accepts as a map key (particle_map.c map_is_key): integers, strings, blobs. */
    boolean isMapKey() {
        switch (kind) {
            case INT: case NEGINT: case STRING:
                return true;
            case BYTES:
                return data.length > 0 && data[0] == MsgPackParser.AS_BYTES_BLOB;
            default:
                return false;
        }
    }
}
