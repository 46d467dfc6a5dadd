package io.aerobackup.embedded.expression;

/** A literal from the wire: nil, bool, int, float, string or blob. */
final class ConstantNode implements ExpNode {
    private final ResultType type;
    private final Object value;

    private ConstantNode(ResultType type, Object value) {
        this.type = type;
        this.value = value;
    }

    static ConstantNode nil() {
        return new ConstantNode(ResultType.NIL, Values.NIL);
    }

    static ConstantNode of(boolean value) {
        return new ConstantNode(ResultType.BOOL, value);
    }

    static ConstantNode of(long value) {
        return new ConstantNode(ResultType.INT, value);
    }

    static ConstantNode of(double value) {
        return new ConstantNode(ResultType.FLOAT, value);
    }

    /** A STRING (UTF-8) or BLOB value; the array is owned by the node and never handed out for writing. */
    static ConstantNode bytes(ResultType type, byte[] value) {
        return new ConstantNode(type, value);
    }

    @Override
    public ResultType type() {
        return type;
    }

    @Override
    public Object eval(EvalContext ctx) {
        return value;
    }
}
