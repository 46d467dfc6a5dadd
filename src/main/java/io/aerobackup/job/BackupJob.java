package io.aerobackup.job;

import io.aerobackup.execution.ProgressListener;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.changefeed.ChangeFeedJobOptions;
import io.aerobackup.job.changefeed.ChangeFeedRunner;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.function.UnaryOperator;

/**
 * Entry point for {@code flink run -c io.aerobackup.job.BackupJob aerobackup.jar --hosts ... --namespace ... --to ...}:
 * the same options ({@link BackupJobOptions#ALL}) and checks as {@code aerobackup backup}, on the
 * cluster's execution environment. Reads its arguments without the CLI's picocli.
 */
public final class BackupJob {
    private BackupJob() {
    }

    public static void main(String[] args) throws Exception {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job the arguments describe; returns the exit code. */
    static int run(String... args) throws Exception {
        return EntryPoint.run("BackupJob", args, BackupJobOptions.ALL, BackupJob::backup);
    }

    private static void backup(Configuration config) throws Exception {
        BackupSpec spec = BackupJobOptions.toSpec(config);
        ChangeFeedOptions feed = ChangeFeedJobOptions.toOptions(config, spec);
        RestartPolicy restarts = RestartPolicy.from(config);
        if (ChangeFeedJobOptions.continuous(config)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment
                    .getExecutionEnvironment(restarts.flinkConfiguration(true));
            ChangeFeedRunner.prepare(env, spec, feed, UnaryOperator.identity());
            env.execute("aerobackup change feed " + spec.scan().namespace());
            return;
        }
        RestartPolicy.rejectFeedOptions(config);
        BackupResult result = BackupRunner.run(
                StreamExecutionEnvironment.getExecutionEnvironment(restarts.flinkConfiguration(false)), spec,
                ProgressListener.NONE, UnaryOperator.identity());
        System.out.println("backup " + result.manifest().backupId() + " committed: " + result.manifest().recordCount()
                + " records");
    }
}
