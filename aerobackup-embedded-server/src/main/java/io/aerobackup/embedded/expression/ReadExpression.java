package io.aerobackup.embedded.expression;

import io.aerobackup.embedded.storage.Particle;
import java.nio.ByteBuffer;

/**
 * An expression read ({@code ExpOperation.read}, op type 7): an expression evaluated against a
 * record whose value comes back as a bin named as the operation. Integer, float, boolean, string
 * and blob results are returned; other result types are refused when decoded (UNSUPPORTED_FEATURE
 * is not needed: the decoder reports PARAMETER_ERROR as for a filter). An unknown result (a
 * missing bin) comes back as a nil bin.
 */
public final class ReadExpression {
    private final ExpNode root;
    private final int varSlots;

    ReadExpression(ExpNode root, int varSlots) {
        switch (root.type()) {
            case INT: case FLOAT: case BOOL: case STRING: case BLOB:
                break;
            default:
                throw new ExpressionException("this server reads int, float, bool, string and blob expression"
                        + " results, not " + root.type().label());
        }
        this.root = root;
        this.varSlots = varSlots;
    }

    /** Decodes an expression read's operand, the blob {@code [expression bytes, flags]}. */
    public static ReadExpression decode(byte[] operand) {
        return ExpressionDecoder.decodeRead(operand);
    }

    /** The value for this record at {@code nowMillis} (Unix epoch ms), as a bin particle. */
    public Particle eval(RecordView record, long nowMillis) {
        Object value = root.eval(new EvalContext(record, nowMillis, varSlots));
        if (value == null) {
            return new Particle(Particle.NULL, new byte[0]);
        }
        switch (root.type()) {
            case INT:
                return new Particle(Particle.INTEGER, ByteBuffer.allocate(8).putLong((Long) value).array());
            case FLOAT:
                return new Particle(Particle.DOUBLE, ByteBuffer.allocate(8).putDouble((Double) value).array());
            case BOOL:
                return new Particle(Particle.BOOL, new byte[] {(byte) (Boolean.TRUE.equals(value) ? 1 : 0)});
            case STRING:
                return new Particle(Particle.STRING, (byte[]) value);
            default:
                return new Particle(Particle.BLOB, (byte[]) value);
        }
    }
}
