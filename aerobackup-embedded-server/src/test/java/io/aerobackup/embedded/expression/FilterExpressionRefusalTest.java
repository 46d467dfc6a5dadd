package io.aerobackup.embedded.expression;

import static io.aerobackup.embedded.expression.ExpTestSupport.assertRefused;
import static io.aerobackup.embedded.expression.ExpTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.exp.BitExp;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.HLLExp;
import com.aerospike.client.exp.ListExp;
import com.aerospike.client.exp.MapExp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterExpressionRefusalTest {
    private static final String GEO_POINT = "{\"type\":\"Point\",\"coordinates\":[1.0,2.0]}";

    @Test
    void unsupportedOpsAreRefusedByOpCode() {
        assertRefused(Exp.regexCompare("prefix.*", 0, Exp.stringBin("s"))).hasMessageContaining("op 7 (regex)");
        assertRefused(Exp.geoCompare(Exp.geoBin("g"), Exp.geo(GEO_POINT))).hasMessageContaining("op 8 (geo_compare)");
        assertRefused(Exp.eq(Exp.pow(Exp.floatBin("f"), Exp.val(2.0)), Exp.val(4.0)))
                .hasMessageContaining("op 24 (pow)");
        assertRefused(Exp.eq(Exp.min(Exp.intBin("a"), Exp.val(2)), Exp.val(1))).hasMessageContaining("op 50 (min)");
        assertRefused(Exp.eq(Exp.intAnd(Exp.intBin("a"), Exp.val(2)), Exp.val(1))).hasMessageContaining("op 32");
        assertRefused(Exp.eq(Exp.toInt(Exp.floatBin("f")), Exp.val(1))).hasMessageContaining("op 30");
    }

    @Test
    void cdtBitAndHllExpressionsAreRefused() {
        assertRefused(Exp.eq(ListExp.getByIndex(ListReturnType.VALUE, Exp.Type.INT, Exp.val(0), Exp.listBin("l")),
                Exp.val(3))).hasMessageContaining("op 127");
        assertRefused(Exp.gt(MapExp.size(Exp.mapBin("m")), Exp.val(0))).hasMessageContaining("op 127");
        assertRefused(Exp.eq(MapExp.getByKey(MapReturnType.VALUE, Exp.Type.INT, Exp.val("k"), Exp.mapBin("m")),
                Exp.val(1))).hasMessageContaining("op 127");
        assertRefused(Exp.gt(HLLExp.getCount(Exp.hllBin("h")), Exp.val(7))).hasMessageContaining("op 127");
        assertRefused(Exp.gt(BitExp.count(Exp.val(0), Exp.val(8), Exp.blobBin("b")), Exp.val(1)))
                .hasMessageContaining("op 127");
    }

    @Test
    void unsupportedBinAndValueTypesAreRefused() {
        assertRefused(Exp.eq(Exp.listBin("l"), Exp.listBin("l"))).hasMessageContaining("list bin reads");
        assertRefused(Exp.eq(Exp.mapBin("m"), Exp.mapBin("m"))).hasMessageContaining("map bin reads");
        assertRefused(Exp.eq(Exp.geoBin("g"), Exp.geoBin("g"))).hasMessageContaining("geo bin reads");
        assertRefused(Exp.eq(Exp.hllBin("h"), Exp.hllBin("h"))).hasMessageContaining("hll bin reads");
        assertRefused(Exp.eq(Exp.val(List.of(1)), Exp.val(List.of(1)))).hasMessageContaining("op 126");
        assertRefused(Exp.eq(Exp.val(Map.of(1, 2)), Exp.val(Map.of(1, 2)))).hasMessageContaining("map values");
        assertRefused(Exp.eq(Exp.geo(GEO_POINT), Exp.geo(GEO_POINT))).hasMessageContaining("geojson values");
        assertRefused(Exp.eq(Exp.inf(), Exp.inf())).hasMessageContaining("extension values");
    }

    @Test
    void nonBooleanFiltersAreRefused() {
        assertRefused(Exp.intBin("a")).hasMessageContaining("must return a boolean, found int");
        assertRefused(Exp.val("x")).hasMessageContaining("found string");
        assertRefused(Exp.nil()).hasMessageContaining("found nil");
        assertRefused(Exp.add(Exp.val(1), Exp.val(2))).hasMessageContaining("found int");
    }

    @Test
    void invalidBinNamesAndTypeCodesAreRefused() {
        assertRefused(Exp.eq(Exp.intBin("sixteen_chars_xx"), Exp.val(1))).hasMessageContaining("longer than 15");
        assertRefused(Exp.eq(Exp.intBin("a\0b"), Exp.val(1))).hasMessageContaining("NUL");
        assertThat(FilterExpression.decode(bytes(Exp.eq(Exp.intBin("fifteen_chars_x"), Exp.val(1))))).isNotNull();
        // [81, 42, "a"]: a bin read with a type code that does not exist.
        assertRefused(new byte[] {(byte) 0x93, 81, 42, (byte) 0xa1, 'a'}).hasMessageContaining("invalid type code 42");
    }

    @Test
    void malformedBytesAreRefused() {
        assertRefused(new byte[0]).hasMessageContaining("empty expression");
        assertRefused((byte[]) null).hasMessageContaining("empty expression");
        assertRefused(new byte[] {(byte) 0xc1}).hasMessageContaining("invalid msgpack byte");
        assertRefused(new byte[] {(byte) 0x90}).hasMessageContaining("empty instruction");
        assertRefused(new byte[] {(byte) 0x91, (byte) 0xa1, 'x'}).hasMessageContaining("op code is not an integer");
        assertRefused(new byte[] {(byte) 0x91, 42}).hasMessageContaining("unknown filter expression op code 42");
        assertRefused(new byte[] {(byte) 0x91, (byte) 0xff}).hasMessageContaining("op code -1");
        assertRefused(new byte[] {(byte) 0x91, (byte) 0xcc, (byte) 200}).hasMessageContaining("op code 200");
        assertRefused(new byte[] {(byte) 0xdd, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})
                .hasMessageContaining("exceeds the remaining");
        // [1, 1]: eq with one argument.
        assertRefused(new byte[] {(byte) 0x92, 1, 1}).hasMessageContaining("eq expects 2 arguments, found 1");
        // [1, "" , ""]: string values must carry a particle-type byte.
        assertRefused(new byte[] {(byte) 0x93, 1, (byte) 0xa0, (byte) 0xa0})
                .hasMessageContaining("without particle type");
        // [1, "\x09a", "\x09a"]: 9 is not a value particle type.
        assertRefused(new byte[] {(byte) 0x93, 1, (byte) 0xa2, 9, 'a', (byte) 0xa2, 9, 'a'})
                .hasMessageContaining("invalid value particle type 9");
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] ok = bytes(Exp.eq(Exp.intBin("a"), Exp.val(1)));
        byte[] trailing = Arrays.copyOf(ok, ok.length + 1);
        trailing[ok.length] = (byte) 0xc0;
        assertThat(FilterExpression.decode(ok)).isNotNull();
        assertRefused(trailing).hasMessageContaining("1 trailing bytes");
    }

    @Test
    void everyTruncationOfAValidExpressionIsRefused() {
        byte[] ok = bytes(Exp.and(
                Exp.eq(Exp.stringBin("name"), Exp.val("a fairly long string value, longer than 31 bytes")),
                Exp.ge(Exp.floatBin("f"), Exp.val(1.5)),
                Exp.lt(Exp.intBin("i"), Exp.val(-5_000_000_000L)),
                Exp.eq(Exp.blobBin("b"), Exp.val(new byte[] {1, 2, 3})),
                Exp.not(Exp.eq(Exp.digestModulo(3), Exp.val(1)))));
        assertThat(FilterExpression.decode(ok)).isNotNull();
        for (int len = 1; len < ok.length; len++) {
            byte[] cut = Arrays.copyOf(ok, len);
            assertRefused(cut).as("prefix of %d bytes", len);
        }
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        Random random = new Random(42);
        byte[] seed = bytes(Exp.or(Exp.eq(Exp.intBin("a"), Exp.val(1)), Exp.lt(Exp.floatBin("f"), Exp.val(2.0))));
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seed.clone();
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            try {
                FilterExpression f = FilterExpression.decode(b);
                f.matches(new TestRecord().bin("a", TestRecord.intP(1)), ExpTestSupport.NOW);
                decoded++;
            } catch (ExpressionException e) {
                assertThat(e.resultCode()).isEqualTo(ExpressionException.PARAMETER_ERROR);
            }
        }
        assertThat(decoded).isPositive().isLessThan(20_000);
    }

    @Test
    void absurdNestingIsRefusedWithoutStackOverflowButModestNestingWorks() {
        assertRefused(nestedNots(10_000)).hasMessageContaining("nested deeper than");
        // 101 nots around true: false; 100 nots: true.
        assertThat(FilterExpression.decode(nestedNots(101)).matches(new TestRecord(), ExpTestSupport.NOW)).isFalse();
        assertThat(FilterExpression.decode(nestedNots(100)).matches(new TestRecord(), ExpTestSupport.NOW)).isTrue();
    }

    /** [18, [18, ... [18, true]]] with the given number of NOT levels. */
    private static byte[] nestedNots(int levels) {
        byte[] nested = new byte[2 * levels + 1];
        for (int i = 0; i < levels; i++) {
            nested[2 * i] = (byte) 0x92;
            nested[2 * i + 1] = 18;
        }
        nested[nested.length - 1] = (byte) 0xc3;
        return nested;
    }
}
