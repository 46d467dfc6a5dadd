package io.aerobackup.job;

import io.aerobackup.cli.ChangeFeedOptionsMixin;
import io.aerobackup.cli.RestartOptionsMixin;
import io.aerobackup.job.changefeed.ChangeFeedRunner;

import io.aerobackup.cli.BackupOptionsMixin;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * Entry point for {@code flink run -c io.aerobackup.job.BackupJob aerobackup.jar --hosts ... --namespace ... --to ...}:
 * the same options and checks as {@code aerobackup backup}, on the cluster's execution environment.
 */
@Command(name = "BackupJob", mixinStandardHelpOptions = true)
public final class BackupJob implements Callable<Integer> {
    @Mixin
    BackupOptionsMixin options;

    @Mixin
    ChangeFeedOptionsMixin feed;

    @Mixin
    RestartOptionsMixin restarts;

    /** Whether Flink's client was told not to wait for the job ({@code flink run -d}). */
    static boolean detached(StreamExecutionEnvironment env) {
        return !env.getConfiguration().getOptional(DeploymentOptions.ATTACHED).orElse(true);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new BackupJob()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (feed.continuous()) {
            BackupSpec spec = options.toSpec();
            StreamExecutionEnvironment env = restarts.environment(true, false);
            ChangeFeedRunner.prepare(env, spec, feed.toOptions(spec.destination(), spec.incremental().skewMargin()),
                    UnaryOperator.identity());
            env.execute("aerobackup change feed " + spec.scan().namespace());
            return 0;
        }
        restarts.rejectFeedOptions();
        StreamExecutionEnvironment env = restarts.environment(false, false);
        if (detached(env)) {
            // flink run -d: the job commits its backup by itself; nobody waits for it here.
            BackupRunner.Submitted submitted = BackupRunner.submit(env, options.toSpec(), Instant.now(),
                    UnaryOperator.identity());
            submitted.progress().release();
            System.out.println("backup " + submitted.backupId() + " submitted as Flink job "
                    + submitted.job().getJobID() + "; the job commits its manifest when it finishes");
            return 0;
        }
        BackupResult result = BackupRunner.run(env, options.toSpec(), ProgressListener.NONE,
                UnaryOperator.identity());
        System.out.println("backup " + result.manifest().backupId() + " committed: " + result.manifest().recordCount()
                + " records");
        return 0;
    }
}
