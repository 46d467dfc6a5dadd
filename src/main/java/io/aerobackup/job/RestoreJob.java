package io.aerobackup.job;

import io.aerobackup.execution.ProgressListener;

import io.aerobackup.cli.RestartOptionsMixin;
import io.aerobackup.cli.RestoreOptionsMixin;
import io.aerobackup.restore.RestoreResult;
import io.aerobackup.restore.RestoreRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Entry point for {@code flink run -c io.aerobackup.job.RestoreJob aerobackup.jar --from ... --namespace ... --hosts ...}. */
@Command(name = "RestoreJob", mixinStandardHelpOptions = true)
public final class RestoreJob implements Callable<Integer> {
    @Mixin
    RestoreOptionsMixin options;

    @Mixin
    RestartOptionsMixin restarts;

    public static void main(String[] args) {
        int code = new CommandLine(new RestoreJob()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        restarts.rejectFeedOptions();
        RestoreResult result = RestoreRunner.run(restarts.environment(false, false), options.toSpec(), ProgressListener.NONE);
        System.out.println("restore of " + result.chain().target().backupId() + " done: " + result.written()
                + " written, " + result.deleted() + " deleted, skipped " + result.skipped());
        return 0;
    }
}
