package io.aerobackup.record;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.aerobackup.record.ValueEquality.deepEquals;
import static org.assertj.core.api.Assertions.assertThat;

class ValueEqualityTest {
    @Test
    void byteArrayKeysOfUnorderedMapsCompareByContent() {
        Map<Object, Object> a = new HashMap<>(Map.of(new byte[] {1}, List.of(new byte[] {2})));
        Map<Object, Object> b = new HashMap<>(Map.of(new byte[] {1}, List.of(new byte[] {2})));
        Map<Object, Object> c = new HashMap<>(Map.of(new byte[] {1}, List.of(new byte[] {3})));
        assertThat(deepEquals(a, b)).isTrue();
        assertThat(deepEquals(a, c)).isFalse();
    }

    @Test
    void sortedAndUnsortedMapsDifferAndSortedOrderCounts() {
        TreeMap<Object, Object> sorted = new TreeMap<>(Map.of(1L, 2L));
        assertThat(deepEquals(sorted, new HashMap<>(Map.of(1L, 2L)))).isFalse();
        assertThat(deepEquals(sorted, new TreeMap<>(Map.of(1L, 2L)))).isTrue();
        TreeMap<Object, Object> reversed = new TreeMap<>((x, y) -> Long.compare((Long) y, (Long) x));
        reversed.putAll(Map.of(1L, 0L, 2L, 0L));
        assertThat(deepEquals(new TreeMap<>(Map.of(1L, 0L, 2L, 0L)), reversed)).isFalse();
    }

    @Test
    void byteArraysEqualByteBuffersWithTheSameContent() {
        assertThat(deepEquals(new byte[] {1, 2}, ByteBuffer.wrap(new byte[] {0, 1, 2}, 1, 2))).isTrue();
        assertThat(deepEquals(new byte[] {1, 2}, ByteBuffer.wrap(new byte[] {1, 3}))).isFalse();
    }

    @Test
    void typesAndDoublesAreExact() {
        assertThat(deepEquals(1L, 1)).isFalse();
        assertThat(deepEquals(Double.NaN, Double.NaN)).isTrue();
        assertThat(deepEquals(0.0, -0.0)).isFalse();
        assertThat(deepEquals(Arrays.asList(null, 1L), Arrays.asList(null, 1L))).isTrue();
        assertThat(deepEquals(List.of(1L), List.of(1L, 2L))).isFalse();
    }
}
