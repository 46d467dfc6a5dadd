package io.aerobackup.embedded.particle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerobackup.embedded.protocol.ServerException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** The list/map rewrite rules on hand-made msgpack (the real-server cases are in CdtParticleITCase). */
class CdtParticlesTest {
    private static String rewrite(String hex, boolean map) {
        return HexFormat.of().formatHex(CdtParticles.rewrite(HexFormat.of().parseHex(hex), map));
    }

    private static void assertRefused(String hex, boolean map) {
        assertThatThrownBy(() -> rewrite(hex, map)).isInstanceOfSatisfying(ServerException.class,
                e -> assertThat(e.resultCode()).isEqualTo(1));
    }

    @Test
    void keysSortByTypeRankThenValue() {
        // {"a": 1, blob 04 00: 2, 5: 3, -1: 4} -> -1, 5, "a", blob
        assertThat(rewrite("84a2036101a204000205" + "03ff04", true)).isEqualTo("84ff040503a2036101a2040002");
    }

    @Test
    void nestedUnorderedMapsAreSortedToo() {
        // [{"b": 1, "a": 2}] -> [{"a": 2, "b": 1}]
        assertThat(rewrite("9182a2036201a2036102", false)).isEqualTo("9182a2036102a2036201");
    }

    @Test
    void orderedListsAcceptEqualNeighboursAndNaNs() {
        assertThat(rewrite("95c700010101cb7ff8000000000000cb7ff8000000000000", false))
                .isEqualTo("95c700010101cb7ff8000000000000cb7ff8000000000000");
    }

    @Test
    void listsCompareElementWiseThenByLength() {
        // ordered list [[1], [1, 0]] is in order; [[1, 0], [1]] is not
        assertThat(rewrite("93c7000191019201" + "00", false)).isEqualTo("93c700019101920100");
        assertRefused("93c70001920100" + "9101", false);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        for (int i = 0; i <= MsgPackParser.MAX_DEPTH; i++) {
            deep.write(0x91);
        }
        deep.write(0x01);
        assertRefused(HexFormat.of().formatHex(deep.toByteArray()), false);
    }

    @Test
    void emptyAndScalarParticlesAreRefused() {
        assertThatThrownBy(() -> CdtParticles.rewrite(new byte[0], true)).isInstanceOf(ServerException.class);
        assertRefused("01", false);
        assertRefused("c1", false);
    }
}
