package io.aerobackup.embedded.expression;

import java.util.List;

/** cond, let and var. Variable names are resolved to slot numbers by the decoder. */
final class ControlNodes {
    private ControlNodes() {
    }

    /**
     * {@code Exp.cond(c1, a1, c2, a2, ..., default)}: the action of the first TRUE condition, else
     * the default. An UNKNOWN condition stops the search and makes the result UNKNOWN (server rule).
     */
    static final class Cond implements ExpNode {
        private final ResultType type;
        private final List<ExpNode> conditions;
        private final List<ExpNode> actions;
        private final ExpNode otherwise;

        Cond(ResultType type, List<ExpNode> conditions, List<ExpNode> actions, ExpNode otherwise) {
            this.type = type;
            this.conditions = List.copyOf(conditions);
            this.actions = List.copyOf(actions);
            this.otherwise = otherwise;
        }

        @Override
        public ResultType type() {
            return type;
        }

        @Override
        public Object eval(EvalContext ctx) {
            for (int i = 0; i < conditions.size(); i++) {
                Object c = conditions.get(i).eval(ctx);
                if (Values.isUnknown(c)) {
                    return c;
                }
                if (Boolean.TRUE.equals(c)) {
                    return actions.get(i).eval(ctx);
                }
            }
            return otherwise.eval(ctx);
        }
    }

    /** {@code Exp.let(def..., scope)}: evaluates each definition once, in order, then the scope. */
    static final class Let implements ExpNode {
        private final int firstSlot;
        private final List<ExpNode> definitions;
        private final ExpNode scope;

        Let(int firstSlot, List<ExpNode> definitions, ExpNode scope) {
            this.firstSlot = firstSlot;
            this.definitions = List.copyOf(definitions);
            this.scope = scope;
        }

        @Override
        public ResultType type() {
            return scope.type();
        }

        @Override
        public Object eval(EvalContext ctx) {
            for (int i = 0; i < definitions.size(); i++) {
                ctx.vars[firstSlot + i] = definitions.get(i).eval(ctx);
            }
            return scope.eval(ctx);
        }
    }

    /** {@code Exp.var(name)}: the value its let stored (possibly UNKNOWN). */
    static final class Var implements ExpNode {
        private final int slot;
        private final ResultType type;

        Var(int slot, ResultType type) {
            this.slot = slot;
            this.type = type;
        }

        @Override
        public ResultType type() {
            return type;
        }

        @Override
        public Object eval(EvalContext ctx) {
            return ctx.vars[slot];
        }
    }
}
