package io.aerobackup.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of a {@link BackupRecord}, used between Flink tasks and in state.
 *
 * <pre>
 * version 2 (current): as version 1, but every bin value is "bytes" of its particle (see Particles)
 * version 1:
 *   u8      version (1)
 *   byte[20] digest
 *   u8      operation: 1 UPSERT, 2 DELETE
 *   u8      flags: 0x01 set name present, 0x02 user key present (other bits must be 0)
 *   [str]   set name                      if 0x01
 *   [u8 type, value] user key             if 0x02: 1 INTEGER zigzag-varint, 3 STRING str, 4 BLOB bytes
 *   zigzag  generation (int)
 *   zigzag  void-time (long, seconds since 2010-01-01, 0 = never expires)
 *   varint  bin count, then per bin: str name, u8 particle type, value:
 *           INTEGER zigzag-varint | DOUBLE 8 bytes raw IEEE bits | STRING, GEOJSON str |
 *           BLOB 4, 7..12, HLL bytes | BOOL u8 0/1 | LIST, MAP bytes of Aerospike msgpack
 *   str = varint length + UTF-8, bytes = varint length + bytes; nothing may follow the last bin.
 * </pre>
 */
public final class RecordCodec {
    /** First version: the layout above. Bump when the layout changes and keep decoding old versions. */
    public static final int VERSION_1 = 1;
    /** Bin values as particle bytes, so records cross Flink tasks without decoding values. */
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;

    private static final int OP_UPSERT = 1;
    private static final int OP_DELETE = 2;
    private static final int FLAG_SET = 0x01;
    private static final int FLAG_KEY = 0x02;
    /** Smallest encoded bin: empty name (1) + type (1) + 1-byte value. */
    private static final int MIN_BIN_BYTES = 3;

    private RecordCodec() {
    }

    public static byte[] encode(BackupRecord record) {
        CodecOutput out = new CodecOutput(64 + 32 * record.bins().size());
        out.writeByte(CURRENT_VERSION);
        out.writeRaw(record.digest());
        out.writeByte(record.operation() == RecordOperation.DELETE ? OP_DELETE : OP_UPSERT);
        int flags = (record.setName() != null ? FLAG_SET : 0) | (record.userKey() != null ? FLAG_KEY : 0);
        out.writeByte(flags);
        if (record.setName() != null) {
            out.writeString(record.setName(), "set name");
        }
        if (record.userKey() != null) {
            writeUserKey(out, record.userKey());
        }
        out.writeVarSigned(record.generation());
        out.writeVarSigned(record.voidTime());
        out.writeVarUnsigned(record.bins().size());
        for (BackupBin bin : record.bins()) {
            out.writeString(bin.name(), "bin name");
            out.writeByte(bin.particleType());
            out.writeBytes(bin.particle());
        }
        return out.toByteArray();
    }

    public static BackupRecord decode(byte[] bytes) throws IOException {
        return decode(bytes, 0, bytes.length);
    }

    public static BackupRecord decode(byte[] bytes, int offset, int length) throws IOException {
        CodecInput in = new CodecInput(bytes, offset, length);
        int version = in.readByte("version");
        switch (version) {
            case VERSION_1:
                return decodeFields(in, false);
            case VERSION_2:
                return decodeFields(in, true);
            default:
                throw new IOException("unknown record encoding version " + version + "; this build reads versions 1.."
                        + CURRENT_VERSION);
        }
    }

    private static BackupRecord decodeFields(CodecInput in, boolean particles) throws IOException {
        byte[] digest = in.readRaw(BackupRecord.DIGEST_LENGTH, "digest");
        int op = in.readByte("operation");
        if (op != OP_UPSERT && op != OP_DELETE) {
            throw new IOException("corrupt record: operation code " + op + ", expected 1 UPSERT or 2 DELETE");
        }
        int flags = in.readByte("flags");
        if ((flags & ~(FLAG_SET | FLAG_KEY)) != 0) {
            throw new IOException("corrupt record: unknown flag bits 0x" + Integer.toHexString(flags));
        }
        String setName = (flags & FLAG_SET) != 0 ? in.readString("set name") : null;
        UserKey key = (flags & FLAG_KEY) != 0 ? readUserKey(in) : null;
        int generation = in.readVarInt("generation");
        long voidTime = in.readVarSigned("void-time");
        long count = in.readVarUnsigned("bin count");
        if (count > in.remaining() / MIN_BIN_BYTES) {
            throw new IOException("corrupt record: " + count + " bins cannot fit in the " + in.remaining()
                    + " remaining bytes");
        }
        List<BackupBin> bins = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            String name = in.readString("name of bin #" + i);
            int type = in.readByte("type of bin '" + name + "'");
            bins.add(particles ? particleBin(in, name, type) : new BackupBin(name, type, readValue(in, name, type)));
        }
        in.requireEnd("the last bin");
        return new BackupRecord(digest, setName, key, generation, voidTime,
                op == OP_DELETE ? RecordOperation.DELETE : RecordOperation.UPSERT, bins);
    }

    private static void writeUserKey(CodecOutput out, UserKey key) {
        out.writeByte(key.particleType());
        switch (key.particleType()) {
            case ParticleTypes.INTEGER: out.writeVarSigned((Long) key.value()); break;
            case ParticleTypes.STRING: out.writeString((String) key.value(), "user key"); break;
            default: out.writeBytes((byte[]) key.value()); break; // BLOB: UserKey checked its type
        }
    }

    private static UserKey readUserKey(CodecInput in) throws IOException {
        int type = in.readByte("user key type");
        switch (type) {
            case ParticleTypes.INTEGER: return new UserKey(type, in.readVarSigned("integer user key"));
            case ParticleTypes.STRING: return new UserKey(type, in.readString("string user key"));
            case ParticleTypes.BLOB: return new UserKey(type, in.readBytes("bytes user key"));
            default:
                throw new IOException("corrupt record: user key type " + type + ", expected 1, 3 or 4");
        }
    }

    private static BackupBin particleBin(CodecInput in, String name, int type) throws IOException {
        byte[] particle = in.readBytes("value of bin '" + name + "'");
        try {
            return BackupBin.ofParticle(name, type, particle);
        } catch (IOException e) {
            throw new IOException("corrupt record: " + e.getMessage(), e);
        }
    }

    /** Version 1 values: the Java value's own encoding. */
    private static Object readValue(CodecInput in, String name, int type) throws IOException {
        String what = "value of bin '" + name + "'";
        switch (type) {
            case ParticleTypes.INTEGER: return in.readVarSigned(what);
            case ParticleTypes.DOUBLE: return Double.longBitsToDouble(in.readFixedLong(what));
            case ParticleTypes.STRING:
            case ParticleTypes.GEOJSON: return in.readString(what);
            case ParticleTypes.BOOL: return readBool(in, what);
            case ParticleTypes.LIST:
            case ParticleTypes.MAP:
                try {
                    return MsgPackCodec.unpack(type, in.readBytes(what));
                } catch (IOException e) {
                    throw new IOException("corrupt record: bin '" + name + "': " + e.getMessage(), e);
                }
            default:
                if (ParticleTypes.isBlob(type) || type == ParticleTypes.HLL) {
                    return in.readBytes(what);
                }
                throw new IOException("corrupt record: bin '" + name + "' has the unknown particle type " + type);
        }
    }

    private static Boolean readBool(CodecInput in, String what) throws IOException {
        int b = in.readByte(what);
        if (b > 1) {
            throw new IOException("corrupt record: " + what + " is the byte " + b + ", a boolean is 0 or 1");
        }
        return b == 1;
    }
}
