package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Parquet schema of a format 2.0 data file: the record columns of 1.0, then one optional typed
 * column per bin of {@link BinColumns}, then the fallback list of (name, type, particle) for bins
 * without a column. docs/FORMAT.md is the specification; change both together.
 */
public final class TypedSchema {
    public static final int FORMAT_MAJOR = 2;
    public static final int FORMAT_MINOR = 0;
    public static final String FORMAT_VERSION = FORMAT_MAJOR + "." + FORMAT_MINOR;
    /** Key-value metadata: the bin columns and their particle types, "name:type,name:type" in schema order. */
    public static final String BIN_COLUMNS_KEY = "aerobackup.bin.columns";

    /** Longer than Aerospike's 15-byte bin names, so no bin column can ever take this name. */
    public static final String FALLBACK = "aerobackup_other_bins";
    public static final String FALLBACK_NAME = "name";
    public static final String FALLBACK_TYPE = "type";
    public static final String FALLBACK_PARTICLE = "particle";

    /** The record columns, first in every file: the same names and types as in 1.0. */
    static final List<Type> RECORD_COLUMNS = List.of(
            Types.required(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(BackupRecord.DIGEST_LENGTH)
                    .named(BackupSchema.DIGEST),
            string(Type.Repetition.OPTIONAL, BackupSchema.SET_NAME),
            Types.optional(PrimitiveTypeName.INT32).named(BackupSchema.USER_KEY_TYPE),
            Types.optional(PrimitiveTypeName.INT64).named(BackupSchema.USER_KEY_INT),
            string(Type.Repetition.OPTIONAL, BackupSchema.USER_KEY_STRING),
            Types.optional(PrimitiveTypeName.BINARY).named(BackupSchema.USER_KEY_BYTES),
            Types.required(PrimitiveTypeName.INT32).named(BackupSchema.GENERATION),
            Types.optional(PrimitiveTypeName.INT64).named(BackupSchema.EXPIRES_AT),
            string(Type.Repetition.REQUIRED, BackupSchema.OPERATION));
    static final int RECORD_FIELDS = RECORD_COLUMNS.size();

    /** optional group aerobackup_other_bins (LIST) { repeated group list { required group element {...} } } */
    static final Type FALLBACK_COLUMN = Types.optionalGroup().as(LogicalTypeAnnotation.listType())
            .addField(Types.repeatedGroup()
                    .addField(Types.requiredGroup()
                            .addField(string(Type.Repetition.REQUIRED, FALLBACK_NAME))
                            .addField(Types.required(PrimitiveTypeName.INT32).named(FALLBACK_TYPE))
                            .addField(Types.required(PrimitiveTypeName.BINARY).named(FALLBACK_PARTICLE))
                            .named("element"))
                    .named("list"))
            .named(FALLBACK);

    private static final String MESSAGE = "io.aerobackup.format.v2.BackupRow";

    private TypedSchema() {
    }

    /** The schema of a file with these bin columns. */
    public static MessageType schema(BinColumns columns) {
        List<Type> fields = new ArrayList<>(RECORD_COLUMNS);
        for (int i = 0; i < columns.size(); i++) {
            fields.add(binColumn(columns.name(i), columns.type(i)));
        }
        fields.add(FALLBACK_COLUMN);
        return new MessageType(MESSAGE, fields);
    }

    /** The column a bin of this particle type gets: the value's natural Parquet type. */
    static PrimitiveType binColumn(String name, int particleType) {
        switch (particleType) {
            case ParticleTypes.INTEGER: return Types.optional(PrimitiveTypeName.INT64).named(name);
            case ParticleTypes.DOUBLE: return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case ParticleTypes.BOOL: return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case ParticleTypes.STRING:
            case ParticleTypes.GEOJSON: return string(Type.Repetition.OPTIONAL, name);
            default: return Types.optional(PrimitiveTypeName.BINARY).named(name); // blobs, HLL, msgpack
        }
    }

    /**
     * What a reader asks for: the record columns, the bin columns the metadata lists and the
     * fallback, in that order, each checked against the file. Other columns (a newer minor's) are skipped.
     */
    static MessageType requested(MessageType file, BinColumns columns, String path) throws IOException {
        List<Type> fields = new ArrayList<>();
        for (Type expected : RECORD_COLUMNS) {
            fields.add(checked(file, expected, path));
        }
        for (int i = 0; i < columns.size(); i++) {
            fields.add(checked(file, binColumn(columns.name(i), columns.type(i)), path));
        }
        fields.add(checked(file, FALLBACK_COLUMN, path));
        return new MessageType(MESSAGE, fields);
    }

    private static Type checked(MessageType file, Type expected, String path) throws IOException {
        if (!file.containsField(expected.getName())) {
            throw new IOException("backup file " + path + " (format 2) has no column " + expected.getName());
        }
        Type actual = file.getType(expected.getName());
        if (!actual.equals(expected)) {
            throw new IOException("backup file " + path + " has column " + actual + ", but format 2 needs " + expected);
        }
        return actual;
    }

    private static PrimitiveType string(Type.Repetition repetition, String name) {
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
    }
}
