package io.aerobackup.source.split;

import io.aerobackup.source.SourceTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static io.aerobackup.source.SourceTestData.patternDigest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invariants and equals/hashCode of PartitionSplit, checked by hand (EqualsVerifier is not on the classpath). */
class PartitionSplitTest {

    @ParameterizedTest
    @CsvSource({"0,4096", "4095,1", "0,1", "1000,1000"})
    void acceptsRangesInsideTheNamespace(int begin, int count) {
        PartitionSplit split = PartitionSplit.fresh(begin, count);
        assertThat(split.begin()).isEqualTo(begin);
        assertThat(split.count()).isEqualTo(count);
        assertThat(split.resumeDigests()).isEmpty();
        assertThat(split.splitId()).isEqualTo(begin + "+" + count);
    }

    @ParameterizedTest
    @CsvSource({"4000,97", "0,4097", "4095,2", "-1,10", "10,0", "10,-5"})
    void rejectsRangesOutsideTheNamespaceNamingTheValues(int begin, int count) {
        assertThatThrownBy(() -> PartitionSplit.fresh(begin, count))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("begin " + begin)
                .hasMessageContaining("count " + count)
                .hasMessageContaining("0-4095");
    }

    /** Regression: the check was "begin + count > 4096", which int overflow let a huge count pass. */
    @ParameterizedTest
    @CsvSource({"1,2147483647", "4095,2147483647", "100,2147483600"})
    void rejectsCountsWhoseEndOverflows(int begin, int count) {
        assertThatThrownBy(() -> PartitionSplit.fresh(begin, count))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count " + count);
    }

    @ParameterizedTest
    @ValueSource(ints = {99, 200, 0, 4095, -1})
    void rejectsACursorOutsideTheSplitNamingPartitionAndSplit(int partition) {
        Map<Integer, byte[]> cursors = Map.of(partition, patternDigest(1));
        assertThatThrownBy(() -> new PartitionSplit(100, 100, cursors))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition " + partition)
                .hasMessageContaining("100+100");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 19, 21, 32})
    void rejectsADigestThatIsNot20BytesNamingPartitionAndLength(int length) {
        Map<Integer, byte[]> cursors = Map.of(150, new byte[length]);
        assertThatThrownBy(() -> new PartitionSplit(100, 100, cursors))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition 150")
                .hasMessageContaining("20 bytes")
                // the length it got, not just the one it wants
                .hasMessageMatching("(?s).*\\b" + length + "\\b.*");
    }

    @Test
    void rejectsANullDigest() {
        Map<Integer, byte[]> cursors = new HashMap<>();
        cursors.put(150, null);
        assertThatThrownBy(() -> new PartitionSplit(100, 100, cursors))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition 150");
    }

    @Test
    void equalSplitsAreEqualWithEqualHashCodes() {
        PartitionSplit a = new PartitionSplit(10, 20, Map.of(12, patternDigest(1), 29, patternDigest(2)));
        // equal content, distinct arrays and a different map implementation
        Map<Integer, byte[]> other = new HashMap<>();
        other.put(29, patternDigest(2));
        other.put(12, patternDigest(1));
        PartitionSplit b = new PartitionSplit(10, 20, other);

        assertThat(a).isEqualTo(b);
        assertThat(b).isEqualTo(a);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(PartitionSplit.fresh(10, 20)).isEqualTo(new PartitionSplit(10, 20, new HashMap<>()))
                .hasSameHashCodeAs(new PartitionSplit(10, 20, Map.of()));
    }

    @Test
    void equalsIsReflexiveAndRejectsNullAndOtherTypes() {
        PartitionSplit a = SourceTestData.frozenSplit();
        assertThat(a).isEqualTo(a);
        assertThat(a.equals(null)).isFalse();
        assertThat(a.equals(a.splitId())).isFalse();
    }

    @Test
    void differingDigestContentIsNotEqual() {
        byte[] digest = patternDigest(1);
        byte[] changed = digest.clone();
        changed[19] ^= 1;
        PartitionSplit a = new PartitionSplit(10, 20, Map.of(12, digest));
        PartitionSplit b = new PartitionSplit(10, 20, Map.of(12, changed));
        assertThat(a).isNotEqualTo(b);
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void everyFieldTakesPartInEquals() {
        PartitionSplit base = new PartitionSplit(10, 20, Map.of(12, patternDigest(1)));
        assertThat(base).isNotEqualTo(new PartitionSplit(11, 20, Map.of(12, patternDigest(1))));
        assertThat(base).isNotEqualTo(new PartitionSplit(10, 21, Map.of(12, patternDigest(1))));
        assertThat(base).isNotEqualTo(new PartitionSplit(10, 20, Map.of(13, patternDigest(1))));
        assertThat(base).isNotEqualTo(new PartitionSplit(10, 20, Map.of()));
        assertThat(PartitionSplit.fresh(10, 20)).isNotEqualTo(base);
        assertThat(base).isNotEqualTo(new PartitionSplit(10, 20, Map.of(12, patternDigest(1), 13, patternDigest(1))));
    }

    @Test
    void copiesTheMapAndTheDigestsItIsGiven() {
        byte[] digest = patternDigest(1);
        Map<Integer, byte[]> cursors = new HashMap<>();
        cursors.put(12, digest);
        PartitionSplit split = new PartitionSplit(10, 20, cursors);
        PartitionSplit expected = new PartitionSplit(10, 20, Map.of(12, patternDigest(1)));

        digest[0] ^= 0x7F;
        cursors.put(13, patternDigest(2));
        cursors.remove(12);

        assertThat(split).isEqualTo(expected);
        assertThat(split.resumeDigests()).containsOnlyKeys(12);
        assertThat(split.resumeDigests().get(12)).containsExactly(patternDigest(1));
    }

    @Test
    void exposesAnUnmodifiableCursorMap() {
        PartitionSplit split = SourceTestData.frozenSplit();
        assertThatThrownBy(() -> split.resumeDigests().put(1025, patternDigest(9)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> split.resumeDigests().remove(1024))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(split).isEqualTo(SourceTestData.frozenSplit());
    }

    @Test
    void splitIdsOfDistinctRangesDiffer() {
        assertThat(PartitionSplit.fresh(1, 23).splitId()).isNotEqualTo(PartitionSplit.fresh(12, 3).splitId());
        assertThat(PartitionSplit.fresh(0, 512).splitId()).isNotEqualTo(PartitionSplit.fresh(0, 511).splitId());
    }

    @Test
    void toStringNamesTheSplitAndItsCursorCount() {
        Random random = new Random(3);
        PartitionSplit split = SourceTestData.splitWithCursors(512, 512, 5, random);
        assertThat(split.toString()).contains("512+512").contains("5");
    }
}
