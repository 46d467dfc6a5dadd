package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BackupRecord} as a format 2.0 row ({@link TypedSchema}) straight from particle
 * bytes: longs and doubles are read from their 8 bytes, byte values are handed over uncopied, and
 * LIST/MAP msgpack is written as the server sent it. No Java object is made per value.
 */
final class TypedWriteSupport extends WriteSupport<BackupRecord> {
    private static final int DIGEST = 0;
    private static final int SET_NAME = 1;
    private static final int KEY_TYPE = 2;
    private static final int KEY_INT = 3;
    private static final int KEY_STRING = 4;
    private static final int KEY_BYTES = 5;
    private static final int GENERATION = 6;
    private static final int EXPIRES_AT = 7;
    private static final int OPERATION = 8;
    private static final Binary[] OPERATIONS = operations();
    /** Set names repeat on almost every row; past this many distinct ones, stop caching. */
    private static final int NAME_CACHE_LIMIT = 4096;

    private final BinColumns columns;
    private final MessageType schema;
    private final Map<String, String> metadata;
    private final String[] fieldNames;
    private final int fallbackIndex;
    private final List<BackupBin> fallback = new ArrayList<>();
    private final Map<String, Binary> names = new HashMap<>();
    /** The column of the bin at each position of the previous rows; -1 for none. */
    private final int[] lastColumns = new int[64];
    private RecordConsumer consumer;

    TypedWriteSupport(BinColumns columns) {
        this.columns = columns;
        this.schema = TypedSchema.schema(columns);
        this.metadata = Map.of(BackupSchema.FORMAT_VERSION_KEY, TypedSchema.FORMAT_VERSION,
                TypedSchema.BIN_COLUMNS_KEY, columns.metadataValue());
        this.fieldNames = schema.getFields().stream().map(f -> f.getName()).toArray(String[]::new);
        this.fallbackIndex = fieldNames.length - 1;
        java.util.Arrays.fill(lastColumns, -1);
    }

