package io.aerobackup.sink.parquet;

import org.apache.avro.Schema;

/**
 * The Avro schema of one format 1.0 backup row, and so (through parquet-avro) the Parquet schema of
 * format 1.x data files, which this build still reads (it writes 2.0, {@link TypedSchema}). The record
 * column names are shared by both majors. docs/FORMAT.md is the specification; change both together.
 */
public final class BackupSchema {
    /** Parquet key-value metadata key holding the format version "major.minor". */
    public static final String FORMAT_VERSION_KEY = "aerobackup.format.version";
    /** The list-of-bins layout: read, no longer written. */
    public static final int FORMAT_MAJOR = 1;
    public static final int FORMAT_MINOR = 0;
    public static final String FORMAT_VERSION = FORMAT_MAJOR + "." + FORMAT_MINOR;

    /** Void-time 0 of Aerospike (2010-01-01T00:00:00Z) in seconds since the Unix epoch. */
    public static final long CITRUSLEAF_EPOCH_SECONDS = 1262304000L;

    // Row fields, in schema order (the converter uses these positions).
    public static final String DIGEST = "digest";
    public static final String SET_NAME = "set_name";
    public static final String USER_KEY_TYPE = "user_key_type";
    public static final String USER_KEY_INT = "user_key_int";
    public static final String USER_KEY_STRING = "user_key_string";
    public static final String USER_KEY_BYTES = "user_key_bytes";
    public static final String GENERATION = "generation";
    public static final String EXPIRES_AT = "expires_at";
    public static final String OPERATION = "operation";
    public static final String BINS = "bins";

    // Bin fields, in schema order.
    public static final String BIN_NAME = "name";
    public static final String BIN_TYPE = "type";
    public static final String INT_VALUE = "int_value";
    public static final String DOUBLE_VALUE = "double_value";
    public static final String STRING_VALUE = "string_value";
    public static final String BYTES_VALUE = "bytes_value";
    public static final String BOOL_VALUE = "bool_value";

    private static final String JSON = """
            {"type": "record", "name": "BackupRow", "namespace": "io.aerobackup.format.v1",
             "doc": "One Aerospike record version (UPSERT) or deletion (DELETE). See docs/FORMAT.md.",
             "fields": [
              {"name": "digest", "type": {"type": "fixed", "name": "Digest", "size": 20},
               "doc": "RIPEMD-160 digest of set name and user key: the record's identity"},
              {"name": "set_name", "type": ["null", {"type": "string", "avro.java.string": "String"}], "default": null,
               "doc": "set name; null for records in no set"},
              {"name": "user_key_type", "type": ["null", "int"], "default": null,
               "doc": "particle type of the stored user key: 1 INTEGER, 3 STRING, 4 BLOB; null when no key is stored"},
              {"name": "user_key_int", "type": ["null", "long"], "default": null, "doc": "user key when type 1"},
              {"name": "user_key_string", "type": ["null", {"type": "string", "avro.java.string": "String"}],
               "default": null, "doc": "user key when type 3"},
              {"name": "user_key_bytes", "type": ["null", "bytes"], "default": null, "doc": "user key when type 4"},
              {"name": "generation", "type": "int", "doc": "record generation"},
              {"name": "expires_at", "type": ["null", "long"], "default": null,
               "doc": "expiry in seconds since the Unix epoch (void-time + 1262304000); null = never expires"},
              {"name": "operation", "type": {"type": "string", "avro.java.string": "String"},
               "doc": "UPSERT or DELETE"},
              {"name": "bins", "doc": "the record's bins; empty for DELETE rows", "type": {"type": "array", "items":
               {"type": "record", "name": "Bin", "fields": [
                {"name": "name", "type": {"type": "string", "avro.java.string": "String"}},
                {"name": "type", "type": "int", "doc": "Aerospike particle type"},
                {"name": "int_value", "type": ["null", "long"], "default": null, "doc": "INTEGER"},
                {"name": "double_value", "type": ["null", "double"], "default": null, "doc": "DOUBLE"},
                {"name": "string_value", "type": ["null", {"type": "string", "avro.java.string": "String"}],
                 "default": null, "doc": "STRING, GEOJSON"},
                {"name": "bytes_value", "type": ["null", "bytes"], "default": null,
                 "doc": "BLOB and legacy blobs, HLL, LIST and MAP as Aerospike msgpack"},
                {"name": "bool_value", "type": ["null", "boolean"], "default": null, "doc": "BOOL"}
               ]}}}
             ]}
            """;

    /** The schema of a backup row. */
    public static final Schema ROW = new Schema.Parser().parse(JSON);
    /** The schema of one element of {@link #BINS}. */
    public static final Schema BIN = ROW.getField(BINS).schema().getElementType();
    /** The fixed(20) schema of {@link #DIGEST}. */
    public static final Schema DIGEST_SCHEMA = ROW.getField(DIGEST).schema();

    private BackupSchema() {
    }
}
