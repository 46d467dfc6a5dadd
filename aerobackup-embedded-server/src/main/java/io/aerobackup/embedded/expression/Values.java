package io.aerobackup.embedded.expression;

/** Runtime values that have no natural Java representation. */
final class Values {
    /** The third truth value: "cannot tell", e.g. a comparison against a missing bin. */
    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "unknown";
        }
    };

    /** The msgpack nil literal ({@code Exp.nil()}). Distinct from UNKNOWN: nil == nil is true. */
    static final Object NIL = new Object() {
        @Override
        public String toString() {
            return "nil";
        }
    };

    private Values() {
    }

    static boolean isUnknown(Object value) {
        return value == UNKNOWN;
    }
}
