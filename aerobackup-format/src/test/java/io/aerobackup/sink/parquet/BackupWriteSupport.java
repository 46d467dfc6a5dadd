package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.MsgPackCodec;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The format 1.0 writer, kept in test scope since the product writes 2.0: it makes the 1.0 files
 * the compatibility tests read and the benchmark's 1.0 baseline. Writes a {@link BackupRecord}
 * straight to Parquet's {@link RecordConsumer} as a 1.0 row of docs/FORMAT.md. It replaced {@code BackupRowConverter.toRow} plus parquet-avro's AvroWriteSupport
 * on the write path, which built an Avro record per row and dispatched on its schema per value.
 * Schema, values and key-value metadata are exactly what the Avro path writes, so the files are
 * the same bytes (ParquetWriteSupportEquivalenceTest checks this).
 */
public final class BackupWriteSupport extends WriteSupport<BackupRecord> {
    /** The Parquet schema parquet-avro derives from {@link BackupSchema#ROW}, 3-level LIST layout. */
    public static final MessageType SCHEMA = avroConverted();

    private static final GroupType BINS_TYPE = SCHEMA.getType(BackupSchema.BINS).asGroupType();
    private static final GroupType LIST_TYPE = BINS_TYPE.getType(0).asGroupType();
    private static final GroupType BIN_TYPE = LIST_TYPE.getType(0).asGroupType();
    private static final String LIST = LIST_TYPE.getName();
    private static final String ELEMENT = BIN_TYPE.getName();

    private static final int DIGEST = SCHEMA.getFieldIndex(BackupSchema.DIGEST);
    private static final int SET_NAME = SCHEMA.getFieldIndex(BackupSchema.SET_NAME);
    private static final int KEY_TYPE = SCHEMA.getFieldIndex(BackupSchema.USER_KEY_TYPE);
    private static final int KEY_INT = SCHEMA.getFieldIndex(BackupSchema.USER_KEY_INT);
    private static final int KEY_STRING = SCHEMA.getFieldIndex(BackupSchema.USER_KEY_STRING);
    private static final int KEY_BYTES = SCHEMA.getFieldIndex(BackupSchema.USER_KEY_BYTES);
    private static final int GENERATION = SCHEMA.getFieldIndex(BackupSchema.GENERATION);
    private static final int EXPIRES_AT = SCHEMA.getFieldIndex(BackupSchema.EXPIRES_AT);
    private static final int OPERATION = SCHEMA.getFieldIndex(BackupSchema.OPERATION);
    private static final int BINS = SCHEMA.getFieldIndex(BackupSchema.BINS);

    private static final int NAME = BIN_TYPE.getFieldIndex(BackupSchema.BIN_NAME);
    private static final int TYPE = BIN_TYPE.getFieldIndex(BackupSchema.BIN_TYPE);
    private static final int INT_VALUE = BIN_TYPE.getFieldIndex(BackupSchema.INT_VALUE);
    private static final int DOUBLE_VALUE = BIN_TYPE.getFieldIndex(BackupSchema.DOUBLE_VALUE);
    private static final int STRING_VALUE = BIN_TYPE.getFieldIndex(BackupSchema.STRING_VALUE);
    private static final int BYTES_VALUE = BIN_TYPE.getFieldIndex(BackupSchema.BYTES_VALUE);
    private static final int BOOL_VALUE = BIN_TYPE.getFieldIndex(BackupSchema.BOOL_VALUE);

    /** "UPSERT"/"DELETE" in UTF-8, by ordinal: every row writes one. */
    private static final Binary[] OPERATIONS = operations();

    /** Bin and set names repeat on almost every row; past this many distinct ones, stop caching. */
    private static final int NAME_CACHE_LIMIT = 4096;

    /** parquet-avro's key for the Avro schema of the rows (its constant is package-private). */
    static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";
    /** Same metadata as AvroWriteSupport (docs/FORMAT.md mentions parquet.avro.schema). */
    private static final Map<String, String> METADATA = Map.of(AVRO_SCHEMA_KEY, BackupSchema.ROW.toString());

