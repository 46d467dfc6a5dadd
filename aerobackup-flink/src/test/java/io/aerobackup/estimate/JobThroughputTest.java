package io.aerobackup.estimate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JobThroughputTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void theParallelismIsTheCoresByDefaultAndNeverMore() {
        assertThat(JobThroughput.parallelism(0)).isEqualTo(CORES);
        assertThat(JobThroughput.parallelism(1)).isEqualTo(1);
        assertThat(JobThroughput.parallelism(CORES + 8)).isEqualTo(CORES);
    }

    @Test
    void aBackupsBIsTheProbesRateTimesTheParallelismAndTheEfficiency() {
        // 5 us per record on one thread: 200,000 records/s.
        ScanProbe.Result probe = new ScanProbe.Result(50_000, 44, Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(JobThroughput.backupRecordsPerSecond(probe, 2))
                .isCloseTo(2 * 200_000 * JobThroughput.BACKUP_EFFICIENCY, within(1e-6));
        assertThat(JobThroughput.backupRecordsPerSecond(new ScanProbe.Result(0, 4, Duration.ZERO, Duration.ZERO), 2))
                .isZero();
    }

    @Test
    void aRestoresBIsTheWriteTestsRateTimesTheEfficiency() {
        WriteTest.Result test = new WriteTest.Result(WriteTest.SCRATCH_SET, 30_000, Duration.ofMillis(150), 0, 8);
        assertThat(JobThroughput.restoreRecordsPerSecond(test))
                .isCloseTo(200_000 * JobThroughput.RESTORE_EFFICIENCY, within(1e-6));
    }
}
