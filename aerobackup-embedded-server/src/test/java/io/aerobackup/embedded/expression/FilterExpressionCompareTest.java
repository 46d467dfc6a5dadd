package io.aerobackup.embedded.expression;

import static io.aerobackup.embedded.expression.ExpTestSupport.assertRefused;
import static io.aerobackup.embedded.expression.ExpTestSupport.matches;
import static io.aerobackup.embedded.expression.TestRecord.blobP;
import static io.aerobackup.embedded.expression.TestRecord.boolP;
import static io.aerobackup.embedded.expression.TestRecord.floatP;
import static io.aerobackup.embedded.expression.TestRecord.intP;
import static io.aerobackup.embedded.expression.TestRecord.strP;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import io.aerobackup.embedded.storage.Particle;
import org.junit.jupiter.api.Test;

class FilterExpressionCompareTest {
    private final TestRecord rec = new TestRecord()
            .bin("i", intP(10))
            .bin("neg", intP(-5_000_000_000L))
            .bin("f", floatP(2.5))
            .bin("nan", floatP(Double.NaN))
            .bin("s", strP("views"))
            .bin("u", strP("é"))
            .bin("b", blobP((byte) 0x80, (byte) 1))
            .bin("t", boolP(true))
            .bin("no", boolP(false))
            .bin("jb", new Particle(Particle.JAVA_BLOB, new byte[] {1}));

    @Test
    void integerComparisonsCoverAllSixOps() {
        assertThat(matches(Exp.eq(Exp.intBin("i"), Exp.val(10)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.intBin("i"), Exp.val(11)), rec)).isFalse();
        assertThat(matches(Exp.ne(Exp.intBin("i"), Exp.val(11)), rec)).isTrue();
        assertThat(matches(Exp.ne(Exp.intBin("i"), Exp.val(10)), rec)).isFalse();
        assertThat(matches(Exp.gt(Exp.intBin("i"), Exp.val(9)), rec)).isTrue();
        assertThat(matches(Exp.gt(Exp.intBin("i"), Exp.val(10)), rec)).isFalse();
        assertThat(matches(Exp.ge(Exp.intBin("i"), Exp.val(10)), rec)).isTrue();
        assertThat(matches(Exp.ge(Exp.intBin("i"), Exp.val(11)), rec)).isFalse();
        assertThat(matches(Exp.lt(Exp.intBin("i"), Exp.val(11)), rec)).isTrue();
        assertThat(matches(Exp.lt(Exp.intBin("i"), Exp.val(10)), rec)).isFalse();
        assertThat(matches(Exp.le(Exp.intBin("i"), Exp.val(10)), rec)).isTrue();
        assertThat(matches(Exp.le(Exp.intBin("i"), Exp.val(9)), rec)).isFalse();
    }

    @Test
    void largeAndNegativeIntegersDecodeFromEveryMsgpackWidth() {
        assertThat(matches(Exp.eq(Exp.intBin("neg"), Exp.val(-5_000_000_000L)), rec)).isTrue();
        assertThat(matches(Exp.lt(Exp.intBin("neg"), Exp.val(-32)), rec)).isTrue();
        assertThat(matches(Exp.gt(Exp.intBin("i"), Exp.val(Long.MIN_VALUE)), rec)).isTrue();
        assertThat(matches(Exp.lt(Exp.intBin("i"), Exp.val(Long.MAX_VALUE)), rec)).isTrue();
        assertThat(matches(Exp.lt(Exp.intBin("i"), Exp.val(65_536)), rec)).isTrue();
        assertThat(matches(Exp.gt(Exp.val(300), Exp.intBin("i")), rec)).isTrue();
    }

    @Test
    void floatComparisonsFollowIeee() {
        assertThat(matches(Exp.eq(Exp.floatBin("f"), Exp.val(2.5)), rec)).isTrue();
        assertThat(matches(Exp.gt(Exp.floatBin("f"), Exp.val(2.4)), rec)).isTrue();
        assertThat(matches(Exp.lt(Exp.floatBin("f"), Exp.val(2.5)), rec)).isFalse();
        assertThat(matches(Exp.le(Exp.floatBin("f"), Exp.val(-1.0)), rec)).isFalse();
        assertThat(matches(Exp.eq(Exp.floatBin("nan"), Exp.val(Double.NaN)), rec)).isFalse();
        assertThat(matches(Exp.ne(Exp.floatBin("nan"), Exp.val(Double.NaN)), rec)).isTrue();
        assertThat(matches(Exp.ge(Exp.floatBin("nan"), Exp.val(0.0)), rec)).isFalse();
    }

