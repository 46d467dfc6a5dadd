package io.aerobackup.testutils;

import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/** Unbounded jobs a test started: cancelled after each test, which waits until they stopped. */
public final class RunningJobs implements AfterEachCallback {
    private final List<JobClient> jobs = new ArrayList<>();

    /** Registers {@code job} for cancelling; returns it. */
    public JobClient add(JobClient job) {
        jobs.add(job);
        return job;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (JobClient job : jobs) {
            if (!job.getJobStatus().get().isTerminalState()) {
                job.cancel().get();
            }
            awaitTerminal(job);
        }
        jobs.clear();
    }

    /** Waits (up to 30 s) until {@code job} stopped everywhere. */
    public static void awaitTerminal(JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!job.getJobStatus().get().isGloballyTerminalState() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }
}
