package io.aerobackup.embedded.particle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** The HLL layout and bookkeeping (the estimates themselves are compared with 8.1 in HllITCase). */
class HllSketchTest {
    private static byte[] element(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] packed = new byte[text.length + 2];
        packed[0] = (byte) (0xA0 | (text.length + 1));
        packed[1] = 3;
        System.arraycopy(text, 0, packed, 2, text.length);
        return packed;
    }

    @Test
    void sizesAndBitRangesAreTheServersOnes() {
        assertThat(HllSketch.empty(4, 0).bytes()).hasSize(11 + 12);
        assertThat(HllSketch.empty(16, 0).bytes()).hasSize(49163);
        assertThat(HllSketch.empty(14, 20).bytes()).hasSize(53259);
        assertThat(HllSketch.validBits(4, 0)).isTrue();
        assertThat(HllSketch.validBits(4, 3)).isFalse();
        assertThat(HllSketch.validBits(3, 0)).isFalse();
        assertThat(HllSketch.validBits(16, 48)).isTrue();
        assertThat(HllSketch.validBits(16, 49)).isFalse();
        byte[] flagged = HllSketch.empty(8, 0).bytes();
        flagged[0] = 1;
        assertThat(HllSketch.isValid(flagged)).isFalse();
    }

    @Test
    void addingGrowsRegistersOnceAndClearsTheCache() {
        HllSketch sketch = HllSketch.empty(10, 4);
        assertThat(sketch.count()).isZero();
        assertThat(sketch.add(element("x"))).isTrue();
        assertThat(sketch.add(element("x"))).isFalse();
        assertThat(sketch.mayContain(element("x"))).isTrue();
        assertThat(sketch.refreshCount()).isEqualTo(1L);
        byte[] cached = sketch.bytes();
        assertThat(cached[3]).isEqualTo((byte) 1);
        sketch.add(element("y"));
        assertThat(sketch.bytes()[3]).isZero();
        assertThat(sketch.count()).isEqualTo(2L);
    }

    @Test
    void unionOfDifferentIndexBitsFoldsIntoTheSmaller() {
        HllSketch small = HllSketch.empty(6, 0);
        HllSketch large = HllSketch.empty(10, 0);
        for (int i = 0; i < 50; i++) {
            small.add(element("a" + i));
            large.add(element("b" + i));
        }
        HllSketch union = HllSketch.union(java.util.List.of(small, large));
        assertThat(union.indexBits()).isEqualTo(6);
        assertThat(union.minhashBits()).isZero();
        assertThat(union.count()).isGreaterThan(small.count());
    }
}