    @Test
    void stringsCompareAsUnsignedUtf8BytesThenLength() {
        assertThat(matches(Exp.eq(Exp.stringBin("s"), Exp.val("views")), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.stringBin("s"), Exp.val("view")), rec)).isFalse();
        assertThat(matches(Exp.gt(Exp.stringBin("s"), Exp.val("view")), rec)).isTrue();
        assertThat(matches(Exp.lt(Exp.stringBin("s"), Exp.val("w")), rec)).isTrue();
        // "é" is 0xC3 0xA9: above every ASCII letter when bytes are unsigned.
        assertThat(matches(Exp.gt(Exp.stringBin("u"), Exp.val("z")), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.stringBin("u"), Exp.val("é")), rec)).isTrue();
    }

    @Test
    void blobsCompareAsUnsignedBytes() {
        assertThat(matches(Exp.eq(Exp.blobBin("b"), Exp.val(new byte[] {(byte) 0x80, 1})), rec)).isTrue();
        assertThat(matches(Exp.ne(Exp.blobBin("b"), Exp.val(new byte[] {(byte) 0x80})), rec)).isTrue();
        assertThat(matches(Exp.gt(Exp.blobBin("b"), Exp.val(new byte[] {0x7f, 9})), rec)).isTrue();
        assertThat(matches(Exp.lt(Exp.blobBin("b"), Exp.val(new byte[] {(byte) 0x80, 1, 0})), rec)).isTrue();
    }

    @Test
    void boolBinsCompareWithBoolValuesAndCanBeTheWholeFilter() {
        assertThat(matches(Exp.eq(Exp.boolBin("t"), Exp.val(true)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.boolBin("no"), Exp.val(true)), rec)).isFalse();
        assertThat(matches(Exp.gt(Exp.boolBin("t"), Exp.boolBin("no")), rec)).isTrue();
        assertThat(matches(Exp.boolBin("t"), rec)).isTrue();
        assertThat(matches(Exp.boolBin("no"), rec)).isFalse();
        assertThat(matches(Exp.val(true), rec)).isTrue();
        assertThat(matches(Exp.val(false), rec)).isFalse();
    }

    @Test
    void nilEqualsNil() {
        assertThat(matches(Exp.eq(Exp.nil(), Exp.nil()), rec)).isTrue();
        assertThat(matches(Exp.ge(Exp.nil(), Exp.nil()), rec)).isTrue();
        assertThat(matches(Exp.ne(Exp.nil(), Exp.nil()), rec)).isFalse();
        assertThat(matches(Exp.lt(Exp.nil(), Exp.nil()), rec)).isFalse();
    }

    @Test
    void missingBinIsUnknownForEveryOperatorAndUnderNot() {
        Exp[] onMissing = {
            Exp.eq(Exp.intBin("missing"), Exp.val(1)), Exp.ne(Exp.intBin("missing"), Exp.val(1)),
            Exp.gt(Exp.intBin("missing"), Exp.val(1)), Exp.ge(Exp.intBin("missing"), Exp.val(1)),
            Exp.lt(Exp.intBin("missing"), Exp.val(1)), Exp.le(Exp.intBin("missing"), Exp.val(1)),
            Exp.eq(Exp.stringBin("missing"), Exp.val("x")), Exp.boolBin("missing"),
        };
        for (Exp e : onMissing) {
            assertThat(matches(e, rec)).as("%s", e).isFalse();
            assertThat(matches(Exp.not(e), rec)).as("not %s", e).isFalse();
        }
    }

    @Test
    void binOfAnotherTypeIsUnknownNotConverted() {
        assertThat(matches(Exp.eq(Exp.floatBin("i"), Exp.val(10.0)), rec)).isFalse();
        assertThat(matches(Exp.not(Exp.eq(Exp.floatBin("i"), Exp.val(10.0))), rec)).isFalse();
        assertThat(matches(Exp.ne(Exp.intBin("s"), Exp.val(0)), rec)).isFalse();
        assertThat(matches(Exp.ne(Exp.stringBin("b"), Exp.val("")), rec)).isFalse();
        assertThat(matches(Exp.ne(Exp.boolBin("i"), Exp.val(true)), rec)).isFalse();
        // Only particle type BLOB is a blob for blobBin, as on the server.
        assertThat(matches(Exp.ne(Exp.blobBin("jb"), Exp.val(new byte[0])), rec)).isFalse();
    }

    @Test
    void mixedTypeComparisonsAreRefusedAtDecodeTimeLikeTheServer() {
        assertRefused(Exp.eq(Exp.intBin("i"), Exp.val(10.0)))
                .hasMessageContaining("mismatched argument types int and float");
        assertRefused(Exp.eq(Exp.floatBin("f"), Exp.val(2))).hasMessageContaining("mismatched");
        assertRefused(Exp.eq(Exp.intBin("i"), Exp.nil())).hasMessageContaining("int and nil");
        assertRefused(Exp.eq(Exp.stringBin("s"), Exp.val(new byte[] {1}))).hasMessageContaining("string and blob");
        assertRefused(Exp.eq(Exp.boolBin("t"), Exp.val(1))).hasMessageContaining("bool and int");
    }

    @Test
    void decodedExpressionIsReusableAcrossRecords() {
        FilterExpression f = FilterExpression.decode(ExpTestSupport.bytes(Exp.gt(Exp.intBin("i"), Exp.val(5))));
        assertThat(f.matches(new TestRecord().bin("i", intP(6)), ExpTestSupport.NOW)).isTrue();
        assertThat(f.matches(new TestRecord().bin("i", intP(5)), ExpTestSupport.NOW)).isFalse();
        assertThat(f.matches(new TestRecord(), ExpTestSupport.NOW)).isFalse();
    }
}
