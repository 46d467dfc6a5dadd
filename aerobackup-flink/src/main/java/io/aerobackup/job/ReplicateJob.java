package io.aerobackup.job;

import io.aerobackup.config.JobArguments;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.replicate.ReplicateJobOptions;
import io.aerobackup.job.replicate.ReplicationRunner;
import io.aerobackup.job.replicate.ReplicationSpec;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run -c io.aerobackup.job.ReplicateJob aerobackup.jar --hosts SRC
 * --namespace NS[,DST_NS] --to-hosts DST ...}: the same options ({@link ReplicateJobOptions#ALL})
 * and checks as {@code aerobackup replicate}. The job runs until cancelled or stopped with a
 * savepoint.
 */
public final class ReplicateJob {
    /** A replication the arguments describe, checked; nothing has run yet. */
    private record Plan(ReplicationSpec spec, RestartPolicy restarts) {
    }

    private ReplicateJob() {
    }

    public static void main(String[] args) throws Exception {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job the arguments describe; returns the exit code. */
    static int run(String... args) throws Exception {
        return EntryPoint.run("ReplicateJob", args, ReplicateJobOptions.ALL, config -> execute(plan(config)));
    }

    /**
     * Reads and checks the arguments as {@link #main} does, running nothing and contacting no
     * cluster; an IllegalArgumentException names the bad one.
     */
    public static ReplicationSpec check(String... args) {
        return plan(JobArguments.parse(args, ReplicateJobOptions.ALL)).spec();
    }

    private static Plan plan(Configuration config) {
        return new Plan(ReplicateJobOptions.toSpec(config), RestartPolicy.from(config));
    }

    private static void execute(Plan plan) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment
                .getExecutionEnvironment(plan.restarts().flinkConfiguration(true));
        ReplicationSpec spec = ReplicationRunner.prepare(env, plan.spec());
        if (BackupJob.detached(env)) {
            System.out.println("replication of " + spec.scan().namespace() + " to " + spec.destinationNamespace()
                    + " submitted as Flink job " + env.executeAsync(ReplicationRunner.jobName(spec)).getJobID()
                    + "; it runs until cancelled or stopped with a savepoint");
            return;
        }
        env.execute(ReplicationRunner.jobName(spec));
    }
}
