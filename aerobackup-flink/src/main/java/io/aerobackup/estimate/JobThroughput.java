package io.aerobackup.estimate;

/**
 * Turns what one estimate measured into the B of a whole job as {@code bin/aerobackup} runs it: a
 * local Flink job whose default parallelism is the machine's cores
 * ({@link Runtime#availableProcessors()}), each subtask reading and writing its share of the
 * partitions. The efficiencies are what the jobs achieved against these measurements on the build
 * machine (docs/BENCHMARKS.md, "Estimate accuracy"): they stand for what the probes leave out, i.e.
 * Flink's hand-over between the scan and the writer, compilation and garbage collection during the
 * run, reading the files back for their checksums, and, when the server runs on the same machine,
 * its share of the cores.
 */
public final class JobThroughput {
    /** Backup B / (parallelism / one thread's scan-plus-write cost per record). */
    static final double BACKUP_EFFICIENCY = 0.5;
    /** Restore B / the write test's rate (which already has the restore's writers and batches in flight). */
    static final double RESTORE_EFFICIENCY = 0.85;

    private JobThroughput() {
    }

    /**
     * The subtasks that run at once: the requested parallelism (0: a run's default, the cores), at
     * most the cores, which the scan, the writers and (on the same machine) the server share.
     */
    public static int parallelism(int requested) {
        int cores = Runtime.getRuntime().availableProcessors();
        return requested > 0 ? Math.min(requested, cores) : cores;
    }

    /** Records per second of a backup job with {@code parallelism} subtasks, from the probe's per-record cost. */
    public static double backupRecordsPerSecond(ScanProbe.Result probe, int parallelism) {
        double seconds = probe.secondsPerRecord();
        return seconds <= 0 ? 0 : BACKUP_EFFICIENCY * parallelism / seconds;
    }

    /** Records per second of a restore job, from a write test run with the job's writers. */
    public static double restoreRecordsPerSecond(WriteTest.Result test) {
        return RESTORE_EFFICIENCY * test.recordsPerSecond();
    }
}
