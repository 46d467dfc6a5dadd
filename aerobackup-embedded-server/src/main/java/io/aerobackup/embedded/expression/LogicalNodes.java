package io.aerobackup.embedded.expression;

import java.util.List;

/**
 * Boolean connectives over three-valued logic, as the real server evaluates them:
 * <ul>
 *   <li>{@code and}: any FALSE gives FALSE (evaluation stops); otherwise any UNKNOWN gives UNKNOWN; else TRUE.</li>
 *   <li>{@code or}: any TRUE gives TRUE (evaluation stops); otherwise any UNKNOWN gives UNKNOWN; else FALSE.</li>
 *   <li>{@code not}: UNKNOWN stays UNKNOWN - "not (missing bin == 5)" must not select records lacking the bin.</li>
 *   <li>{@code exclusive}: exactly one TRUE gives TRUE; any UNKNOWN met before a decision gives UNKNOWN.</li>
 * </ul>
 * A filter whose final value is UNKNOWN does not match the record.
 */
final class LogicalNodes {
    private LogicalNodes() {
    }

    /** {@code Exp.unknown()}: deliberately unknown; also the only branch exempt from cond's type check. */
    static final class UnknownLiteral implements ExpNode {
        @Override
        public ResultType type() {
            return ResultType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            return Values.UNKNOWN;
        }
    }

    static final class And implements ExpNode {
        private final List<ExpNode> args;

        And(List<ExpNode> args) {
            this.args = List.copyOf(args);
        }

        @Override
        public ResultType type() {
            return ResultType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object result = Boolean.TRUE;
            for (ExpNode arg : args) {
                Object v = arg.eval(ctx);
                if (Boolean.FALSE.equals(v)) {
                    return Boolean.FALSE;
                }
                if (Values.isUnknown(v)) {
                    result = Values.UNKNOWN;
                }
            }
            return result;
        }
    }

    static final class Or implements ExpNode {
        private final List<ExpNode> args;

        Or(List<ExpNode> args) {
            this.args = List.copyOf(args);
        }

        @Override
        public ResultType type() {
            return ResultType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object result = Boolean.FALSE;
            for (ExpNode arg : args) {
                Object v = arg.eval(ctx);
                if (Boolean.TRUE.equals(v)) {
                    return Boolean.TRUE;
                }
                if (Values.isUnknown(v)) {
                    result = Values.UNKNOWN;
                }
            }
            return result;
        }
    }

    static final class Not implements ExpNode {
        private final ExpNode arg;

        Not(ExpNode arg) {
            this.arg = arg;
        }

        @Override
        public ResultType type() {
            return ResultType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object v = arg.eval(ctx);
            return Values.isUnknown(v) ? v : Boolean.valueOf(!Boolean.TRUE.equals(v));
        }
    }

    static final class Exclusive implements ExpNode {
        private final List<ExpNode> args;

        Exclusive(List<ExpNode> args) {
            this.args = List.copyOf(args);
        }

        @Override
        public ResultType type() {
            return ResultType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            boolean seenTrue = false;
            for (ExpNode arg : args) {
                Object v = arg.eval(ctx);
                if (Values.isUnknown(v)) {
                    return v;
                }
                if (Boolean.TRUE.equals(v)) {
                    if (seenTrue) {
                        return Boolean.FALSE;
                    }
                    seenTrue = true;
                }
            }
            return seenTrue;
        }
    }
}
