package io.aerobackup.embedded.expression;

import static io.aerobackup.embedded.expression.ExpTestSupport.assertRefused;
import static io.aerobackup.embedded.expression.ExpTestSupport.matches;
import static io.aerobackup.embedded.expression.TestRecord.floatP;
import static io.aerobackup.embedded.expression.TestRecord.intP;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import org.junit.jupiter.api.Test;

/** Arithmetic, cond and let/var. */
class FilterExpressionExtrasTest {
    private final TestRecord rec = new TestRecord()
            .bin("a", intP(7)).bin("b", intP(3)).bin("z", intP(0))
            .bin("x", floatP(1.5)).bin("y", floatP(0.5));

    @Test
    void integerArithmetic() {
        assertThat(matches(Exp.eq(Exp.add(Exp.intBin("a"), Exp.intBin("b"), Exp.val(1)), Exp.val(11)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.sub(Exp.intBin("a"), Exp.intBin("b"), Exp.val(1)), Exp.val(3)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.sub(Exp.intBin("a")), Exp.val(-7)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.mul(Exp.intBin("a"), Exp.intBin("b")), Exp.val(21)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.div(Exp.intBin("a"), Exp.intBin("b")), Exp.val(2)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.div(Exp.val(-7), Exp.intBin("b")), Exp.val(-2)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.div(Exp.val(100), Exp.val(5), Exp.val(2)), Exp.val(10)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.add(Exp.intBin("a"), Exp.val(1)), Exp.val(7)), rec)).isFalse();
    }

    @Test
    void integerDivisionByZeroIsUnknown() {
        Exp divByZero = Exp.eq(Exp.div(Exp.intBin("a"), Exp.intBin("z")), Exp.val(0));
        assertThat(matches(divByZero, rec)).isFalse();
        assertThat(matches(Exp.not(divByZero), rec)).isFalse();
        assertThat(matches(Exp.eq(Exp.div(Exp.intBin("z")), Exp.val(0)), rec)).isFalse();
    }

    @Test
    void floatArithmetic() {
        assertThat(matches(Exp.eq(Exp.add(Exp.floatBin("x"), Exp.floatBin("y")), Exp.val(2.0)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.mul(Exp.floatBin("x"), Exp.val(2.0)), Exp.val(3.0)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.div(Exp.floatBin("x"), Exp.floatBin("y")), Exp.val(3.0)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.div(Exp.floatBin("y")), Exp.val(2.0)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.div(Exp.floatBin("x"), Exp.val(0.0)), Exp.val(Double.POSITIVE_INFINITY)), rec))
                .isTrue();
        assertThat(matches(Exp.eq(Exp.sub(Exp.floatBin("x"), Exp.floatBin("y")), Exp.val(2.0)), rec)).isFalse();
    }

    @Test
    void arithmeticOnMissingBinIsUnknownAndMixedTypesAreRefused() {
        Exp missing = Exp.gt(Exp.add(Exp.intBin("a"), Exp.intBin("missing")), Exp.val(0));
        assertThat(matches(missing, rec)).isFalse();
        assertThat(matches(Exp.not(missing), rec)).isFalse();
        assertRefused(Exp.eq(Exp.add(Exp.intBin("a"), Exp.floatBin("x")), Exp.val(1))).hasMessageContaining("mixed");
        assertRefused(Exp.eq(Exp.add(Exp.val("s")), Exp.val("s"))).hasMessageContaining("expected int or float");
    }

    @Test
    void condPicksTheFirstTrueBranchOrTheDefault() {
        Exp byType = Exp.cond(
                Exp.eq(Exp.intBin("type"), Exp.val(0)), Exp.add(Exp.intBin("a"), Exp.intBin("b")),
                Exp.eq(Exp.intBin("type"), Exp.val(1)), Exp.sub(Exp.intBin("a"), Exp.intBin("b")),
                Exp.val(-1));
        assertThat(matches(Exp.eq(byType, Exp.val(10)), new TestRecord().bin("type", intP(0)).bin("a", intP(7))
                .bin("b", intP(3)))).isTrue();
        assertThat(matches(Exp.eq(byType, Exp.val(4)), new TestRecord().bin("type", intP(1)).bin("a", intP(7))
                .bin("b", intP(3)))).isTrue();
        assertThat(matches(Exp.eq(byType, Exp.val(-1)), new TestRecord().bin("type", intP(5)))).isTrue();
        // An unknown condition makes the whole cond unknown rather than falling through to the default.
        assertThat(matches(Exp.eq(byType, Exp.val(-1)), new TestRecord())).isFalse();
        assertThat(matches(Exp.not(Exp.eq(byType, Exp.val(-1))), new TestRecord())).isFalse();
    }

