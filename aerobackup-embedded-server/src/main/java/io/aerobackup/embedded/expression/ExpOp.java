package io.aerobackup.embedded.expression;

/**
 * Filter-expression op codes as they appear on the wire (first element of each msgpack array).
 * The numbers are the server's ({@code exp_op_code} in the server's exp.c); they are declared
 * here rather than taken from the client so the server never depends on client internals.
 */
final class ExpOp {
    static final int UNKNOWN = 0;
    static final int EQ = 1;
    static final int NE = 2;
    static final int GT = 3;
    static final int GE = 4;
    static final int LT = 5;
    static final int LE = 6;
    static final int REGEX = 7;
    static final int GEO = 8;
    static final int AND = 16;
    static final int OR = 17;
    static final int NOT = 18;
    static final int EXCLUSIVE = 19;
    static final int ADD = 20;
    static final int SUB = 21;
    static final int MUL = 22;
    static final int DIV = 23;
    static final int POW = 24;
    static final int LOG = 25;
    static final int MOD = 26;
    static final int ABS = 27;
    static final int FLOOR = 28;
    static final int CEIL = 29;
    static final int TO_INT = 30;
    static final int TO_FLOAT = 31;
    static final int INT_AND = 32;
    static final int INT_OR = 33;
    static final int INT_XOR = 34;
    static final int INT_NOT = 35;
    static final int INT_LSHIFT = 36;
    static final int INT_RSHIFT = 37;
    static final int INT_ARSHIFT = 38;
    static final int INT_COUNT = 39;
    static final int INT_LSCAN = 40;
    static final int INT_RSCAN = 41;
    static final int MIN = 50;
    static final int MAX = 51;
    static final int DIGEST_MODULO = 64;
    static final int DEVICE_SIZE = 65;
    static final int LAST_UPDATE = 66;
    static final int SINCE_UPDATE = 67;
    static final int VOID_TIME = 68;
    static final int TTL = 69;
    static final int SET_NAME = 70;
    static final int KEY_EXISTS = 71;
    static final int IS_TOMBSTONE = 72;
    static final int MEMORY_SIZE = 73;
    static final int RECORD_SIZE = 74;
    static final int KEY = 80;
    static final int BIN = 81;
    static final int BIN_TYPE = 82;
    static final int COND = 123;
    static final int VAR = 124;
    static final int LET = 125;
    static final int QUOTED = 126;
    static final int CALL = 127;

    private ExpOp() {
    }

    /** Human-readable name for error messages; "op N" for codes the server does not know either. */
    static String name(long op) {
        switch ((int) Math.max(Math.min(op, Integer.MAX_VALUE), -1)) {
            case UNKNOWN: return "unknown";
            case EQ: return "eq";
            case NE: return "ne";
            case GT: return "gt";
            case GE: return "ge";
            case LT: return "lt";
            case LE: return "le";
            case REGEX: return "regex";
            case GEO: return "geo_compare";
            case AND: return "and";
            case OR: return "or";
            case NOT: return "not";
            case EXCLUSIVE: return "exclusive";
            case ADD: return "add";
            case SUB: return "sub";
            case MUL: return "mul";
            case DIV: return "div";
            case POW: return "pow";
            case LOG: return "log";
            case MOD: return "mod";
            case ABS: return "abs";
            case FLOOR: return "floor";
            case CEIL: return "ceil";
            case TO_INT: return "to_int";
            case TO_FLOAT: return "to_float";
            case INT_AND: return "int_and";
            case INT_OR: return "int_or";
            case INT_XOR: return "int_xor";
            case INT_NOT: return "int_not";
            case INT_LSHIFT: return "int_lshift";
            case INT_RSHIFT: return "int_rshift";
            case INT_ARSHIFT: return "int_arshift";
            case INT_COUNT: return "int_count";
            case INT_LSCAN: return "int_lscan";
            case INT_RSCAN: return "int_rscan";
            case MIN: return "min";
            case MAX: return "max";
            case DIGEST_MODULO: return "digest_modulo";
            case DEVICE_SIZE: return "device_size";
            case LAST_UPDATE: return "last_update";
            case SINCE_UPDATE: return "since_update";
            case VOID_TIME: return "void_time";
            case TTL: return "ttl";
            case SET_NAME: return "set_name";
            case KEY_EXISTS: return "key_exists";
            case IS_TOMBSTONE: return "is_tombstone";
            case MEMORY_SIZE: return "memory_size";
            case RECORD_SIZE: return "record_size";
            case KEY: return "key";
            case BIN: return "bin";
            case BIN_TYPE: return "bin_type";
            case COND: return "cond";
            case VAR: return "var";
            case LET: return "let";
            case QUOTED: return "quoted list";
            case CALL: return "call (CDT/bit/HLL)";
            default: return "op " + op;
        }
    }

    /** Op codes the real server accepts but this server deliberately does not evaluate. */
    static boolean isKnownButUnsupported(long op) {
        return op == REGEX || op == GEO || (op >= POW && op <= INT_RSCAN) || op == MIN || op == MAX
                || op == QUOTED || op == CALL;
    }
}
