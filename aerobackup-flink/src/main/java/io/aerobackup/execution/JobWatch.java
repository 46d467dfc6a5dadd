package io.aerobackup.execution;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.execution.JobClient;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a job submitted from this JVM: ticks about once a second (for progress), passes each
 * restart and its cause on as it happens, and turns a failure into a {@link JobFailedException}
 * with the one-line cause. Backup, restore and the change feed's command line share it.
 *
 * <p>Restarts and their causes come from Flink's failure history (REST), when the environment
 * names a REST port (the command line's does); otherwise restarts are counted from the job
 * status going through RESTARTING, without a cause.
 */
public final class JobWatch {
    private static final long HISTORY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final JobClient job;
    private final ProgressListener listener;
    private final int maxRestarts;
    private final String hosts;
    private final String destination;
    private final Optional<FailureHistory> history;
    private int restartsSeen;
    private boolean inRestart;
    private long nextHistoryNanos;

    /**
     * @param config      the environment's configuration (restart limit, REST address)
     * @param hosts       the cluster, named in failures (may be null)
     * @param destination where files are written, named in failures (may be null)
     */
    public JobWatch(JobClient job, ReadableConfig config, ProgressListener listener, String hosts,
                    String destination) {
        this.job = job;
        this.listener = listener;
        this.maxRestarts = RestartPolicy.maxRestarts(config);
        this.hosts = hosts;
        this.destination = destination;
        this.history = FailureHistory.of(config, job.getJobID());
    }

    /**
     * Blocks until the job ends, calling {@code tick} about once a second; returns its result.
     * The job's status is looked at five times a second, and its failure history whenever the job
     * is not plainly running and at least once a second: a job may fail again soon after a restart,
     * and a local cluster's history is gone once the job has ended.
     */
    public JobExecutionResult await(Runnable tick) throws Exception {
        long nextTick = System.nanoTime();
        while (true) {
            try {
                JobExecutionResult result = job.getJobExecutionResult().get(200, TimeUnit.MILLISECONDS);
                tick.run();
                return result;
            } catch (TimeoutException e) {
                poll();
                if (System.nanoTime() >= nextTick) {
                    tick.run();
                    nextTick = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new JobFailedException(FailureCauses.explain(cause, hosts, destination), restartsSeen, cause);
            }
        }
    }

    /** Looks for new restarts once (also for callers with a loop of their own, like the change feed's). */
    public void poll() {
        // The history is an HTTP call (about 3 % of a backup's CPU at five a second): while the job
        // runs normally it is fetched once a second; a restart also shows as RESTARTING in between.
        long now = System.nanoTime();
        if (history.isPresent() && now < nextHistoryNanos && status() == JobStatus.RUNNING) {
            return;
        }
        nextHistoryNanos = now + HISTORY_EVERY_NANOS;
        Optional<FailureHistory.Failures> failures = history.flatMap(FailureHistory::fetch);
        if (failures.isPresent()) {
            int count = failures.get().count();
            if (count > restartsSeen && failures.get().latestStackTrace() != null) {
                JobStatus status = status();
                if (status == JobStatus.FAILING || status == JobStatus.FAILED) {
                    count--; // the newest failure ends the job: it is no restart
                }
            }
            if (count > restartsSeen && failures.get().latestStackTrace() != null) {
                restartsSeen = count;
                listener.restarting(restartsSeen, maxRestarts,
                        FailureCauses.explain(failures.get().latestStackTrace(), hosts, destination).line());
            }
            return;
        }
        boolean restarting = status() == JobStatus.RESTARTING;
        if (restarting && !inRestart) {
            restartsSeen++;
            listener.restarting(restartsSeen, maxRestarts, "see the Flink log for the cause");
        }
        inRestart = restarting;
    }

    /** Restarts the job made so far. */
    public int restarts() {
        return restartsSeen;
    }

    private JobStatus status() {
        try {
            return job.getJobStatus().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }
}
