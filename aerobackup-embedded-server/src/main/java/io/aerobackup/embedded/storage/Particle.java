package io.aerobackup.embedded.storage;

import java.util.Arrays;

/**
 * One bin value exactly as it travels on the wire: the particle type and its encoded bytes.
 * The server keeps values in this form so that what a client wrote is what it reads back,
 * byte for byte, whatever the type.
 */
public final class Particle {
    public static final int NULL = 0;
    public static final int INTEGER = 1;
    public static final int DOUBLE = 2;
    public static final int STRING = 3;
    public static final int BLOB = 4;
    public static final int JAVA_BLOB = 7;
    public static final int CSHARP_BLOB = 8;
    public static final int PYTHON_BLOB = 9;
    public static final int RUBY_BLOB = 10;
    public static final int PHP_BLOB = 11;
    public static final int ERLANG_BLOB = 12;
    public static final int BOOL = 17;
    public static final int HLL = 18;
    public static final int MAP = 19;
    public static final int LIST = 20;
    public static final int GEOJSON = 23;

    private final int type;
    private final byte[] bytes;

    public Particle(int type, byte[] bytes) {
        this.type = type;
        this.bytes = bytes;
    }

    public int type() {
        return type;
    }

    /** The encoded value; callers must not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    public static boolean isKnownType(int type) {
        switch (type) {
            case INTEGER: case DOUBLE: case STRING: case BLOB: case JAVA_BLOB: case CSHARP_BLOB:
            case PYTHON_BLOB: case RUBY_BLOB: case PHP_BLOB: case ERLANG_BLOB: case BOOL: case HLL:
            case MAP: case LIST: case GEOJSON:
                return true;
            default:
                return false;
        }
    }

    public static boolean isBlob(int type) {
        return type == BLOB || (type >= JAVA_BLOB && type <= ERLANG_BLOB);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Particle)) {
            return false;
        }
        Particle other = (Particle) o;
        return type == other.type && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Particle{type=" + type + ", " + bytes.length + " bytes}";
    }
}
