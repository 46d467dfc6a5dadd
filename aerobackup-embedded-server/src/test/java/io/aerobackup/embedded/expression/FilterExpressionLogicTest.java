package io.aerobackup.embedded.expression;

import static io.aerobackup.embedded.expression.ExpTestSupport.assertRefused;
import static io.aerobackup.embedded.expression.ExpTestSupport.matches;
import static io.aerobackup.embedded.expression.TestRecord.intP;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import org.junit.jupiter.api.Test;

/** Three-valued logic: T = true, F = false, U = unknown (a comparison on a missing bin). */
class FilterExpressionLogicTest {
    private static final Exp T = Exp.eq(Exp.intBin("a"), Exp.val(1));
    private static final Exp F = Exp.eq(Exp.intBin("a"), Exp.val(2));
    private static final Exp U = Exp.eq(Exp.intBin("missing"), Exp.val(1));

    private final TestRecord rec = new TestRecord().bin("a", intP(1));

    /** Distinguishes false from unknown: not(false) matches, not(unknown) does not. */
    private boolean isFalse(Exp e) {
        return matches(Exp.not(e), rec);
    }

    @Test
    void notInvertsKnownValuesAndKeepsUnknown() {
        assertThat(matches(Exp.not(T), rec)).isFalse();
        assertThat(matches(Exp.not(F), rec)).isTrue();
        assertThat(matches(Exp.not(U), rec)).isFalse();
        assertThat(matches(Exp.not(Exp.not(U)), rec)).isFalse();
        assertThat(matches(Exp.not(Exp.not(T)), rec)).isTrue();
    }

    @Test
    void andIsFalseIfAnyFalseElseUnknownIfAnyUnknown() {
        assertThat(matches(Exp.and(T, T), rec)).isTrue();
        assertThat(matches(Exp.and(T, T, T), rec)).isTrue();
        assertThat(isFalse(Exp.and(T, F))).isTrue();
        assertThat(isFalse(Exp.and(U, F))).isTrue();
        assertThat(isFalse(Exp.and(F, U))).isTrue();
        assertThat(matches(Exp.and(T, U), rec)).isFalse();
        assertThat(isFalse(Exp.and(T, U))).as("and(T, U) is unknown, not false").isFalse();
        assertThat(isFalse(Exp.and(U, U))).isFalse();
    }

    @Test
    void orIsTrueIfAnyTrueElseUnknownIfAnyUnknown() {
        assertThat(matches(Exp.or(F, T), rec)).isTrue();
        assertThat(matches(Exp.or(U, T), rec)).isTrue();
        assertThat(matches(Exp.or(T, U), rec)).isTrue();
        assertThat(isFalse(Exp.or(F, F))).isTrue();
        assertThat(matches(Exp.or(F, U), rec)).isFalse();
        assertThat(isFalse(Exp.or(F, U))).as("or(F, U) is unknown, not false").isFalse();
        assertThat(isFalse(Exp.or(U, F, F))).isFalse();
    }

    @Test
    void exclusiveIsTrueForExactlyOneTrue() {
        assertThat(matches(Exp.exclusive(T, F, F), rec)).isTrue();
        assertThat(isFalse(Exp.exclusive(T, T))).isTrue();
        assertThat(isFalse(Exp.exclusive(F, F))).isTrue();
        assertThat(matches(Exp.exclusive(U, T), rec)).isFalse();
        assertThat(isFalse(Exp.exclusive(U, T))).isFalse();
    }

    @Test
    void unknownLiteralNeverMatches() {
        assertThat(matches(Exp.unknown(), rec)).isFalse();
        assertThat(matches(Exp.not(Exp.unknown()), rec)).isFalse();
        assertThat(matches(Exp.or(Exp.unknown(), T), rec)).isTrue();
    }

    @Test
    void nestedLogicEvaluatesLikeTheClientDocExample() {
        // (a > 5 || a == 0) && b < 3
        Exp e = Exp.and(
                Exp.or(Exp.gt(Exp.intBin("a"), Exp.val(5)), Exp.eq(Exp.intBin("a"), Exp.val(0))),
                Exp.lt(Exp.intBin("b"), Exp.val(3)));
        assertThat(matches(e, new TestRecord().bin("a", intP(0)).bin("b", intP(2)))).isTrue();
        assertThat(matches(e, new TestRecord().bin("a", intP(6)).bin("b", intP(2)))).isTrue();
        assertThat(matches(e, new TestRecord().bin("a", intP(3)).bin("b", intP(2)))).isFalse();
        assertThat(matches(e, new TestRecord().bin("a", intP(6)).bin("b", intP(3)))).isFalse();
        assertThat(matches(e, new TestRecord().bin("a", intP(6)))).isFalse();
    }

    @Test
    void logicalOperandsMustBeBooleanAndNumerousEnough() {
        assertRefused(Exp.and(Exp.val(1), T)).hasMessageContaining("and: argument is int");
        assertRefused(Exp.or(T, Exp.intBin("a"))).hasMessageContaining("or: argument is int");
        assertRefused(Exp.not(Exp.val("x"))).hasMessageContaining("not: argument is string");
        assertRefused(Exp.and(T)).hasMessageContaining("at least 2");
        assertRefused(Exp.or(T)).hasMessageContaining("at least 2");
    }
}
