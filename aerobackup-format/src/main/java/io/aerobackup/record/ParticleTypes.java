package io.aerobackup.record;

import java.util.List;
import java.util.Map;

/**
 * Aerospike particle type codes as stored in backups, and which Java type each bin value must
 * have. The codes are the server's, so they are also the stable codes of the backup format.
 */
public final class ParticleTypes {
    public static final int INTEGER = 1;
    public static final int DOUBLE = 2;
    public static final int STRING = 3;
    public static final int BLOB = 4;
    /** Legacy blob subtypes written by old language clients; the server keeps them as bytes. */
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

    private static final String ALLOWED = "1 INTEGER, 2 DOUBLE, 3 STRING, 4 BLOB, 7..12 legacy blobs, 17 BOOL, "
            + "18 HLL, 19 MAP, 20 LIST, 23 GEOJSON";

    private ParticleTypes() {
    }

    /** BLOB or one of its legacy subtypes (7..12): the value is a byte[]. */
    public static boolean isBlob(int type) {
        return type == BLOB || (type >= JAVA_BLOB && type <= ERLANG_BLOB);
    }

    /** Whether a bin of this type can be stored in a backup. */
    public static boolean isBinType(int type) {
        switch (type) {
            case INTEGER: case DOUBLE: case STRING: case BOOL: case HLL: case MAP: case LIST: case GEOJSON:
                return true;
            default:
                return isBlob(type);
        }
    }

    /** Whether a stored user key can have this type. */
    public static boolean isKeyType(int type) {
        return type == INTEGER || type == STRING || type == BLOB;
    }

    public static String name(int type) {
        switch (type) {
            case INTEGER: return "INTEGER";
            case DOUBLE: return "DOUBLE";
            case STRING: return "STRING";
            case BLOB: return "BLOB";
            case BOOL: return "BOOL";
            case HLL: return "HLL";
            case MAP: return "MAP";
            case LIST: return "LIST";
            case GEOJSON: return "GEOJSON";
            default: return isBlob(type) ? "BLOB(" + type + ")" : "UNKNOWN(" + type + ")";
        }
    }

    /** The Java class a top-level bin value of this type has. */
    public static Class<?> javaType(int type) {
        switch (type) {
            case INTEGER: return Long.class;
            case DOUBLE: return Double.class;
            case STRING: case GEOJSON: return String.class;
            case BOOL: return Boolean.class;
            case MAP: return Map.class;
            case LIST: return List.class;
            case HLL: return byte[].class;
            default:
                if (isBlob(type)) {
                    return byte[].class;
                }
                throw new IllegalArgumentException("particle type " + type + " cannot be backed up; allowed: " + ALLOWED);
        }
    }

    /** Throws unless {@code value} is what a bin of {@code type} holds. */
    static void checkBinValue(String binName, int type, Object value) {
        Class<?> expected = javaType(type);
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException("bin '" + binName + "' of type " + name(type) + " needs a "
                    + expected.getSimpleName() + " value, was " + value.getClass().getName());
        }
    }

    /** Throws unless {@code value} is what a user key of {@code type} holds. */
    static void checkKeyValue(int type, Object value) {
        if (!isKeyType(type)) {
            throw new IllegalArgumentException("a user key has type 1 INTEGER, 3 STRING or 4 BLOB, was " + type);
        }
        Class<?> expected = javaType(type);
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException("a user key of type " + name(type) + " needs a "
                    + expected.getSimpleName() + " value, was "
                    + (value == null ? "null" : value.getClass().getName()));
        }
    }
}
