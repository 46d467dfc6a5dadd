package io.aerobackup.embedded.expression;

import java.util.List;

/**
 * add/sub/mul/div over arguments that are all INT or all FLOAT (the decoder enforces this).
 * Integer arithmetic wraps on overflow; integer division truncates toward zero and is UNKNOWN
 * when dividing by zero, as on the server; float division follows IEEE (may give Infinity/NaN).
 * With one argument, sub negates and div takes the reciprocal, matching the server.
 * Any UNKNOWN argument makes the result UNKNOWN.
 */
final class ArithmeticNode implements ExpNode {
    private final int op;
    private final ResultType type;
    private final List<ExpNode> args;

    ArithmeticNode(int op, ResultType type, List<ExpNode> args) {
        this.op = op;
        this.type = type;
        this.args = List.copyOf(args);
    }

    @Override
    public ResultType type() {
        return type;
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i).eval(ctx);
            if (Values.isUnknown(values[i])) {
                return values[i];
            }
        }
        return type == ResultType.FLOAT ? floats(values) : ints(values);
    }

    private Object ints(Object[] v) {
        long acc = (Long) v[0];
        if (v.length == 1) {
            if (op == ExpOp.SUB) {
                return -acc;
            }
            if (op == ExpOp.DIV) {
                return acc == 0 ? Values.UNKNOWN : (Object) (1L / acc);
            }
            return acc;
        }
        if (op == ExpOp.DIV) {
            // The server divides once by the product of the divisors.
            long divisor = 1;
            for (int i = 1; i < v.length; i++) {
                divisor *= (Long) v[i];
            }
            return divisor == 0 ? Values.UNKNOWN : (Object) (acc / divisor);
        }
        for (int i = 1; i < v.length; i++) {
            long x = (Long) v[i];
            acc = op == ExpOp.ADD ? acc + x : op == ExpOp.SUB ? acc - x : acc * x;
        }
        return acc;
    }

    private Object floats(Object[] v) {
        double acc = (Double) v[0];
        if (v.length == 1) {
            return op == ExpOp.SUB ? 0.0 - acc : op == ExpOp.DIV ? 1.0 / acc : acc;
        }
        if (op == ExpOp.DIV) {
            double divisor = 1.0;
            for (int i = 1; i < v.length; i++) {
                divisor *= (Double) v[i];
            }
            return acc / divisor;
        }
        for (int i = 1; i < v.length; i++) {
            double x = (Double) v[i];
            acc = op == ExpOp.ADD ? acc + x : op == ExpOp.SUB ? acc - x : acc * x;
        }
        return acc;
    }
}
