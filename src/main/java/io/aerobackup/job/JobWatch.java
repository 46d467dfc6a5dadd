package io.aerobackup.job;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a job submitted from this JVM: ticks about once a second (for progress), passes each
 * restart and its cause on as it happens, and turns a failure into a {@link JobFailedException}
 * with the one-line cause. Backup and restore share it.
 */
public final class JobWatch {
    private final JobClient job;
    private final ProgressListener listener;
    private final int maxRestarts;
    private final String hosts;
    private final String destination;
    private int restartsSeen;
    private String lastCause;

    /**
     * @param maxRestarts the restart strategy's limit, shown as "attempt n of m" (-1: limited by rate)
     * @param hosts       the cluster, named in failures (may be null)
     * @param destination where files are written, named in failures (may be null)
     */
    public JobWatch(JobClient job, ProgressListener listener, int maxRestarts, String hosts, String destination) {
        this.job = job;
        this.listener = listener;
        this.maxRestarts = maxRestarts;
        this.hosts = hosts;
        this.destination = destination;
    }

    /** Blocks until the job ends, calling {@code tick} about once a second; returns its result. */
    public JobExecutionResult await(Runnable tick) throws Exception {
        try {
            while (true) {
                try {
                    JobExecutionResult result = job.getJobExecutionResult().get(1, TimeUnit.SECONDS);
                    reportRestarts();
                    tick.run();
                    return result;
                } catch (TimeoutException e) {
                    reportRestarts();
                    tick.run();
                }
            }
        } catch (ExecutionException e) {
            reportRestarts();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new JobFailedException(FailureCauses.explain(cause, hosts, destination), restartsSeen, cause);
        } finally {
            RestartReporter.forget(job.getJobID());
        }
    }

    /** Restarts the job made so far. */
    public int restarts() {
        return restartsSeen;
    }

    /** The one-line cause of the last restart, or null. */
    public String lastRestartCause() {
        return lastCause;
    }

    private void reportRestarts() {
        RestartReporter.of(job.getJobID()).ifPresent(r -> {
            if (r.count() > restartsSeen) {
                restartsSeen = r.count();
                lastCause = r.lastCause();
                listener.restarting(restartsSeen, maxRestarts, lastCause);
            }
        });
    }
}
