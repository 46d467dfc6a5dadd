package io.aerobackup.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {
    @Test
    void formatsPartitionsRecordsRateAndAnEtaFromThePartitionsLeft() {
        String line = ProgressLine.format(1_234_567, 50_000_000, 1024, 4096, Duration.ofSeconds(10));
        assertThat(line).isEqualTo("partitions 1024/4096  records 1,234,567  5.0 MB/s  ETA 0:30");
    }

    @Test
    void noEtaBeforeTheFirstPartitionAndZeroAtTheEnd() {
        assertThat(ProgressLine.format(10, 0, 0, 4096, Duration.ofSeconds(1))).endsWith("ETA --:--");
        assertThat(ProgressLine.format(10, 0, 4096, 4096, Duration.ofSeconds(1))).endsWith("ETA 0:00");
    }

    @Test
    void runsWithoutPartitionsShowRecordsAndRateOnly() {
        assertThat(ProgressLine.format(2_000, 3_000_000, 0, 0, Duration.ofSeconds(2)))
                .isEqualTo("records 2,000  1.5 MB/s");
    }

    @Test
    void disabledLinePrintsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        line.progress(1, 1, 1, 2, Duration.ofSeconds(1));
        line.finish();
        assertThat(bytes.size()).isZero();
        ProgressLine shown = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        shown.progress(1, 1, 1, 2, Duration.ofSeconds(1));
        shown.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\rpartitions 1/2").endsWith("\n");
    }
}
