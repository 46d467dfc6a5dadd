package io.aerobackup.record;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.lua.LuaGeoJSON;
import com.aerospike.client.lua.LuaInstance;
import com.aerospike.client.util.Packer;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A client {@link Value} that writes a bin's stored particle bytes as they are, so a restore sends
 * what the server stored without decoding and re-packing it: maps keep their order flags and entry
 * order, doubles their exact bits (NaN payloads, -0.0).
 *
 * <p>On the wire it matches the client's own Value of the decoded Java value, except that:
 * GEOJSON gets the header GeoJSONValue writes (flags 0, cell count 0; the server computes the
 * cells), BOOL is always the 1-byte BOOL particle whatever {@code Value.UseBoolBin} says (the
 * server stored a BOOL), and a non-canonical NaN keeps its payload. The bytes are shared, not
 * copied: neither they nor this value may be changed.
 */
public final class ParticleValue extends Value {
    /** GeoJSONValue's wire header: a flags byte and a 2-byte cell count, all zero. */
    private static final int GEO_HEADER = 3;
    private static final int MSGPACK_FLOAT64 = 0xcb;

    private final int type;
    private final byte[] particle;

    private ParticleValue(int type, byte[] particle) {
        this.type = type;
        this.particle = particle;
    }

    /** The value that writes {@code bin} back (the particle codes are the client's ParticleType codes). */
    public static ParticleValue of(BackupBin bin) {
        return new ParticleValue(bin.particleType(), bin.particle());
    }

    @Override
    public int estimateSize() {
        return type == ParticleTypes.GEOJSON ? GEO_HEADER + particle.length : particle.length;
    }

    @Override
    public int write(byte[] buffer, int offset) {
        int start = offset;
        if (type == ParticleTypes.GEOJSON) {
            buffer[offset++] = 0; // flags
            buffer[offset++] = 0; // cell count, 2 bytes
            buffer[offset++] = 0;
        }
        System.arraycopy(particle, 0, buffer, offset, particle.length);
        return offset - start + particle.length;
    }

    /** As an element of a list or map (not used by a bin write): the msgpack the client's Value would pack. */
    @Override
    public void pack(Packer packer) {
        switch (type) {
            case ParticleTypes.INTEGER:
                packer.packLong(Particles.toLong(particle));
                return;
            case ParticleTypes.DOUBLE:
                packer.packByte(MSGPACK_FLOAT64);
                packer.packByteArray(particle, 0, particle.length);
                return;
            case ParticleTypes.BOOL:
                packer.packBoolean(particle[0] != 0);
                return;
            case ParticleTypes.HLL:
                packer.packParticleBytes(particle); // as HLLValue packs it
                return;
            case ParticleTypes.LIST:
            case ParticleTypes.MAP:
                packer.packByteArray(particle, 0, particle.length);
                return;
            default:
                // STRING, GEOJSON and blobs: a msgpack string of the type byte then the bytes.
                packer.packParticleBytes(particle, type);
        }
    }

    @Override
    public void validateKeyType() {
        if (type != ParticleTypes.INTEGER && type != ParticleTypes.STRING && type != ParticleTypes.BLOB) {
            throw new AerospikeException(ResultCode.PARAMETER_ERROR,
                    "Invalid key type: " + ParticleTypes.name(type));
        }
    }

    @Override
    public int getType() {
        return type;
    }

    /** The decoded Java value; decoded on every call, since the write path never asks for it. */
    @Override
    public Object getObject() {
        return Particles.decodeChecked(type, particle);
    }

    @Override
    public LuaValue getLuaValue(LuaInstance instance) {
        if (type == ParticleTypes.GEOJSON) {
            return new LuaGeoJSON(new String(particle, StandardCharsets.UTF_8));
        }
        return instance.getLuaValue(type, particle, 0, particle.length);
    }

    @Override
    public int toInteger() {
        return (int) toLong();
    }

    @Override
    public long toLong() {
        switch (type) {
            case ParticleTypes.INTEGER: return Particles.toLong(particle);
            case ParticleTypes.BOOL: return particle[0];
            default: return 0;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParticleValue && type == ((ParticleValue) o).type
                && Arrays.equals(particle, ((ParticleValue) o).particle);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(particle);
    }

    @Override
    public String toString() {
        // Bins can be large; the name and size are enough for a log line.
        return ParticleTypes.name(type) + "[" + particle.length + " bytes]";
    }
}
