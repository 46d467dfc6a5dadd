package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.MsgPackCodec;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link BackupRecord} to and from a {@link BackupSchema#ROW} GenericRecord. Reading checks every
 * rule of docs/FORMAT.md (one value column per bin, key columns matching the key type, ...), so a
 * row that does not follow the format fails with an IOException instead of becoming a wrong record.
 */
public final class BackupRowConverter {
    private static final int DIGEST = pos(BackupSchema.DIGEST);
    private static final int SET_NAME = pos(BackupSchema.SET_NAME);
    private static final int KEY_TYPE = pos(BackupSchema.USER_KEY_TYPE);
    private static final int KEY_INT = pos(BackupSchema.USER_KEY_INT);
    private static final int KEY_STRING = pos(BackupSchema.USER_KEY_STRING);
    private static final int KEY_BYTES = pos(BackupSchema.USER_KEY_BYTES);
    private static final int GENERATION = pos(BackupSchema.GENERATION);
    private static final int EXPIRES_AT = pos(BackupSchema.EXPIRES_AT);
    private static final int OPERATION = pos(BackupSchema.OPERATION);
    private static final int BINS = pos(BackupSchema.BINS);

    private static final int NAME = binPos(BackupSchema.BIN_NAME);
    private static final int TYPE = binPos(BackupSchema.BIN_TYPE);
    private static final int INT_VALUE = binPos(BackupSchema.INT_VALUE);
    private static final int DOUBLE_VALUE = binPos(BackupSchema.DOUBLE_VALUE);
    private static final int STRING_VALUE = binPos(BackupSchema.STRING_VALUE);
    private static final int BYTES_VALUE = binPos(BackupSchema.BYTES_VALUE);
    private static final int BOOL_VALUE = binPos(BackupSchema.BOOL_VALUE);
    private static final int[] VALUE_COLUMNS = {INT_VALUE, DOUBLE_VALUE, STRING_VALUE, BYTES_VALUE, BOOL_VALUE};

    private BackupRowConverter() {
    }

    public static GenericRecord toRow(BackupRecord record) {
        GenericData.Record row = new GenericData.Record(BackupSchema.ROW);
        row.put(DIGEST, new GenericData.Fixed(BackupSchema.DIGEST_SCHEMA, record.digest()));
        row.put(SET_NAME, record.setName());
        UserKey key = record.userKey();
        if (key != null) {
            row.put(KEY_TYPE, key.particleType());
            Object v = key.value();
            row.put(v instanceof Long ? KEY_INT : v instanceof String ? KEY_STRING : KEY_BYTES,
                    v instanceof byte[] ? ByteBuffer.wrap((byte[]) v) : v);
        }
        row.put(GENERATION, record.generation());
        row.put(EXPIRES_AT, record.voidTime() == 0 ? null
                : Math.addExact(record.voidTime(), BackupSchema.CITRUSLEAF_EPOCH_SECONDS));
        row.put(OPERATION, record.operation().code());
        List<GenericRecord> bins = new ArrayList<>(record.bins().size());
        for (BackupBin bin : record.bins()) {
            bins.add(toBinRow(bin));
        }
        row.put(BINS, bins);
        return row;
    }

    private static GenericRecord toBinRow(BackupBin bin) {
        GenericData.Record row = new GenericData.Record(BackupSchema.BIN);
        row.put(NAME, bin.name());
        row.put(TYPE, bin.particleType());
        Object v = bin.value();
        int type = bin.particleType();
        if (type == ParticleTypes.LIST || type == ParticleTypes.MAP) {
            v = MsgPackCodec.pack(v);
        }
        row.put(valueColumn(type), v instanceof byte[] ? ByteBuffer.wrap((byte[]) v) : v);
        return row;
    }

    /** Reads a row back; an IOException says which rule the row breaks. */
    public static BackupRecord fromRow(GenericRecord row) throws IOException {
        byte[] digest = bytes(row.get(DIGEST));
        if (digest == null || digest.length != BackupRecord.DIGEST_LENGTH) {
            throw new IOException("digest must be 20 bytes, was " + (digest == null ? "null" : digest.length + " bytes"));
        }
        Object generation = row.get(GENERATION);
        if (!(generation instanceof Integer)) {
            throw new IOException("generation must be an int, was " + generation);
        }
        Long expiresAt = (Long) row.get(EXPIRES_AT);
        long voidTime = expiresAt == null ? 0 : Math.subtractExact(expiresAt, BackupSchema.CITRUSLEAF_EPOCH_SECONDS);
        RecordOperation operation;
        try {
            operation = RecordOperation.ofCode(string(row.get(OPERATION)));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        Object binsValue = row.get(BINS);
        List<BackupBin> bins = new ArrayList<>();
        if (binsValue != null) {
            for (Object bin : (List<?>) binsValue) {
                bins.add(fromBinRow((GenericRecord) bin));
            }
        }
        return new BackupRecord(digest, string(row.get(SET_NAME)), userKey(row), (Integer) generation, voidTime,
                operation, bins);
    }

    private static UserKey userKey(GenericRecord row) throws IOException {
        Integer type = (Integer) row.get(KEY_TYPE);
        int column = type == null ? -1
                : type == ParticleTypes.INTEGER ? KEY_INT
                : type == ParticleTypes.STRING ? KEY_STRING
                : type == ParticleTypes.BLOB ? KEY_BYTES : -2;
        if (column == -2) {
            throw new IOException("user_key_type must be 1, 3 or 4, was " + type);
        }
        for (int c : new int[] {KEY_INT, KEY_STRING, KEY_BYTES}) {
            if ((row.get(c) != null) != (c == column)) {
                throw new IOException("user_key_type " + type + " does not match the user key columns set (int "
                        + (row.get(KEY_INT) != null) + ", string " + (row.get(KEY_STRING) != null) + ", bytes "
                        + (row.get(KEY_BYTES) != null) + ")");
            }
        }
        if (type == null) {
            return null;
        }
        Object v = row.get(column);
        return new UserKey(type, v instanceof CharSequence ? v.toString() : v instanceof ByteBuffer ? bytes(v) : v);
    }

    private static BackupBin fromBinRow(GenericRecord bin) throws IOException {
        String name = string(bin.get(NAME));
        int type = (Integer) bin.get(TYPE);
        if (!ParticleTypes.isBinType(type)) {
            throw new IOException("bin '" + name + "' has the unknown particle type " + type);
        }
        int column = valueColumn(type);
        for (int c : VALUE_COLUMNS) {
            if ((bin.get(c) != null) != (c == column)) {
                throw new IOException("bin '" + name + "' of type " + ParticleTypes.name(type) + " must have exactly one"
                        + " value, in " + BackupSchema.BIN.getFields().get(column).name() + "; "
                        + BackupSchema.BIN.getFields().get(c).name() + " is " + (c == column ? "null" : "set"));
            }
        }
        Object v = bin.get(column);
        if (v instanceof CharSequence) {
            v = v.toString();
        } else if (v instanceof ByteBuffer) {
            v = bytes(v);
            if (type == ParticleTypes.LIST || type == ParticleTypes.MAP) {
                try {
                    v = MsgPackCodec.unpack(type, (byte[]) v);
                } catch (IOException e) {
                    throw new IOException("bin '" + name + "': " + e.getMessage(), e);
                }
            }
        }
        return new BackupBin(name, type, v);
    }

    private static int valueColumn(int type) {
        switch (type) {
            case ParticleTypes.INTEGER: return INT_VALUE;
            case ParticleTypes.DOUBLE: return DOUBLE_VALUE;
            case ParticleTypes.STRING: case ParticleTypes.GEOJSON: return STRING_VALUE;
            case ParticleTypes.BOOL: return BOOL_VALUE;
            default: return BYTES_VALUE; // blobs, HLL, LIST, MAP
        }
    }

    private static String string(Object v) {
        return v == null ? null : v.toString();
    }

    private static byte[] bytes(Object v) {
        if (v instanceof GenericFixed) {
            return ((GenericFixed) v).bytes().clone();
        }
        if (v instanceof ByteBuffer) {
            ByteBuffer b = ((ByteBuffer) v).duplicate();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }
        return null;
    }

    private static int pos(String field) {
        return BackupSchema.ROW.getField(field).pos();
    }

    private static int binPos(String field) {
        return BackupSchema.BIN.getField(field).pos();
    }
}
