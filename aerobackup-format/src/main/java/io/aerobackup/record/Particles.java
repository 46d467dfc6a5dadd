package io.aerobackup.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The particle bytes of a bin value, as the server sends and stores them: the form
 * {@link BackupBin} keeps, so that a scan, the backup files and a restore move values without
 * building Java objects for them.
 *
 * <pre>
 *   INTEGER          8 bytes, big-endian two's complement
 *   DOUBLE           8 bytes, big-endian IEEE 754 bits (NaN payloads and -0.0 kept)
 *   STRING           UTF-8
 *   BLOB, 7..12, HLL the bytes
 *   BOOL             1 byte, 0 or 1
 *   GEOJSON          the JSON text in UTF-8 (the wire's flags and cell header are not kept:
 *                    the server computes cells itself on write)
 *   LIST, MAP        Aerospike msgpack exactly as stored (map order flags included)
 * </pre>
 */
public final class Particles {
    private Particles() {
    }

    /** The particle bytes of a Java value of the type {@link ParticleTypes#javaType} names. */
    public static byte[] encode(int type, Object value) {
        switch (type) {
            case ParticleTypes.INTEGER: return longBytes((Long) value);
            case ParticleTypes.DOUBLE: return longBytes(Double.doubleToRawLongBits((Double) value));
            case ParticleTypes.STRING:
            case ParticleTypes.GEOJSON: return ((String) value).getBytes(StandardCharsets.UTF_8);
            case ParticleTypes.BOOL: return new byte[] {(byte) ((Boolean) value ? 1 : 0)};
            case ParticleTypes.LIST:
            case ParticleTypes.MAP: return MsgPackCodec.pack(value);
            default: return (byte[]) value; // blobs and HLL; the caller checked the type
        }
    }

    /** The Java value of particle bytes; throws IOException when they are not a valid particle of the type. */
    public static Object decode(int type, byte[] particle) throws IOException {
        switch (type) {
            case ParticleTypes.INTEGER: return readLong(type, particle);
            case ParticleTypes.DOUBLE: return Double.longBitsToDouble(readLong(type, particle));
            case ParticleTypes.STRING:
            case ParticleTypes.GEOJSON: return new String(particle, StandardCharsets.UTF_8);
            case ParticleTypes.BOOL:
                if (particle.length != 1 || (particle[0] & 0xFF) > 1) {
                    throw new IOException("a BOOL particle is one byte 0 or 1, was " + particle.length + " bytes");
                }
                return particle[0] == 1;
            case ParticleTypes.LIST:
            case ParticleTypes.MAP: return MsgPackCodec.unpack(type, particle);
            default:
                if (ParticleTypes.isBlob(type) || type == ParticleTypes.HLL) {
                    return particle;
                }
                throw new IOException("unknown particle type " + type);
        }
    }

    /** Throws IOException unless the bytes are a well-formed particle of the type (msgpack is walked, not unpacked). */
    public static void check(int type, byte[] particle) throws IOException {
        switch (type) {
            case ParticleTypes.INTEGER:
            case ParticleTypes.DOUBLE:
                readLong(type, particle);
                return;
            case ParticleTypes.LIST:
            case ParticleTypes.MAP:
                MsgPackScanner.check(particle, type == ParticleTypes.LIST);
                return;
            case ParticleTypes.BOOL:
                decode(type, particle);
                return;
            default:
                if (!ParticleTypes.isBinType(type)) {
                    throw new IOException("unknown particle type " + type);
                }
        }
    }

    /** {@link #decode} for values already checked: an invalid particle is a bug, not bad input. */
    static Object decodeChecked(int type, byte[] particle) {
        try {
            return decode(type, particle);
        } catch (IOException e) {
            throw new UncheckedIOException("bad " + ParticleTypes.name(type) + " particle", e);
        }
    }

    public static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    /** The big-endian long of 8 particle bytes. */
    public static long toLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    private static long readLong(int type, byte[] particle) throws IOException {
        if (particle.length != 8) {
            throw new IOException("an " + ParticleTypes.name(type) + " particle is 8 bytes, was " + particle.length);
        }
        return toLong(particle);
    }
}
