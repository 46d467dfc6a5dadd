package io.aerobackup.record;

import com.aerospike.client.Value;
import com.aerospike.client.command.ParticleType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Converts between what the Aerospike client delivers and writes ({@code Record.bins} values,
 * {@code Key.userKey}) and the backup model.
 *
 * <p>The client decodes BLOB (4) and every legacy blob subtype (7..12) to a plain byte[], and a
 * key-value-ordered map like a key-ordered one (a TreeMap), so a scanned bin is recorded as BLOB or
 * a key-ordered MAP. Bins are written back from their particle bytes by {@link ParticleValue}.
 */
public final class BinValueCodec {
    private BinValueCodec() {
    }

    /** A bin from one {@code Record.bins} entry. */
    public static BackupBin fromClient(String name, Object value) {
        if (value instanceof Long) {
            return new BackupBin(name, ParticleTypes.INTEGER, value);
        }
        if (value instanceof Double) {
            return new BackupBin(name, ParticleTypes.DOUBLE, value);
        }
        if (value instanceof String) {
            return new BackupBin(name, ParticleTypes.STRING, value);
        }
        if (value instanceof byte[]) {
            return new BackupBin(name, ParticleTypes.BLOB, value);
        }
        if (value instanceof Boolean) {
            return new BackupBin(name, ParticleTypes.BOOL, value);
        }
        if (value instanceof Value.GeoJSONValue) {
            return new BackupBin(name, ParticleTypes.GEOJSON, ((Value.GeoJSONValue) value).getObject());
        }
        if (value instanceof Value.HLLValue) {
            return new BackupBin(name, ParticleTypes.HLL, ((Value.HLLValue) value).getBytes());
        }
        if (value instanceof List) {
            return new BackupBin(name, ParticleTypes.LIST, value);
        }
        if (value instanceof Map) {
            return new BackupBin(name, ParticleTypes.MAP, value);
        }
        throw new IllegalArgumentException("bin '" + name + "' has a value of unsupported type "
                + (value == null ? "null" : value.getClass().getName())
                + "; expected Long, Double, String, byte[], Boolean, List, Map, Value.GeoJSONValue or Value.HLLValue");
    }

    /** The backup form of {@code Key.userKey}; null when the record has no stored key. */
    public static UserKey userKeyFromClient(Value userKey) {
        if (userKey == null || userKey.getType() == ParticleType.NULL) {
            return null;
        }
        switch (userKey.getType()) {
            case ParticleType.INTEGER:
                return new UserKey(ParticleTypes.INTEGER, userKey.toLong());
            case ParticleType.STRING:
                return new UserKey(ParticleTypes.STRING, userKey.getObject().toString());
            case ParticleType.BLOB:
                return new UserKey(ParticleTypes.BLOB, blobKeyBytes(userKey));
            default:
                throw new IllegalArgumentException("a user key of particle type " + userKey.getType() + " ("
                        + userKey.getClass().getSimpleName() + ") cannot be backed up; Aerospike stores only "
                        + "integer, string and bytes keys");
        }
    }

    /** The client value for a stored user key, as {@code new Key(ns, set, value)} needs it. */
    public static Value toClientValue(UserKey key) {
        switch (key.particleType()) {
            case ParticleTypes.INTEGER: return Value.get((long) (Long) key.value());
            case ParticleTypes.STRING: return Value.get((String) key.value());
            default: return Value.get((byte[]) key.value());
        }
    }

    private static byte[] blobKeyBytes(Value key) {
        if (key instanceof Value.ByteSegmentValue) {
            Value.ByteSegmentValue s = (Value.ByteSegmentValue) key;
            return Arrays.copyOfRange(s.getBytes(), s.getOffset(), s.getOffset() + s.getLength());
        }
        Object bytes = key.getObject();
        if (!(bytes instanceof byte[])) {
            throw new IllegalArgumentException("a bytes user key of class " + key.getClass().getName()
                    + " does not hold a byte[]");
        }
        return (byte[]) bytes;
    }
}
