package io.aerobackup.embedded.expression;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.exp.Exp;
import org.assertj.core.api.AbstractThrowableAssert;

/** Builds expressions with the real client and runs them through the server-side decoder. */
final class ExpTestSupport {
    /** A fixed clock: 2023-11-14T22:13:20.123Z. */
    static final long NOW = 1_700_000_000_123L;

    private ExpTestSupport() {
    }

    static byte[] bytes(Exp exp) {
        return Exp.build(exp).getBytes();
    }

    static boolean matches(Exp exp, RecordView record) {
        return FilterExpression.decode(bytes(exp)).matches(record, NOW);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] packed) {
        return assertThatThrownBy(() -> FilterExpression.decode(packed))
                .isInstanceOf(ExpressionException.class)
                .matches(e -> ((ExpressionException) e).resultCode() == 4, "result code 4 (PARAMETER_ERROR)");
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Exp exp) {
        return assertRefused(bytes(exp));
    }
}
