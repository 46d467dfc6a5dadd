package io.aerobackup.job;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobExecutionStatusEvent;
import org.apache.flink.core.execution.JobStatusChangedEvent;
import org.apache.flink.core.execution.JobStatusChangedListener;
import org.apache.flink.core.execution.JobStatusChangedListenerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a job's restarts and keeps the cause of the last one, so the command line can say
 * "restarting (attempt 2 of 3): cannot reach the cluster" while Flink retries instead of going
 * quiet. Flink calls the listener in the JobManager on every job status change
 * ({@code execution.job-status-changed-listeners}); the command line's local cluster runs in the
 * same JVM and reads the counts by job id. On a standalone cluster the listener logs each restart
 * in the JobManager's log, and Flink's own {@code numRestarts} job metric counts them.
 */
public final class RestartReporter {
    private static final Logger LOG = LoggerFactory.getLogger(RestartReporter.class);
    private static final Map<JobID, Restarts> RESTARTS = new ConcurrentHashMap<>();

    private RestartReporter() {
    }

    /** A job's restarts so far and the one-line cause of the last. */
    public record Restarts(int count, String lastCause) {
    }

    /** What the JobManager in this JVM reported for the job, if anything. */
    public static Optional<Restarts> of(JobID job) {
        return Optional.ofNullable(RESTARTS.get(job));
    }

    /** Forgets a finished job. */
    public static void forget(JobID job) {
        RESTARTS.remove(job);
    }

    static void failed(JobID job, String jobName, Throwable cause) {
        String text = FailureCauses.oneLine(cause);
        Restarts now = RESTARTS.merge(job, new Restarts(1, text), (old, one) -> new Restarts(old.count() + 1, text));
        LOG.warn("job '{}' ({}) failed, restart {}: {}", jobName, job, now.count(), text);
    }

    /** Instantiated by Flink by class name. */
    public static final class Factory implements JobStatusChangedListenerFactory {
        @Override
        public JobStatusChangedListener createListener(Context context) {
            return RestartReporter::onEvent;
        }
    }

    private static void onEvent(JobStatusChangedEvent event) {
        if (event instanceof JobExecutionStatusEvent) {
            JobExecutionStatusEvent status = (JobExecutionStatusEvent) event;
            // A job that will be restarted goes RUNNING -> RESTARTING with the failure that caused it.
            if (status.newStatus() == JobStatus.RESTARTING && status.exception() != null) {
                failed(event.jobId(), event.jobName(), status.exception());
            }
        }
    }
}
