package io.aerobackup.embedded.expression;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decoded Aerospike filter expression (the FILTER_EXP field, type 43): decoded and type-checked
 * once, then evaluated against any number of records, from any number of threads.
 *
 * <p>Evaluation uses the server's three-valued logic: a value that is not available (missing bin,
 * bin or key of another type, no stored key) is UNKNOWN; comparisons with UNKNOWN are UNKNOWN;
 * {@code not} keeps UNKNOWN; {@code and} is FALSE if any operand is FALSE, {@code or} is TRUE if any
 * operand is TRUE, otherwise either is UNKNOWN when an operand is. The record matches only when the
 * whole expression is TRUE - UNKNOWN filters the record out, as on the real server.
 */
public final class FilterExpression {
    private static final Logger LOG = LoggerFactory.getLogger(FilterExpression.class);

    private final ExpNode root;
    private final int varSlots;

    FilterExpression(ExpNode root, int varSlots) {
        this.root = root;
        this.varSlots = varSlots;
    }

    /**
     * Decodes the msgpack bytes a client built with {@code Exp.build(...)}.
     *
     * @throws ExpressionException (result code PARAMETER_ERROR) for malformed or truncated bytes,
     *         trailing bytes, type errors, a non-boolean result, or ops this server does not evaluate
     */
    public static FilterExpression decode(byte[] packed) {
        try {
            return ExpressionDecoder.decodeFilter(packed);
        } catch (ExpressionException e) {
            LOG.warn("Refusing filter expression ({} bytes): {}", packed == null ? 0 : packed.length, e.getMessage());
            throw e;
        }
    }

    /** True when the expression evaluates to TRUE for this record at time {@code nowMillis} (Unix epoch ms). */
    public boolean matches(RecordView record, long nowMillis) {
        Object result = root.eval(new EvalContext(record, nowMillis, varSlots));
        return Boolean.TRUE.equals(result);
    }
}
