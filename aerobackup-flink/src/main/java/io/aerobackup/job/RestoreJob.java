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
        EntryPoint.exit(run(args));
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
        StreamExecutionEnvironment env = StreamExecutionEnvironment
                .getExecutionEnvironment(plan.restarts().flinkConfiguration(false));
        if (BackupJob.detached(env) && !plan.spec().validateOnly()) {
            if (plan.spec().indexesLast()) {
                throw new IllegalArgumentException("--indexes-last needs a run that waits for the job (the indexes"
                        + " are created after it): run without -d, or without --indexes-last");
            }
            // flink run -d: the job reports its outcome in the summary it writes into the catalog.
            RestoreRunner.Submitted submitted = RestoreRunner.submit(env, plan.spec());
            System.out.println("restore " + submitted.restoreId() + " of " + submitted.backupId()
                    + " submitted as Flink job " + submitted.job().getJobID() + "; the job writes its summary to "
                    + submitted.summary() + " when it finishes");
            return;
        }
        RestoreResult result = RestoreRunner.run(env, plan.spec(), ProgressListener.NONE);
        if (result.validateOnly()) {
            System.out.println("backup " + result.chain().target().backupId() + " validated: " + result.rowsRead()
                    + " rows, nothing written");
            return;
        }
        // On a remote cluster the counts are the writers', in the summary (this JVM counts only local writers).
        System.out.println("restore of " + result.chain().target().backupId() + " done; summary: "
                + result.summary());
    }
}
