package io.aerobackup.source.enumerator;

import io.aerobackup.source.SourceTestData;
import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.source.split.PartitionSplitSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.aerobackup.source.SourceTestData.patternDigest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanEnumStateSerializerTest {
    private static final ScanEnumStateSerializer SERIALIZER = ScanEnumStateSerializer.INSTANCE;

    @Test
    void versionStartsAtOneAndIsTheCurrentOne() {
        assertThat(ScanEnumStateSerializer.VERSION_1).isEqualTo(1);
        assertThat(SERIALIZER.getVersion()).isEqualTo(ScanEnumStateSerializer.CURRENT_VERSION);
    }

    @Test
    void roundTripsTheInitialState() throws IOException {
        ScanEnumState copy = roundTrip(ScanEnumState.initial());
        assertThat(copy.initialized()).isFalse();
        assertThat(copy.unassigned()).isEmpty();
    }

    @Test
    void roundTripsAnInitializedStateWithNoSplitsLeft() throws IOException {
        ScanEnumState copy = roundTrip(new ScanEnumState(List.of(), true));
        assertThat(copy.initialized()).isTrue();
        assertThat(copy.unassigned()).isEmpty();
    }

    @Test
    void roundTripsSplitsWithCursorsInOrder() throws IOException {
        Random random = new Random(99);
        List<PartitionSplit> splits = new ArrayList<>();
        splits.add(PartitionSplit.fresh(0, 512));
        splits.add(SourceTestData.splitWithCursors(512, 512, 100, random));
        splits.add(SourceTestData.splitWithCursors(1024, 1, 1, random));
        splits.add(SourceTestData.splitWithCursors(3584, 512, 512, random));
        splits.add(new PartitionSplit(4095, 1, Map.of(4095, SourceTestData.randomDigest(random))));
        for (boolean initialized : new boolean[] {true, false}) {
            ScanEnumState copy = roundTrip(new ScanEnumState(splits, initialized));
            assertThat(copy.initialized()).isEqualTo(initialized);
            assertThat(copy.unassigned()).containsExactlyElementsOf(splits);
            assertThat(copy.unassigned().get(3).resumeDigests()).hasSize(512);
        }
    }

    @Test
    void roundTripsEveryPartitionAsItsOwnSplit() throws IOException {
        List<PartitionSplit> splits = new ArrayList<>();
        for (int p = 0; p < 4096; p++) {
            splits.add(PartitionSplit.fresh(p, 1));
        }
        assertThat(roundTrip(new ScanEnumState(splits, true)).unassigned()).containsExactlyElementsOf(splits);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, -1, 1000})
    void rejectsAnUnknownVersionNamingIt(int version) throws IOException {
        byte[] bytes = SERIALIZER.serialize(frozenState());
        assertThatThrownBy(() -> SERIALIZER.deserialize(version, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version " + version)
                .hasMessageContaining(String.valueOf(ScanEnumStateSerializer.CURRENT_VERSION));
    }

    @Test
    void rejectsAnUnknownNestedSplitVersionNamingIt() throws IOException {
        byte[] bytes = SERIALIZER.serialize(frozenState());
        // byte 0 is the initialized flag, bytes 1-4 the split serializer's version
        bytes[4] = 7;
        assertThatThrownBy(() -> SERIALIZER.deserialize(ScanEnumStateSerializer.VERSION_1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("PartitionSplit version 7");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(frozenState());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> SERIALIZER.deserialize(ScanEnumStateSerializer.VERSION_1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 trailing bytes");
    }

    @Test
    void rejectsEveryTruncation() throws IOException {
        byte[] bytes = SERIALIZER.serialize(frozenState());
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> SERIALIZER.deserialize(ScanEnumStateSerializer.VERSION_1, truncated))
                    .as("cut to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void rejectsANestedInvalidSplit() throws IOException {
        byte[] bytes = stateBytes(true, PartitionSplitSerializer.VERSION_1, 1);
        byte[] invalidSplit = {0x0F, (byte) 0xFF, 0x00, 0x02, 0x00, 0x00}; // begin 4095, count 2
        byte[] all = Arrays.copyOf(bytes, bytes.length + invalidSplit.length);
        System.arraycopy(invalidSplit, 0, all, bytes.length, invalidSplit.length);
        assertThatThrownBy(() -> SERIALIZER.deserialize(ScanEnumStateSerializer.VERSION_1, all))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("PartitionSplit");
    }

    /**
     * Regression: the split count sized an ArrayList unchecked, so a negative count threw
     * IllegalArgumentException and a huge one OutOfMemoryError instead of an IOException.
     */
    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void rejectsACorruptSplitCountWithAnIOException(int count) throws IOException {
        byte[] bytes = stateBytes(true, PartitionSplitSerializer.VERSION_1, count);
        assertThatThrownBy(() -> SERIALIZER.deserialize(ScanEnumStateSerializer.VERSION_1, bytes))
                .isInstanceOf(IOException.class);
    }

    @Test
    void decodesFrozenVersion1Bytes() throws IOException {
        byte[] frozen = SourceTestData.resource("/serde/scan-enum-state-v1.bin");
        // initialized, split serializer v1, 3 splits
        assertThat(Arrays.copyOf(frozen, 9)).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 3);

        ScanEnumState state = SERIALIZER.deserialize(ScanEnumStateSerializer.VERSION_1, frozen);

        ScanEnumState expected = frozenState();
        assertThat(state.initialized()).isTrue();
        assertThat(state.unassigned()).containsExactlyElementsOf(expected.unassigned());
        assertThat(state.unassigned().get(1).resumeDigests().get(1023)).containsExactly(patternDigest(5));
    }

    /** While v1 is current the serializer must write exactly the frozen bytes; else bump the version. */
    @Test
    void currentVersionWritesTheFrozenBytes() throws IOException {
        if (ScanEnumStateSerializer.CURRENT_VERSION == ScanEnumStateSerializer.VERSION_1
                && PartitionSplitSerializer.CURRENT_VERSION == PartitionSplitSerializer.VERSION_1) {
            assertThat(SERIALIZER.serialize(frozenState()))
                    .containsExactly(SourceTestData.resource("/serde/scan-enum-state-v1.bin"));
        }
    }

    /** The state frozen in {@code serde/scan-enum-state-v1.bin}; never change it. */
    static ScanEnumState frozenState() {
        Map<Integer, byte[]> cursors = new TreeMap<>();
        cursors.put(600, patternDigest(4));
        cursors.put(1023, patternDigest(5));
        return new ScanEnumState(List.of(PartitionSplit.fresh(0, 512), new PartitionSplit(512, 512, cursors),
                PartitionSplit.fresh(4000, 96)), true);
    }

    private static ScanEnumState roundTrip(ScanEnumState state) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state));
    }

    private static byte[] stateBytes(boolean initialized, int splitVersion, int splitCount) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(initialized);
            out.writeInt(splitVersion);
            out.writeInt(splitCount);
        }
        return bytes.toByteArray();
    }
}
