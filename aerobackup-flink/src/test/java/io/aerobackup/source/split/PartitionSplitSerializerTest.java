package io.aerobackup.source.split;

import io.aerobackup.source.SourceTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static io.aerobackup.source.SourceTestData.patternDigest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionSplitSerializerTest {
    private static final PartitionSplitSerializer SERIALIZER = PartitionSplitSerializer.INSTANCE;

    @Test
    void versionStartsAtOneAndIsTheCurrentOne() {
        assertThat(PartitionSplitSerializer.VERSION_1).isEqualTo(1);
        assertThat(SERIALIZER.getVersion()).isEqualTo(PartitionSplitSerializer.CURRENT_VERSION);
    }

    @Test
    void roundTripsSplitsWithoutCursors() throws IOException {
        for (PartitionSplit split : new PartitionSplit[] {PartitionSplit.fresh(0, 4096), PartitionSplit.fresh(0, 1),
                PartitionSplit.fresh(4095, 1), PartitionSplit.fresh(1000, 1000)}) {
            PartitionSplit copy = roundTrip(split);
            assertThat(copy).isEqualTo(split);
            assertThat(copy.begin()).isEqualTo(split.begin());
            assertThat(copy.count()).isEqualTo(split.count());
            assertThat(copy.resumeDigests()).isEmpty();
            assertThat(copy.splitId()).isEqualTo(split.splitId());
        }
    }

    @Test
    void roundTripsSplitsWithManyCursors() throws IOException {
        Random random = new Random(20240601L);
        for (int cursors : new int[] {1, 17, 500, 4096}) {
            PartitionSplit split = SourceTestData.splitWithCursors(0, 4096, cursors, random);
            byte[] bytes = SERIALIZER.serialize(split);
            // 3 shorts of header, then (short partition, 20-byte digest) per cursor
            assertThat(bytes).hasSize(6 + cursors * 22);
            PartitionSplit copy = SERIALIZER.deserialize(SERIALIZER.getVersion(), bytes);
            assertThat(copy).isEqualTo(split);
            assertThat(copy.resumeDigests()).hasSize(cursors);
            for (Map.Entry<Integer, byte[]> e : split.resumeDigests().entrySet()) {
                assertThat(copy.resumeDigests().get(e.getKey())).containsExactly(e.getValue());
            }
        }
    }

    @Test
    void roundTripsCursorsOnTheBoundaryPartitions() throws IOException {
        Random random = new Random(7);
        PartitionSplit first = new PartitionSplit(0, 1, Map.of(0, SourceTestData.randomDigest(random)));
        PartitionSplit last = new PartitionSplit(4095, 1, Map.of(4095, SourceTestData.randomDigest(random)));
        PartitionSplit both = new PartitionSplit(0, 4096, Map.of(0, SourceTestData.randomDigest(random),
                4095, SourceTestData.randomDigest(random)));
        assertThat(roundTrip(first)).isEqualTo(first);
        assertThat(roundTrip(last)).isEqualTo(last);
        assertThat(roundTrip(both)).isEqualTo(both);
        assertThat(roundTrip(both).resumeDigests().get(4095)).containsExactly(both.resumeDigests().get(4095));
    }

    @Test
    void digestsWithEveryByteValueSurvive() throws IOException {
        byte[] digest = new byte[20];
        for (int i = 0; i < 20; i++) {
            digest[i] = (byte) (i % 2 == 0 ? 0xFF : 0x80 + i);
        }
        PartitionSplit split = new PartitionSplit(4000, 96, Map.of(4095, digest, 4000, new byte[20]));
        assertThat(roundTrip(split)).isEqualTo(split);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, -1, 99, Integer.MAX_VALUE})
    void rejectsAnUnknownVersionNamingIt(int version) throws IOException {
        byte[] bytes = SERIALIZER.serialize(SourceTestData.frozenSplit());
        assertThatThrownBy(() -> SERIALIZER.deserialize(version, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version " + version)
                .hasMessageContaining(String.valueOf(PartitionSplitSerializer.CURRENT_VERSION));
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(SourceTestData.frozenSplit());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> SERIALIZER.deserialize(PartitionSplitSerializer.VERSION_1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 trailing bytes");
    }

    @Test
    void rejectsEveryTruncation() throws IOException {
        for (PartitionSplit split : new PartitionSplit[] {SourceTestData.frozenSplit(), PartitionSplit.fresh(7, 9)}) {
            byte[] bytes = SERIALIZER.serialize(split);
            for (int length = 0; length < bytes.length; length++) {
                byte[] truncated = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> SERIALIZER.deserialize(PartitionSplitSerializer.VERSION_1, truncated))
                        .as("split %s cut to %d of %d bytes", split, length, bytes.length)
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void rejectsBytesThatDescribeAnInvalidSplit() throws IOException {
        // begin 4095, count 2: past the last partition
        assertCorrupted(header(4095, 2, 0));
        // count 0
        assertCorrupted(header(10, 0, 0));
        // a cursor for partition 20 in split 0+10
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(header(0, 10, 1));
            out.writeShort(20);
            out.write(patternDigest(9));
        }
        assertCorrupted(bytes.toByteArray());
    }

    @Test
    void decodesFrozenVersion1Bytes() throws IOException {
        byte[] frozen = SourceTestData.resource("/serde/partition-split-v1.bin");
        // the v1 layout: begin 1024, count 256, 3 cursors, the first for partition 1024 (big-endian shorts)
        assertThat(frozen).hasSize(6 + 3 * 22);
        assertThat(Arrays.copyOf(frozen, 8)).containsExactly(0x04, 0x00, 0x01, 0x00, 0x00, 0x03, 0x04, 0x00);

        PartitionSplit split = SERIALIZER.deserialize(PartitionSplitSerializer.VERSION_1, frozen);

        assertThat(split).isEqualTo(SourceTestData.frozenSplit());
        assertThat(split.begin()).isEqualTo(1024);
        assertThat(split.count()).isEqualTo(256);
        assertThat(split.resumeDigests()).containsOnlyKeys(1024, 1100, 1279);
        assertThat(split.resumeDigests().get(1100)).containsExactly(patternDigest(2));
    }

    /**
     * While v1 is current, the serializer must still write exactly the frozen bytes. When this fails,
     * the format changed: bump CURRENT_VERSION, keep reading v1, and freeze the new version's bytes.
     */
    @Test
    void currentVersionWritesTheFrozenBytes() throws IOException {
        if (PartitionSplitSerializer.CURRENT_VERSION == PartitionSplitSerializer.VERSION_1) {
            assertThat(SERIALIZER.serialize(SourceTestData.frozenSplit()))
                    .containsExactly(SourceTestData.resource("/serde/partition-split-v1.bin"));
        }
    }

    private static PartitionSplit roundTrip(PartitionSplit split) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(split));
    }

    private static byte[] header(int begin, int count, int cursors) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(begin);
            out.writeShort(count);
            out.writeShort(cursors);
        }
        return bytes.toByteArray();
    }

    private static void assertCorrupted(byte[] bytes) {
        assertThatThrownBy(() -> SERIALIZER.deserialize(PartitionSplitSerializer.VERSION_1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("PartitionSplit");
    }
}
