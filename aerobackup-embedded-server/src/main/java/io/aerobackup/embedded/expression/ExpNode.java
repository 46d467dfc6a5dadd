package io.aerobackup.embedded.expression;

/**
 * One decoded, type-checked expression node. Nodes are immutable and shared between threads;
 * all per-evaluation state lives in the {@link EvalContext}.
 *
 * <p>{@link #eval} returns, according to {@link #type()}: {@code Boolean} (BOOL), {@code Long}
 * (INT), {@code Double} (FLOAT), {@code byte[]} (STRING as UTF-8, BLOB raw), {@link Values#NIL}
 * (NIL) - or {@link Values#UNKNOWN} whatever the type, when a value is not available (missing
 * bin, bin of another type, no stored key, integer division by zero).
 */
interface ExpNode {
    ResultType type();

    Object eval(EvalContext ctx);
}
