package io.aerobackup.source.rawscan;

import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.UserKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns values as a scan response carries them into the backup model's forms: bin values into
 * the particle bytes {@link io.aerobackup.record.Particles} defines, the key field into a
 * {@link UserKey}. Every result is a copy; the response buffer is reused for the next block.
 */
final class WireValues {
    /** GeoJSON on the wire: a flags byte and a 2-byte cell count before the cells and the JSON. */
    private static final int GEO_HEADER = 3;
    private static final int GEO_CELL_BYTES = 8;

    private WireValues() {
    }

    /**
     * The backup particle bytes of the bin value at {@code buf[offset, offset + length)}. Fails
     * with an IllegalStateException naming the bin when the value is not shaped as its type needs.
     */
    static byte[] particle(String binName, int type, byte[] buf, int offset, int length) {
        switch (type) {
            case ParticleTypes.INTEGER:
                return integer(binName, buf, offset, length);
            case ParticleTypes.DOUBLE:
                if (length != 8) {
                    throw malformed(binName, type, length + " bytes, expected 8");
                }
                return Arrays.copyOfRange(buf, offset, offset + length);
            case ParticleTypes.GEOJSON:
                return geoJsonText(binName, buf, offset, length);
            default:
                // STRING, blobs, BOOL, HLL, LIST and MAP are kept exactly as sent.
                return Arrays.copyOfRange(buf, offset, offset + length);
        }
    }

    /** The stored user key whose field (particle type byte, then the value) is at {@code buf[offset, offset + length)}. */
    static UserKey userKey(byte[] buf, int offset, int length) {
        if (length < 1) {
            throw new IllegalStateException("the server sent an empty user key field");
        }
        int type = buf[offset] & 0xFF;
        int from = offset + 1;
        int size = length - 1;
        switch (type) {
            case ParticleTypes.INTEGER:
                return new UserKey(type, longValue(buf, from, size, "user key"));
            case ParticleTypes.STRING:
                return new UserKey(type, new String(buf, from, size, StandardCharsets.UTF_8));
            case ParticleTypes.BLOB:
                return new UserKey(type, Arrays.copyOfRange(buf, from, from + size));
            default:
                throw new IllegalStateException("a user key of particle type " + type + " ("
                        + ParticleTypes.name(type) + ") cannot be backed up; Aerospike stores only "
                        + "integer, string and bytes keys");
        }
    }

    private static byte[] integer(String binName, byte[] buf, int offset, int length) {
        if (length == 8) {
            return Arrays.copyOfRange(buf, offset, offset + 8);
        }
        // Servers send 8 bytes; a shorter value is widened as the client reads it.
        long v = longValue(buf, offset, length, "bin '" + binName + "'");
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static long longValue(byte[] buf, int offset, int length, String what) {
        if (length < 1 || length > 8) {
            throw new IllegalStateException(what + ": an integer of " + length + " bytes, expected 1 to 8");
        }
        long v = 0;
        for (int i = offset; i < offset + length; i++) {
            v = (v << 8) | (buf[i] & 0xFF);
        }
        return v;
    }

    /** Only the JSON text is kept: the server recomputes the cells when the value is written back. */
    private static byte[] geoJsonText(String binName, byte[] buf, int offset, int length) {
        if (length < GEO_HEADER) {
            throw malformed(binName, ParticleTypes.GEOJSON, length + " bytes, shorter than its header");
        }
        int cells = ((buf[offset + 1] & 0xFF) << 8) | (buf[offset + 2] & 0xFF);
        int header = GEO_HEADER + cells * GEO_CELL_BYTES;
        if (header > length) {
            throw malformed(binName, ParticleTypes.GEOJSON, length + " bytes, but its header announces "
                    + cells + " cells");
        }
        return Arrays.copyOfRange(buf, offset + header, offset + length);
    }

    private static IllegalStateException malformed(String binName, int type, String detail) {
        return new IllegalStateException("bin '" + binName + "': the server sent a " + ParticleTypes.name(type)
                + " value of " + detail);
    }
}
