package io.aerobackup.estimate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScanProbeTest {
    @Test
    void wholePartitionsAreSizedToReadAboutTheTargetOnceARound() {
        // 5M records: ~1,221 per partition, 41 partitions hold 50,000, rounded up to 11 per range.
        assertThat(ScanProbe.partitionsFor(5_000_000)).isEqualTo(44);
        // Few records: at most half of each range's stride, so the probe never reads the whole namespace.
        assertThat(ScanProbe.partitionsFor(3_000)).isEqualTo(2048);
        assertThat(ScanProbe.partitionsFor(0)).isEqualTo(ScanProbe.RANGES);
        // Many records: at least one partition per range.
        assertThat(ScanProbe.partitionsFor(4096L * 1_000_000)).isEqualTo(ScanProbe.RANGES);
    }

    @Test
    void theCostPerRecordIsTheScanAndTheWriteTogether() {
        ScanProbe.Result r = new ScanProbe.Result(50_000, 44, Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(r.secondsPerRecord()).isCloseTo(5e-6, within(1e-12));
        assertThat(new ScanProbe.Result(0, 4, Duration.ZERO, Duration.ZERO).secondsPerRecord()).isZero();
    }
}