    MessageType schema() {
        return schema;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, metadata);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, metadata);
    }

    @Override
    public String getName() {
        return "aerobackup";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(BackupRecord record) {
        checkBins(record); // before the row starts: a half-written row would break the file
        consumer.startMessage();
        binary(DIGEST, Binary.fromConstantByteArray(record.digest()));
        if (record.setName() != null) {
            binary(SET_NAME, name(record.setName()));
        }
        UserKey key = record.userKey();
        if (key != null) {
            start(KEY_TYPE);
            consumer.addInteger(key.particleType());
            end(KEY_TYPE);
            Object v = key.value();
            if (v instanceof Long) {
                start(KEY_INT);
                consumer.addLong((Long) v);
                end(KEY_INT);
            } else if (v instanceof String) {
                binary(KEY_STRING, Binary.fromConstantByteArray(((String) v).getBytes(StandardCharsets.UTF_8)));
            } else {
                binary(KEY_BYTES, Binary.fromConstantByteArray((byte[]) v));
            }
        }
        start(GENERATION);
        consumer.addInteger(record.generation());
        end(GENERATION);
        if (record.voidTime() != 0) {
            start(EXPIRES_AT);
            consumer.addLong(Math.addExact(record.voidTime(), BackupSchema.CITRUSLEAF_EPOCH_SECONDS));
            end(EXPIRES_AT);
        }
        binary(OPERATION, OPERATIONS[record.operation().ordinal()]);
        writeBins(record.bins());
        consumer.endMessage();
    }

    /** Typed bins in place (the column writers do not care about field order); the others into the fallback. */
    private void writeBins(List<BackupBin> bins) {
        fallback.clear();
        for (int i = 0, n = bins.size(); i < n; i++) {
            BackupBin bin = bins.get(i);
            int column = column(i, bin.name());
            byte[] p = bin.particle();
            if (column < 0 || columns.type(column) != bin.particleType() || isNanWithPayload(bin.particleType(), p)) {
                fallback.add(bin);
                continue;
            }
            int field = TypedSchema.RECORD_FIELDS + column;
            start(field);
            switch (bin.particleType()) {
                case ParticleTypes.INTEGER -> consumer.addLong(Particles.toLong(p));
                case ParticleTypes.DOUBLE -> consumer.addDouble(Double.longBitsToDouble(Particles.toLong(p)));
                case ParticleTypes.BOOL -> consumer.addBoolean(p[0] != 0);
                default -> consumer.addBinary(Binary.fromConstantByteArray(p));
            }
            end(field);
        }
        if (!fallback.isEmpty()) {
            writeFallback();
        }
    }

    /**
     * The column of a bin name. Records of a set mostly list their bins in the same order, so the
     * column found at the same position last time is tried first: no hashing of a new name string.
     */
    private int column(int position, String name) {
        if (position < lastColumns.length) {
            int guess = lastColumns[position];
            if (guess >= 0 && columns.name(guess).equals(name)) {
                return guess;
            }
            int found = columns.indexOf(name);
            lastColumns[position] = found;
            return found;
        }
        return columns.indexOf(name);
    }

    /**
     * Parquet writes doubles through Double.doubleToLongBits, which turns every NaN into the
     * canonical one; a NaN with other bits keeps them only as fallback particle bytes.
     */
    private static boolean isNanWithPayload(int type, byte[] particle) {
        if (type != ParticleTypes.DOUBLE) {
            return false;
        }
        long bits = Particles.toLong(particle);
        return Double.doubleToLongBits(Double.longBitsToDouble(bits)) != bits;
    }

    /** aerobackup_other_bins (LIST) → list → element {name, type, particle}. */
    private void writeFallback() {
        start(fallbackIndex);
        consumer.startGroup();
        consumer.startField("list", 0);
        for (BackupBin bin : fallback) {
            consumer.startGroup();
            consumer.startField("element", 0);
            consumer.startGroup();
            consumer.startField(TypedSchema.FALLBACK_NAME, 0);
            consumer.addBinary(name(bin.name()));
            consumer.endField(TypedSchema.FALLBACK_NAME, 0);
            consumer.startField(TypedSchema.FALLBACK_TYPE, 1);
            consumer.addInteger(bin.particleType());
            consumer.endField(TypedSchema.FALLBACK_TYPE, 1);
            consumer.startField(TypedSchema.FALLBACK_PARTICLE, 2);
            consumer.addBinary(Binary.fromConstantByteArray(bin.particle()));
            consumer.endField(TypedSchema.FALLBACK_PARTICLE, 2);
            consumer.endGroup();
            consumer.endField("element", 0);
            consumer.endGroup();
        }
        consumer.endField("list", 0);
        consumer.endGroup();
        end(fallbackIndex);
    }

    /**
     * Server particles are taken unchecked (BackupBin.ofServerParticle); a file must never hold one
     * its reader would refuse, so fixed widths and msgpack framing are checked here, without decoding.
     */
    private static void checkBins(BackupRecord record) {
        List<BackupBin> bins = record.bins();
        for (int i = 0, n = bins.size(); i < n; i++) {
            BackupBin bin = bins.get(i);
            int type = bin.particleType();
            byte[] p = bin.particle();
            boolean ok = switch (type) {
                case ParticleTypes.INTEGER, ParticleTypes.DOUBLE -> p.length == 8;
                case ParticleTypes.BOOL -> p.length == 1 && (p[0] & 0xFF) <= 1;
                default -> true;
            };
            try {
                if (!ok) {
                    throw new IOException("a " + ParticleTypes.name(type) + " particle of " + p.length + " bytes");
                }
                if (type == ParticleTypes.LIST || type == ParticleTypes.MAP) {
                    Particles.check(type, p);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("record " + record.digestHex() + ", bin '" + bin.name()
                        + "' cannot be backed up: " + e.getMessage(), e);
            }
        }
    }

    private void start(int field) {
        consumer.startField(fieldNames[field], field);
    }

    private void end(int field) {
        consumer.endField(fieldNames[field], field);
    }

    private void binary(int field, Binary value) {
        start(field);
        consumer.addBinary(value);
        end(field);
    }

    /** A cached encoding: constant Binaries are safe to share, Parquet never writes into them. */
    private Binary name(String name) {
        Binary cached = names.get(name);
        if (cached == null) {
            cached = Binary.fromConstantByteArray(name.getBytes(StandardCharsets.UTF_8));
            if (names.size() < NAME_CACHE_LIMIT) {
                names.put(name, cached);
            }
        }
        return cached;
    }

    private static Binary[] operations() {
        RecordOperation[] ops = RecordOperation.values();
        Binary[] out = new Binary[ops.length];
        for (RecordOperation op : ops) {
            out[op.ordinal()] = Binary.fromConstantByteArray(op.code().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