    @Test
    void condAllowsUnknownBranchesButOtherwiseOneType() {
        Exp positiveOrUnknown = Exp.cond(Exp.gt(Exp.intBin("a"), Exp.val(0)), Exp.intBin("a"), Exp.unknown());
        assertThat(matches(Exp.eq(positiveOrUnknown, Exp.val(7)), rec)).isTrue();
        assertThat(matches(Exp.eq(positiveOrUnknown, Exp.val(0)), new TestRecord().bin("a", intP(-1)))).isFalse();
        assertThat(matches(Exp.ne(positiveOrUnknown, Exp.val(0)), new TestRecord().bin("a", intP(-1)))).isFalse();
        assertRefused(Exp.eq(Exp.cond(Exp.val(true), Exp.val(1), Exp.val("s")), Exp.val(1)))
                .hasMessageContaining("cond: branch 2 is string");
        assertRefused(Exp.eq(Exp.cond(Exp.val(1), Exp.val(1), Exp.val(2)), Exp.val(1)))
                .hasMessageContaining("cond: argument is int");
        assertRefused(Exp.cond(Exp.val(true), Exp.val(true))).hasMessageContaining("cond needs");
    }

    @Test
    void letBindsVariablesForItsScope() {
        // 5 < a < 10
        Exp between = Exp.let(
                Exp.def("x", Exp.intBin("a")),
                Exp.and(Exp.lt(Exp.val(5), Exp.var("x")), Exp.lt(Exp.var("x"), Exp.val(10))));
        assertThat(matches(between, rec)).isTrue();
        assertThat(matches(between, new TestRecord().bin("a", intP(10)))).isFalse();
        assertThat(matches(between, new TestRecord())).isFalse();
        assertThat(matches(Exp.not(between), new TestRecord())).isFalse();
    }

    @Test
    void laterDefinitionsAndNestedLetsSeeEarlierVariables() {
        Exp e = Exp.let(
                Exp.def("x", Exp.intBin("a")),
                Exp.def("y", Exp.mul(Exp.var("x"), Exp.val(2))),
                Exp.and(
                        Exp.eq(Exp.var("y"), Exp.val(14)),
                        Exp.let(Exp.def("z", Exp.add(Exp.var("x"), Exp.var("y"))), Exp.eq(Exp.var("z"), Exp.val(21))),
                        Exp.let(Exp.def("w", Exp.val(1)), Exp.eq(Exp.var("w"), Exp.val(1)))));
        assertThat(matches(e, rec)).isTrue();
        assertThat(matches(e, new TestRecord().bin("a", intP(8)))).isFalse();
    }

    @Test
    void badVariablesAreRefused() {
        assertRefused(Exp.eq(Exp.var("nope"), Exp.val(1))).hasMessageContaining("undefined variable 'nope'");
        assertRefused(Exp.let(Exp.def("1x", Exp.val(1)), Exp.val(true))).hasMessageContaining("illegal variable name");
        assertRefused(Exp.let(Exp.def("x", Exp.val(1)), Exp.let(Exp.def("x", Exp.val(2)), Exp.val(true))))
                .hasMessageContaining("duplicate variable name 'x'");
        assertRefused(Exp.let(Exp.def("x", Exp.add(Exp.var("x"), Exp.val(1))), Exp.val(true)))
                .hasMessageContaining("inside its own definition");
        assertRefused(Exp.let(Exp.def("x", Exp.val(1)), Exp.var("x"))).hasMessageContaining("found int");
    }
}
