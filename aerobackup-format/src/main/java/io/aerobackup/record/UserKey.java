package io.aerobackup.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stored user key: an integer (Long, type 1), a string (type 3) or bytes (byte[], type 4).
 * {@link BinValueCodec} converts it from and to the client's {@code Key.userKey}.
 */
public final class UserKey {
    private final int particleType;
    private final Object value;

    public UserKey(int particleType, Object value) {
        if (!(value instanceof Long || value instanceof String || value instanceof byte[])) {
            throw new IllegalArgumentException("a user key is an integer, a string or bytes, was "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        ParticleTypes.checkKeyValue(particleType, value);
        this.particleType = particleType;
        this.value = value;
    }

    public int particleType() {
        return particleType;
    }

    public Object value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UserKey)) {
            return false;
        }
        UserKey other = (UserKey) o;
        return particleType == other.particleType && ValueEquality.deepEquals(value, other.value);
    }

    @Override
    public int hashCode() {
        return value instanceof byte[] ? Arrays.hashCode((byte[]) value) : Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return value instanceof byte[] ? Arrays.toString((byte[]) value) : String.valueOf(value);
    }
}
