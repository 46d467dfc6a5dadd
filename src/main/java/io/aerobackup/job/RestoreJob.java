package io.aerobackup.job;

import io.aerobackup.execution.ProgressListener;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.restore.RestoreJobOptions;
import io.aerobackup.restore.RestoreResult;
import io.aerobackup.restore.RestoreSpec;
import io.aerobackup.restore.RestoreRunner;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run -c io.aerobackup.job.RestoreJob aerobackup.jar --from ... --namespace ... --hosts ...}:
 * the same options ({@link RestoreJobOptions#ALL}) and checks as {@code aerobackup restore}.
 */
public final class RestoreJob {
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
        return EntryPoint.run("RestoreJob", args, RestoreJobOptions.ALL, RestoreJob::restore);
    }

    private static void restore(Configuration config) throws Exception {
        RestoreSpec spec = RestoreJobOptions.toSpec(config);
        RestartPolicy.rejectFeedOptions(config);
        RestoreResult result = RestoreRunner.run(StreamExecutionEnvironment
                .getExecutionEnvironment(RestartPolicy.from(config).flinkConfiguration(false)), spec,
                ProgressListener.NONE);
        System.out.println("restore of " + result.chain().target().backupId() + " done: " + result.written()
                + " written, " + result.deleted() + " deleted, skipped " + result.skipped());
    }
}
