package io.aerobackup.restore.summary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The restore writers' committable: round trip, frozen version 1 bytes, and malformed input. */
class WriterOutcomeSerializerTest {
    private static final WriterOutcome OUTCOME = new WriterOutcome(5890, 7, 1_234_567,
            Map.of("generation", 197L, "expired", 3L), Map.of(13, 3L, 2, 1L));
    private final WriterOutcomeSerializer serializer = new WriterOutcomeSerializer();

    private static byte[] frozen() throws IOException {
        try (InputStream in = WriterOutcomeSerializerTest.class.getResourceAsStream("/serde/writer-outcome-v1.bin")) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsAndMatchesTheFrozenVersion1Bytes() throws IOException {
        byte[] bytes = serializer.serialize(OUTCOME);
        assertThat(serializer.getVersion()).isEqualTo(WriterOutcomeSerializer.VERSION_1);
        assertThat(serializer.deserialize(WriterOutcomeSerializer.VERSION_1, bytes)).isEqualTo(OUTCOME);
        assertThat(bytes).isEqualTo(frozen());
        assertThat(serializer.deserialize(WriterOutcomeSerializer.VERSION_1, frozen())).isEqualTo(OUTCOME);
    }

    @Test
    void rejectsUnknownVersionsTrailingBytesAndNegativeCounts() throws IOException {
        byte[] bytes = serializer.serialize(OUTCOME);
        assertThatThrownBy(() -> serializer.deserialize(2, bytes)).hasMessageContaining("version 2 is unknown");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> serializer.deserialize(1, longer)).hasMessageContaining("1 trailing bytes");
        assertThatThrownBy(() -> new WriterOutcome(-1, 0, 0, Map.of(), Map.of()))
                .hasMessageContaining("written=-1");
    }

    @Test
    void zeroCountsAreLeftOutAndSumsAddUp() {
        WriterOutcome a = new WriterOutcome(1, 2, 3, Map.of("exists", 0L, "generation", 1L), Map.of(13, 0L));
        assertThat(a.skipped()).containsOnlyKeys("generation");
        assertThat(a.failed()).isEmpty();
        WriterOutcome sum = a.plus(OUTCOME);
        assertThat(sum.written()).isEqualTo(5891);
        assertThat(sum.skipped()).containsEntry("generation", 198L);
        assertThat(sum.skippedTotal()).isEqualTo(201);
        assertThat(sum.failedTotal()).isEqualTo(4);
    }
}
