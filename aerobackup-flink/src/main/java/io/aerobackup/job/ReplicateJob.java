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
 * savepoint; bad input (arguments, a namespace missing on either cluster, an unreachable cluster)
 * exits with the usage code before it starts.
 */
public final class ReplicateJob {
    private ReplicateJob() {
    }

    public static void main(String[] args) throws Exception {
        EntryPoint.exit(run(args));
    }

    /** Runs the job the arguments describe; returns the exit code. */
    static int run(String... args) throws Exception {
        return EntryPoint.run("ReplicateJob", args, ReplicateJobOptions.ALL, ReplicateJob::execute);
    }

    /**
     * Reads and checks the arguments as {@link #main} does, running nothing and contacting no
     * cluster; an IllegalArgumentException names the bad one.
     */
    public static ReplicationSpec check(String... args) {
        return ReplicateJobOptions.toSpec(JobArguments.parse(args, ReplicateJobOptions.ALL));
    }

    private static void execute(Configuration config) throws Exception {
        ReplicationSpec given = ReplicateJobOptions.toSpec(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment
                .getExecutionEnvironment(RestartPolicy.from(config).flinkConfiguration(true));
        ReplicationSpec spec = ReplicationRunner.prepare(env, given);
        String name = ReplicationRunner.jobName(spec);
        if (BackupJob.detached(env)) {
            System.out.println(name + " submitted as Flink job " + env.executeAsync(name).getJobID()
                    + "; it runs until cancelled or stopped with a savepoint");
            return;
        }
        env.execute(name);
    }
}
