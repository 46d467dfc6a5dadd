package io.aerobackup.job;

import io.aerobackup.config.JobArguments;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.changefeed.ChangeFeedJobOptions;
import io.aerobackup.job.changefeed.ChangeFeedRunner;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Entry point for {@code flink run -c io.aerobackup.job.BackupJob aerobackup.jar --hosts ... --namespace ... --to ...}:
 * the same options ({@link BackupJobOptions#ALL}) and checks as {@code aerobackup backup}, on the
 * cluster's execution environment. Reads its arguments without the CLI's picocli.
 */
public final class BackupJob {
    /** A backup or change feed the arguments describe, checked; nothing has run yet. */
    private record Plan(BackupSpec spec, ChangeFeedOptions feed, RestartPolicy restarts, boolean continuous) {
    }

    private BackupJob() {
    }

    /** Whether Flink's client was told not to wait for the job ({@code flink run -d}). */
    static boolean detached(StreamExecutionEnvironment env) {
        return !env.getConfiguration().getOptional(DeploymentOptions.ATTACHED).orElse(true);
    }

    public static void main(String[] args) throws Exception {
        EntryPoint.exit(run(args));
    }

    /** Runs the job the arguments describe; returns the exit code. */
    static int run(String... args) throws Exception {
        return EntryPoint.run("BackupJob", args, BackupJobOptions.ALL, config -> execute(plan(config)));
    }

    /**
     * Reads and checks the arguments as {@link #main} does, running nothing; an
     * IllegalArgumentException names the bad one.
     */
    public static void check(String... args) {
        plan(JobArguments.parse(args, BackupJobOptions.ALL));
    }

    private static Plan plan(Configuration config) {
        BackupSpec spec = BackupJobOptions.toSpec(config);
        ChangeFeedOptions feed = ChangeFeedJobOptions.toOptions(config, spec);
        RestartPolicy restarts = RestartPolicy.from(config);
        boolean continuous = ChangeFeedJobOptions.continuous(config);
        if (!continuous) {
            RestartPolicy.rejectFeedOptions(config);
        }
        return new Plan(spec, feed, restarts, continuous);
    }

    private static void execute(Plan plan) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment
                .getExecutionEnvironment(plan.restarts().flinkConfiguration(plan.continuous()));
        if (plan.continuous()) {
            ChangeFeedRunner.prepare(env, plan.spec(), plan.feed(), UnaryOperator.identity());
            env.execute("aerobackup change feed " + plan.spec().scan().namespace());
            return;
        }
        if (detached(env)) {
            // flink run -d: the job commits its backup by itself; nobody waits for it here.
            BackupRunner.Submitted submitted = BackupRunner.submit(env, plan.spec(), Instant.now(),
                    UnaryOperator.identity());
            submitted.progress().release();
            System.out.println("backup " + submitted.backupId() + " submitted as Flink job "
                    + submitted.job().getJobID() + "; the job commits its manifest when it finishes");
            return;
        }
        BackupResult result = BackupRunner.run(env, plan.spec(), ProgressListener.NONE, UnaryOperator.identity());
        System.out.println("backup " + result.manifest().backupId() + " committed: " + result.manifest().recordCount()
                + " records");
    }
}
