package io.aerobackup.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** BackupJob returns after submitting only when Flink's client was told not to wait ({@code flink run -d}). */
class BackupJobDetachedTest {
    @Test
    void aLocalRunWaitsForItsBackup() {
        assertThat(BackupJob.detached(StreamExecutionEnvironment.getExecutionEnvironment())).isFalse();
    }

    /** As the environment {@code flink run -d} hands the main method (a local one is always attached). */
    @Test
    void flinkRunDetachedSubmitsAndReturns() {
        Configuration config = new Configuration();
        config.set(DeploymentOptions.ATTACHED, false);
        assertThat(BackupJob.detached(new StreamExecutionEnvironment(config))).isTrue();
    }
}
