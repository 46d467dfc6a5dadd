package io.aerobackup.embedded.expression;

/** The state of one evaluation: the record, the clock, and the slots of let-variables. */
final class EvalContext {
    final RecordView record;
    final long nowMillis;
    final Object[] vars;

    EvalContext(RecordView record, long nowMillis, int varSlots) {
        this.record = record;
        this.nowMillis = nowMillis;
        this.vars = new Object[varSlots];
    }
}
