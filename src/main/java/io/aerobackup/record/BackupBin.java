package io.aerobackup.record;

import java.util.Objects;

/**
 * One bin of a backed-up record: its name, Aerospike particle type and value. Values use the Java
 * types the Aerospike client uses: Long (INTEGER), Double (DOUBLE), String (STRING, and GEOJSON's
 * JSON text), byte[] (BLOB and its legacy subtypes, HLL), Boolean (BOOL), List (LIST), Map (MAP,
 * a SortedMap when key-ordered). Lists and maps may nest all of these, plus null, ByteBuffer (byte[]
 * keys of sorted maps, as the client wraps them) and {@code Value.GeoJSONValue} (as the client
 * decodes nested GeoJSON). The constructor checks the top-level value against the particle type
 * (see {@link ParticleTypes}); nested values are checked when the bin is encoded.
 */
public final class BackupBin {
    private final String name;
    private final int particleType;
    private final Object value;

    public BackupBin(String name, int particleType, Object value) {
        this.name = Objects.requireNonNull(name, "bin name");
        this.particleType = particleType;
        this.value = Objects.requireNonNull(value, "bin value");
        // Catch a value that would not survive a backup round trip here, not when a file is written.
        ParticleTypes.checkBinValue(name, particleType, value);
    }

    public String name() {
        return name;
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
        if (!(o instanceof BackupBin)) {
            return false;
        }
        BackupBin other = (BackupBin) o;
        return particleType == other.particleType && name.equals(other.name)
                && ValueEquality.deepEquals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + particleType;
    }

    @Override
    public String toString() {
        // Bins can hold hundreds of KB; keep log lines short.
        String text = value instanceof byte[] ? "byte[" + ((byte[]) value).length + "]" : String.valueOf(value);
        return name + "(" + ParticleTypes.name(particleType) + ")="
                + (text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text);
    }
}
