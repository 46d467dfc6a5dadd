package io.aerobackup.estimate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SamplerTest {
    @Test
    void partitionsAreSizedToFindTheSampleTwiceOver() {
        assertThat(Sampler.partitionsFor(10_000, 0)).isEqualTo(4096);
        assertThat(Sampler.partitionsFor(10_000, 4096L * 1_000_000)).isEqualTo(Sampler.CHUNKS);
        assertThat(Sampler.partitionsFor(1000, 3000)).isEqualTo(2731);
        assertThat(Sampler.partitionsFor(10_000, 1000)).isEqualTo(4096);
    }

    @Test
    void anEmptySampleWritesAnEmptyBackupFile() throws Exception {
        assertThat(Sampler.write(List.of())).isPositive(); // the Parquet header and footer only
    }
}
