package io.aerobackup.embedded.expression;

/** A filter expression the server cannot decode or evaluate; answered with its result code. */
public final class ExpressionException extends RuntimeException {
    /** Aerospike's PARAMETER_ERROR: what the real server answers for a malformed or unsupported expression. */
    public static final int PARAMETER_ERROR = 4;

    private final int resultCode;

    public ExpressionException(String message) {
        this(PARAMETER_ERROR, message);
    }

    public ExpressionException(int resultCode, String message) {
        super(message);
        this.resultCode = resultCode;
    }

    public int resultCode() {
        return resultCode;
    }
}
