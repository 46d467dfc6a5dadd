package io.aerobackup.job;

import io.aerobackup.config.JobArguments;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.restore.RestoreJobOptions;
import io.aerobackup.restore.RestoreResult;
import io.aerobackup.restore.RestoreRunner;
import io.aerobackup.restore.RestoreSpec;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run -c io.aerobackup.job.RestoreJob aerobackup.jar --from ... --namespace ... --hosts ...}:
 * the same options ({@link RestoreJobOptions#ALL}) and checks as {@code aerobackup restore}.
 */
public final class RestoreJob {
    /** A restore the arguments describe, checked; nothing has run yet. */
    private record Plan(RestoreSpec spec, RestartPolicy restarts) {
    }

    private RestoreJob() {
    }

    public static void main(String[] args) throws Exception {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job the arguments describe; returns the exit code. */
    static int run(String... args) throws Exception {
        return EntryPoint.run("RestoreJob", args, RestoreJobOptions.ALL, config -> execute(plan(config)));
    }

    /**
     * Reads and checks the arguments as {@link #main} does, running nothing; an
     * IllegalArgumentException names the bad one.
     */
    public static void check(String... args) {
        plan(JobArguments.parse(args, RestoreJobOptions.ALL));
    }

    private static Plan plan(Configuration config) {
        RestartPolicy.rejectFeedOptions(config);
        return new Plan(RestoreJobOptions.toSpec(config), RestartPolicy.from(config));
    }

    private static void execute(Plan plan) throws Exception {
        RestoreResult result = RestoreRunner.run(StreamExecutionEnvironment
                .getExecutionEnvironment(plan.restarts().flinkConfiguration(false)), plan.spec(), ProgressListener.NONE);
        System.out.println("restore of " + result.chain().target().backupId() + " done: " + result.written()
                + " written, " + result.deleted() + " deleted, skipped " + result.skipped());
    }
}