    private final Map<String, Binary> names = new HashMap<>();
    private RecordConsumer consumer;

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(SCHEMA, METADATA);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(SCHEMA, METADATA);
    }

    /** "avro", as before, so writer.model.name in the footer stays what the Avro path wrote. */
    @Override
    public String getName() {
        return "avro";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(BackupRecord record) {
        // Field order and null handling as AvroWriteSupport: a null optional field is not started.
        consumer.startMessage();
        binary(BackupSchema.DIGEST, DIGEST, Binary.fromConstantByteArray(record.digest()));
        if (record.setName() != null) {
            binary(BackupSchema.SET_NAME, SET_NAME, name(record.setName()));
        }
        UserKey key = record.userKey();
        if (key != null) {
            integer(BackupSchema.USER_KEY_TYPE, KEY_TYPE, key.particleType());
            Object v = key.value();
            if (v instanceof Long) {
                int64(BackupSchema.USER_KEY_INT, KEY_INT, (Long) v);
            } else if (v instanceof String) {
                binary(BackupSchema.USER_KEY_STRING, KEY_STRING, utf8((String) v));
            } else {
                binary(BackupSchema.USER_KEY_BYTES, KEY_BYTES, Binary.fromConstantByteArray((byte[]) v));
            }
        }
        integer(BackupSchema.GENERATION, GENERATION, record.generation());
        if (record.voidTime() != 0) {
            int64(BackupSchema.EXPIRES_AT, EXPIRES_AT,
                    Math.addExact(record.voidTime(), BackupSchema.CITRUSLEAF_EPOCH_SECONDS));
        }
        binary(BackupSchema.OPERATION, OPERATION, OPERATIONS[record.operation().ordinal()]);
        writeBins(record.bins());
        consumer.endMessage();
    }

    /** bins (LIST) → repeated group list → required group element; an empty list has no "list" field. */
    private void writeBins(List<BackupBin> bins) {
        consumer.startField(BackupSchema.BINS, BINS);
        consumer.startGroup();
        if (!bins.isEmpty()) {
            consumer.startField(LIST, 0);
            for (int i = 0, n = bins.size(); i < n; i++) {
                consumer.startGroup();
                consumer.startField(ELEMENT, 0);
                consumer.startGroup();
                writeBin(bins.get(i));
                consumer.endGroup();
                consumer.endField(ELEMENT, 0);
                consumer.endGroup();
            }
            consumer.endField(LIST, 0);
        }
        consumer.endGroup();
        consumer.endField(BackupSchema.BINS, BINS);
    }

    /** One value column per type, as BackupRowConverter.valueColumn assigns them. */
    private void writeBin(BackupBin bin) {
        binary(BackupSchema.BIN_NAME, NAME, name(bin.name()));
        int type = bin.particleType();
        integer(BackupSchema.BIN_TYPE, TYPE, type);
        Object v = bin.value();
        switch (type) {
            case ParticleTypes.INTEGER:
                int64(BackupSchema.INT_VALUE, INT_VALUE, (Long) v);
                break;
            case ParticleTypes.DOUBLE:
                consumer.startField(BackupSchema.DOUBLE_VALUE, DOUBLE_VALUE);
                consumer.addDouble((Double) v);
                consumer.endField(BackupSchema.DOUBLE_VALUE, DOUBLE_VALUE);
                break;
            case ParticleTypes.STRING:
            case ParticleTypes.GEOJSON:
                binary(BackupSchema.STRING_VALUE, STRING_VALUE, utf8((String) v));
                break;
            case ParticleTypes.BOOL:
                consumer.startField(BackupSchema.BOOL_VALUE, BOOL_VALUE);
                consumer.addBoolean((Boolean) v);
                consumer.endField(BackupSchema.BOOL_VALUE, BOOL_VALUE);
                break;
            case ParticleTypes.LIST:
            case ParticleTypes.MAP:
                binary(BackupSchema.BYTES_VALUE, BYTES_VALUE, Binary.fromConstantByteArray(MsgPackCodec.pack(v)));
                break;
            default: // blobs and HLL
                binary(BackupSchema.BYTES_VALUE, BYTES_VALUE, Binary.fromConstantByteArray((byte[]) v));
        }
    }

    private void binary(String field, int index, Binary value) {
        consumer.startField(field, index);
        consumer.addBinary(value);
        consumer.endField(field, index);
    }

    private void integer(String field, int index, int value) {
        consumer.startField(field, index);
        consumer.addInteger(value);
        consumer.endField(field, index);
    }

    private void int64(String field, int index, long value) {
        consumer.startField(field, index);
        consumer.addLong(value);
        consumer.endField(field, index);
    }

    /** A cached encoding: constant Binaries are safe to share, Parquet never writes into them. */
    private Binary name(String name) {
        Binary cached = names.get(name);
        if (cached == null) {
            cached = utf8(name);
            if (names.size() < NAME_CACHE_LIMIT) {
                names.put(name, cached);
            }
        }
        return cached;
    }

    /**
     * String.getBytes, as parquet-avro's Binary.fromString does, so the bytes are identical. The
     * array is ours and never changes, so Parquet may keep it (dictionary, statistics) uncopied.
     */
    private static Binary utf8(String s) {
        return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Binary[] operations() {
        RecordOperation[] ops = RecordOperation.values();
        Binary[] out = new Binary[ops.length];
        for (RecordOperation op : ops) {
            out[op.ordinal()] = utf8(op.code());
        }
        return out;
    }

    private static MessageType avroConverted() {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // The standard 3-level LIST layout; parquet-avro's default is the old 2-level one.
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return new AvroSchemaConverter(conf).convert(BackupSchema.ROW);
    }
}
