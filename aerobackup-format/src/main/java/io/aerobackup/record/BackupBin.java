package io.aerobackup.record;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One bin of a backed-up record: its name, Aerospike particle type and the value's particle bytes
 * as the server stores them ({@link Particles} lists the layout per type). Keeping the bytes lets
 * a scan, the Parquet files and a restore move values without building a Java object per value;
 * {@link #value()} decodes them for code that needs the value (tests, the demo's comparison).
 *
 * <p>Java values use the types the Aerospike client uses: Long (INTEGER), Double (DOUBLE), String
 * (STRING, and GEOJSON's JSON text), byte[] (BLOB and its legacy subtypes, HLL), Boolean (BOOL),
 * List (LIST), Map (MAP, a SortedMap when key-ordered). The particle bytes are never modified.
 */
public final class BackupBin {
    private final String name;
    private final int particleType;
    private final byte[] particle;
    /** The decoded value, made on first use; a race only decodes twice. */
    private Object value;

    /** A bin from a Java value; the value is checked against the type and encoded once. */
    public BackupBin(String name, int particleType, Object value) {
        this.name = Objects.requireNonNull(name, "bin name");
        this.particleType = particleType;
        Objects.requireNonNull(value, "bin value");
        // Catch a value that would not survive a backup round trip here, not when a file is written.
        ParticleTypes.checkBinValue(name, particleType, value);
        this.particle = Particles.encode(particleType, value);
        this.value = value;
    }

    private BackupBin(String name, int particleType, byte[] particle) {
        this.name = name;
        this.particleType = particleType;
        this.particle = particle;
    }

    /**
     * A bin from particle bytes, taken without a copy (the caller hands them over). Fails with an
     * IOException naming the bin when they are not a well-formed particle of the type.
     */
    public static BackupBin ofParticle(String name, int particleType, byte[] particle) throws IOException {
        Objects.requireNonNull(name, "bin name");
        Objects.requireNonNull(particle, "bin particle");
        try {
            Particles.check(particleType, particle);
        } catch (IOException e) {
            throw new IOException("bin '" + name + "': " + e.getMessage(), e);
        }
        return new BackupBin(name, particleType, particle);
    }

    /**
     * A bin from particle bytes the server just sent, without checks beyond the type: the scan
     * trusts the server's framing, and the writer walks the bytes anyway.
     */
    public static BackupBin ofServerParticle(String name, int particleType, byte[] particle) {
        if (!ParticleTypes.isBinType(particleType)) {
            throw new IllegalArgumentException("bin '" + name + "' has particle type " + particleType
                    + ", which cannot be backed up");
        }
        return new BackupBin(name, particleType, particle);
    }

    public String name() {
        return name;
    }

    public int particleType() {
        return particleType;
    }

    /** The particle bytes; callers must not modify them. */
    public byte[] particle() {
        return particle;
    }

    /** The value as the Aerospike client would deliver it (decoded on first use). */
    public Object value() {
        Object v = value;
        if (v == null) {
            v = Particles.decodeChecked(particleType, particle);
            value = v;
        }
        return v;
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
        if (particleType != other.particleType || !name.equals(other.name)) {
            return false;
        }
        if (Arrays.equals(particle, other.particle)) {
            return true;
        }
        // An unordered map's entries may be packed in another order and still be the same value.
        if (particleType != ParticleTypes.MAP && particleType != ParticleTypes.LIST) {
            return false;
        }
        try {
            return ValueEquality.deepEquals(value(), other.value());
        } catch (java.io.UncheckedIOException e) {
            return false; // an extension the client cannot decode: only equal bytes are equal
        }
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + particleType;
    }

    @Override
    public String toString() {
        // Bins can hold hundreds of KB; keep log lines short.
        Object v;
        try {
            v = value();
        } catch (java.io.UncheckedIOException e) {
            v = particle; // msgpack with extensions the client cannot decode
        }
        String text = v instanceof byte[] ? "byte[" + ((byte[]) v).length + "]" : String.valueOf(v);
        return name + "(" + ParticleTypes.name(particleType) + ")="
                + (text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text);
    }
}
