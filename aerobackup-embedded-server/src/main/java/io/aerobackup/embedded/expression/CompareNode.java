package io.aerobackup.embedded.expression;

import java.util.Arrays;

/**
 * eq/ne/gt/ge/lt/le. Both sides have the same static type (the decoder refuses mixed types,
 * as the real server does: an int is never compared with a float). An UNKNOWN side makes the
 * comparison UNKNOWN. Strings and blobs compare as unsigned bytes, then by length (memcmp order);
 * floats use IEEE comparisons, so NaN is only "ne" to anything; false sorts before true; nil
 * equals nil.
 */
final class CompareNode implements ExpNode {
    private final int op;
    private final ExpNode left;
    private final ExpNode right;

    CompareNode(int op, ExpNode left, ExpNode right) {
        this.op = op;
        this.left = left;
        this.right = right;
    }

    @Override
    public ResultType type() {
        return ResultType.BOOL;
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object l = left.eval(ctx);
        if (Values.isUnknown(l)) {
            return l;
        }
        Object r = right.eval(ctx);
        if (Values.isUnknown(r)) {
            return r;
        }
        if (l instanceof Double) {
            return compareDoubles((Double) l, (Double) r);
        }
        return fromOrder(order(l, r));
    }

    private static int order(Object l, Object r) {
        if (l == Values.NIL) {
            return 0;
        }
        if (l instanceof Boolean) {
            return Boolean.compare((Boolean) l, (Boolean) r);
        }
        if (l instanceof Long) {
            return Long.compare((Long) l, (Long) r);
        }
        return Arrays.compareUnsigned((byte[]) l, (byte[]) r);
    }

    private Boolean fromOrder(int cmp) {
        switch (op) {
            case ExpOp.EQ: return cmp == 0;
            case ExpOp.NE: return cmp != 0;
            case ExpOp.GT: return cmp > 0;
            case ExpOp.GE: return cmp >= 0;
            case ExpOp.LT: return cmp < 0;
            default: return cmp <= 0;
        }
    }

    private Boolean compareDoubles(double l, double r) {
        switch (op) {
            case ExpOp.EQ: return l == r;
            case ExpOp.NE: return l != r;
            case ExpOp.GT: return l > r;
            case ExpOp.GE: return l >= r;
            case ExpOp.LT: return l < r;
            default: return l <= r;
        }
    }
}
