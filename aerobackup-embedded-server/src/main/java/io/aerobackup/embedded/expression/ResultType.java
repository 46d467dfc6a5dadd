package io.aerobackup.embedded.expression;

/**
 * Static result type of an expression node. The codes are the wire values of the client's
 * {@code Exp.Type} (and the server's {@code result_type}), used by typed bin and key reads.
 */
enum ResultType {
    NIL(0), BOOL(1), INT(2), STRING(3), LIST(4), MAP(5), BLOB(6), FLOAT(7), GEO(8), HLL(9);

    final int code;

    ResultType(int code) {
        this.code = code;
    }

    /** The type for a wire code, or null when the code is not a type at all. */
    static ResultType fromCode(long code) {
        for (ResultType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
