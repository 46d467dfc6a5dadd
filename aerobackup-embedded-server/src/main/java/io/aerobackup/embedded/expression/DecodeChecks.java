package io.aerobackup.embedded.expression;

/** The decoder's arity and type checks, with the messages a client gets back. */
final class DecodeChecks {
    private DecodeChecks() {
    }

    /** All cond branches share one type; Exp.unknown() may stand in for any of them (server rule). */
    static ResultType checkBranch(ResultType type, ExpNode branch, int index) {
        if (branch instanceof LogicalNodes.UnknownLiteral) {
            return type;
        }
        if (type != null && branch.type() != type) {
            throw new ExpressionException("cond: branch " + index + " is " + branch.type().label()
                    + " but earlier branches are " + type.label());
        }
        return branch.type();
    }

    static ExpNode expectType(long op, ExpNode node, ResultType expected) {
        if (node.type() != expected) {
            throw new ExpressionException(ExpOp.name(op) + ": argument is " + node.type().label()
                    + ", expected " + expected.label());
        }
        return node;
    }

    static void expectArgs(long op, int found, int expected) {
        if (found != expected) {
            throw new ExpressionException(ExpOp.name(op) + " expects " + expected + " arguments, found " + found);
        }
    }

    static ExpressionException unsupported(String what) {
        return new ExpressionException("unsupported filter expression: " + what
                + " is not supported by the embedded server");
    }
}
