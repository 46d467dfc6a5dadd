package io.aerobackup.embedded.protocol;

/** Constants of Aerospike's wire protocol (version 2) that the embedded server speaks. */
public final class Proto {
    public static final int VERSION = 2;
    public static final int TYPE_INFO = 1;
    public static final int TYPE_ADMIN = 2;
    public static final int TYPE_MSG = 3;
    public static final int TYPE_COMPRESSED = 4;
    public static final int HEADER_SIZE = 8;
    public static final int MSG_HEADER_SIZE = 22;
    /** The real server refuses protocol bodies larger than this. */
    public static final long MAX_BODY_SIZE = 128L * 1024 * 1024;

    public static final int INFO1_READ = 1;
    public static final int INFO1_GET_ALL = 1 << 1;
    public static final int INFO1_SHORT_QUERY = 1 << 2;
    public static final int INFO1_BATCH = 1 << 3;
    public static final int INFO1_XDR = 1 << 4;
    public static final int INFO1_NOBINDATA = 1 << 5;
    public static final int INFO1_READ_MODE_AP_ALL = 1 << 6;
    public static final int INFO1_COMPRESS_RESPONSE = 1 << 7;

    public static final int INFO2_WRITE = 1;
    public static final int INFO2_DELETE = 1 << 1;
    public static final int INFO2_GENERATION = 1 << 2;
    public static final int INFO2_GENERATION_GT = 1 << 3;
    public static final int INFO2_DURABLE_DELETE = 1 << 4;
    public static final int INFO2_CREATE_ONLY = 1 << 5;
    public static final int INFO2_RELAX_AP_LONG_QUERY = 1 << 6;
    public static final int INFO2_RESPOND_ALL_OPS = 1 << 7;

    public static final int INFO3_LAST = 1;
    public static final int INFO3_COMMIT_MASTER = 1 << 1;
    public static final int INFO3_PARTITION_DONE = 1 << 2;
    public static final int INFO3_UPDATE_ONLY = 1 << 3;
    public static final int INFO3_CREATE_OR_REPLACE = 1 << 4;
    public static final int INFO3_REPLACE_ONLY = 1 << 5;

    public static final int FIELD_NAMESPACE = 0;
    public static final int FIELD_SET = 1;
    public static final int FIELD_KEY = 2;
    public static final int FIELD_RECORD_VERSION = 3;
    public static final int FIELD_DIGEST = 4;
    public static final int FIELD_TXN_ID = 5;
    public static final int FIELD_TXN_DEADLINE = 6;
    public static final int FIELD_QUERY_ID = 7;
    public static final int FIELD_SOCKET_TIMEOUT = 9;
    public static final int FIELD_RECORDS_PER_SECOND = 10;
    public static final int FIELD_PID_ARRAY = 11;
    public static final int FIELD_DIGEST_ARRAY = 12;
    public static final int FIELD_MAX_RECORDS = 13;
    public static final int FIELD_BVAL_ARRAY = 15;
    public static final int FIELD_INDEX_NAME = 21;
    public static final int FIELD_INDEX_RANGE = 22;
    public static final int FIELD_INDEX_CONTEXT = 23;
    public static final int FIELD_INDEX_EXPRESSION = 24;
    public static final int FIELD_INDEX_TYPE = 26;
    public static final int FIELD_UDF_PACKAGE_NAME = 30;
    public static final int FIELD_UDF_FUNCTION = 31;
    public static final int FIELD_UDF_ARGLIST = 32;
    public static final int FIELD_UDF_OP = 33;
    public static final int FIELD_QUERY_BINLIST = 40;
    public static final int FIELD_BATCH_INDEX = 41;
    public static final int FIELD_BATCH_INDEX_WITH_SET = 42;
    public static final int FIELD_FILTER_EXP = 43;
    /** Fields are kept in arrays indexed by type; no known type is larger. */
    public static final int FIELD_TYPES = FIELD_FILTER_EXP + 1;

    public static final int OP_READ = 1;
    public static final int OP_WRITE = 2;
    public static final int OP_CDT_READ = 3;
    public static final int OP_CDT_MODIFY = 4;
    public static final int OP_ADD = 5;
    public static final int OP_EXP_READ = 7;
    public static final int OP_EXP_MODIFY = 8;
    public static final int OP_APPEND = 9;
    public static final int OP_PREPEND = 10;
    public static final int OP_TOUCH = 11;
    public static final int OP_BIT_READ = 12;
    public static final int OP_BIT_MODIFY = 13;
    public static final int OP_DELETE = 14;
    public static final int OP_HLL_READ = 15;
    public static final int OP_HLL_MODIFY = 16;

    public static final int BATCH_MSG_READ = 0;
    public static final int BATCH_MSG_REPEAT = 1;
    public static final int BATCH_MSG_INFO = 2;
    public static final int BATCH_MSG_GEN = 4;
    public static final int BATCH_MSG_TTL = 8;
    public static final int BATCH_MSG_INFO4 = 0x10;

    private Proto() {
    }
}
