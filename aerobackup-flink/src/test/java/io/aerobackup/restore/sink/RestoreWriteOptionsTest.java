package io.aerobackup.restore.sink;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestoreWriteOptionsTest {
    @Test
    void defaultsAreAsrestores() {
        RestoreWriteOptions o = RestoreWriteOptions.builder("restore").build();
        assertThat(o.generationCheck()).isTrue();
        assertThat(o.mode()).isEqualTo(RestoreWriteOptions.Mode.UPDATE);
        assertThat(o.batchSize()).isEqualTo(128);
        assertThat(o.maxBatchesInFlight()).isEqualTo(4);
        assertThat(o.maxRetries()).isEqualTo(5);
        assertThat(o.retryBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.recordsPerSecond()).isZero();
        assertThat(o.durableDeletes()).isFalse();
        assertThat(o.setFilter()).isEmpty();
        assertThat(o.targetSet("a")).isEqualTo("a");
        assertThat(o.targetSet(null)).isNull();
    }

    @Test
    void settersNameTheOptionAtFault() {
        assertThatThrownBy(() -> RestoreWriteOptions.builder("restore").batchSize(0))
                .hasMessage("--batch-size must be in [1,5000], was 0");
        assertThatThrownBy(() -> RestoreWriteOptions.builder("restore").maxBatchesInFlight(0))
                .hasMessageContaining("--max-batches-in-flight");
        assertThatThrownBy(() -> RestoreWriteOptions.builder("restore").maxRetries(-1))
                .hasMessageContaining("--max-retries");
        assertThatThrownBy(() -> RestoreWriteOptions.builder("restore").retryBackoff(Duration.ofMinutes(5)))
                .hasMessageContaining("--retry-backoff");
        assertThatThrownBy(() -> RestoreWriteOptions.builder("restore").recordsPerSecond(-1))
                .hasMessageContaining("--records-per-second");
        assertThatThrownBy(() -> RestoreWriteOptions.builder("restore").ignoredResultCodes(Set.of(0)))
                .hasMessageContaining("--ignore-result-codes");
        assertThatThrownBy(() -> RestoreWriteOptions.builder("restore").binFilter(Set.of("a_bin_name_too_long")))
                .hasMessageContaining("--bins");
        assertThatThrownBy(() -> RestoreWriteOptions.builder("restore").setRemap(Map.of("a", "")))
                .hasMessageContaining("--set-remap");
        assertThatThrownBy(() -> RestoreWriteOptions.builder(""))
                .hasMessageContaining("--namespace");
    }

    @Test
    void isSerializableAndImmutable() throws Exception {
        RestoreWriteOptions o = RestoreWriteOptions.builder("restore").setRemap(Map.of("a", "b"))
                .ignoredResultCodes(Set.of(13)).mode(RestoreWriteOptions.Mode.REPLACE).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        RestoreWriteOptions copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RestoreWriteOptions) in.readObject();
        }
        assertThat(copy.toString()).isEqualTo(o.toString());
        assertThat(copy.targetSet("a")).isEqualTo("b");
        assertThatThrownBy(() -> o.ignoredResultCodes().add(1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
