package io.aerobackup.estimate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulesTest {
    @Test
    void intervalsRoundDownToWhatCronRepeats() {
        assertThat(Schedules.cronable(Duration.ofMinutes(45))).isEqualTo(Duration.ofMinutes(30));
        assertThat(Schedules.cronable(Duration.ofHours(5))).isEqualTo(Duration.ofHours(4));
        assertThat(Schedules.cronable(Duration.ofHours(30))).isEqualTo(Duration.ofDays(1));
        assertThat(Schedules.cronable(Duration.ofDays(10))).isEqualTo(Duration.ofDays(7));
        assertThat(Schedules.cronable(Duration.ofSeconds(20))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void cronLines() {
        assertThat(Schedules.cron(Duration.ofMinutes(15))).isEqualTo("*/15 * * * *");
        assertThat(Schedules.cron(Duration.ofHours(1))).isEqualTo("0 * * * *");
        assertThat(Schedules.cron(Duration.ofHours(6))).isEqualTo("0 */6 * * *");
        assertThat(Schedules.cron(Duration.ofDays(1))).isEqualTo("0 2 * * *");
        assertThat(Schedules.cron(Duration.ofDays(7))).isEqualTo("0 2 * * 0");
        assertThat(Schedules.cron(Duration.ofDays(30))).isEqualTo("0 2 1 * *");
    }

    @Test
    void sizesParseWithBinaryUnitsAndNameTheOption() {
        assertThat(ByteSizes.parse("--max-storage", "500G")).isEqualTo(500L << 30);
        assertThat(ByteSizes.parse("--max-storage", "2TiB")).isEqualTo(2L << 40);
        assertThat(ByteSizes.parse("--max-storage", "1.5t")).isEqualTo(3L << 39);
        assertThat(ByteSizes.parse("--max-storage", "1048576")).isEqualTo(1L << 20);
        assertThatThrownBy(() -> ByteSizes.parse("--max-storage", "lots")).hasMessageContaining("--max-storage 'lots'");
        assertThatThrownBy(() -> ByteSizes.parse("--max-storage", "0")).hasMessageContaining("out of range");
    }

    @Test
    void durationsForPeople() {
        assertThat(Schedules.duration(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Schedules.duration(Duration.ofMillis(10_300))).isEqualTo("10.3s");
        assertThat(Schedules.duration(Duration.ofSeconds(8100))).isEqualTo("2h15m");
        assertThat(Schedules.bytes(1536)).isEqualTo("1.5 KiB");
    }
}
