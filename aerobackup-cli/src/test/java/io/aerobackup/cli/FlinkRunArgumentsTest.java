package io.aerobackup.cli;

import io.aerobackup.config.JobArguments;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.BackupJobOptions;
import io.aerobackup.job.replicate.ReplicateJobOptions;
import io.aerobackup.job.replicate.ReplicationSpec;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.restore.RestoreJobOptions;
import io.aerobackup.restore.RestoreSpec;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code flink run ... BackupJob/RestoreJob} reads its arguments without picocli into the same
 * configuration, and so the same spec and the same errors, as {@code aerobackup backup/restore}.
 */
class FlinkRunArgumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "--hosts h:3000 --namespace test --to /backups",
        "--hosts a:3000,b:3001 --namespace test --to s3://bucket/x --set s1,s2 --set s3 --bins a,b"
            + " --partitions 0-99,1000 --max-records 500 --records-per-second 2000 --socket-timeout 3000"
            + " --total-timeout 60000 --max-retries 2 --connect-timeout 1000",
        "--hosts h:3000 --namespace test --to /b --no-bins --filter-exp AAEC --modified-after 2026-11-25T02:00:00Z"
            + " --modified-before 1900000000",
        "--hosts h:3000 --namespace test --to /b --compress gzip --compression-level 5 --file-size 64"
            + " --row-group-size 8 --parallelism 3 --checkpoint-interval 0",
        "--hosts h:3000 --namespace test --to /b --incremental --cumulative --full-if-missing --clock-skew-margin 30",
        "--hosts h:3000 --namespace test --to /b --restart-attempts 0 --restart-delay 0.5"})
    void backupSpecIsTheCommandLines(String arguments) {
        String[] args = arguments.split(" ");
        BackupSpec fromCli = BackupJobOptions.toSpec(commandLine("backup", args, BackupJobOptions.ALL));
        BackupSpec fromFlinkRun = BackupJobOptions.toSpec(JobArguments.parse(args, BackupJobOptions.ALL));

        assertThat(fromFlinkRun).usingRecursiveComparison().isEqualTo(fromCli);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--hosts h:3000 --namespace test --from /backups",
        "--hosts h:3000 --namespace test,restore --from /b --backup 20261125T020000Z-abc --set s1 --set-map s1=t1,s2=t2"
            + " --bins a --no-generation --mode replace --extra-ttl 60 --ignore-record-errors 13,14"
            + " --records-per-second 100 --batch-size 64 --max-in-flight 2 --max-retries 1 --durable-deletes",
        "--hosts h:3000 --namespace test --from /b --time 2026-11-25T02:00:00Z --indexes-last --validate"
            + " --parallelism 2 --connect-timeout 100",
        "--hosts h:3000 --namespace test --from /b --no-indexes --mode create-only --restart-attempts 5"})
    void restoreSpecIsTheCommandLines(String arguments) {
        String[] args = arguments.split(" ");
        RestoreSpec fromCli = RestoreJobOptions.toSpec(commandLine("restore", args, RestoreJobOptions.ALL));
        RestoreSpec fromFlinkRun = RestoreJobOptions.toSpec(JobArguments.parse(args, RestoreJobOptions.ALL));

        assertThat(fromFlinkRun).usingRecursiveComparison().isEqualTo(fromCli);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--hosts h:3000 --namespace test --to-hosts d:3000",
        "--hosts a:3000,b:3001 --namespace test,standby --to-hosts d:3000,e:3001 --set s1,s2 --interval 5"
            + " --checkpoint-interval 2 --clock-skew-margin 3 --batch-size 64 --max-in-flight 2 --max-retries 1"
            + " --ignore-record-errors 13 --durable-deletes --write-timeout 900 --socket-timeout 3000 --parallelism 2",
        "--hosts h:3000 --namespace test --to-hosts d:3000 --backup-to /b --status-to /s/status.json --compress gzip"
            + " --file-size 64 --to-connect-timeout 100 --max-failures 3 --failure-interval 5"})
    void replicationSpecIsTheCommandLines(String arguments) {
        String[] args = arguments.split(" ");
        ReplicationSpec fromCli = ReplicateJobOptions.toSpec(commandLine("replicate", args, ReplicateJobOptions.ALL));
        ReplicationSpec fromFlinkRun = ReplicateJobOptions.toSpec(JobArguments.parse(args, ReplicateJobOptions.ALL));

        assertThat(fromFlinkRun).usingRecursiveComparison().isEqualTo(fromCli);
        assertThat(fromCli.destination().hosts()).isEqualTo(args[5]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--file-size 0", "--cumulative", "--partitions 5-2", "--modified-after yesterday",
        "--max-failures 3", "--restart-delay 7200"})
    void badBackupOptionsFailAlike(String bad) {
        String[] args = ("--hosts h:3000 --namespace test --to /b " + bad).split(" ");
        Configuration cli = commandLine("backup", args, BackupJobOptions.ALL);
        Configuration flinkRun = JobArguments.parse(args, BackupJobOptions.ALL);

        String message = failure(cli);
        assertThat(message).startsWith("--");
        assertThat(failure(flinkRun)).isEqualTo(message);
    }

    /** What {@code aerobackup COMMAND ARGS} hands to the layers below. */
    private static Configuration commandLine(String command, String[] args, List<ConfigOption<?>> options) {
        CommandLine root = AerobackupCli.newCommandLine();
        root.parseArgs(Stream.concat(Stream.of(command), Stream.of(args)).toArray(String[]::new));
        return GivenOptions.of(root.getSubcommands().get(command).getCommandSpec(), options);
    }

    /** The message of the first check a backup run makes that fails. */
    private static String failure(Configuration config) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> {
            BackupJobOptions.toSpec(config);
            RestartPolicy.from(config);
            RestartPolicy.rejectFeedOptions(config);
        }).isInstanceOf(IllegalArgumentException.class).satisfies(t -> thrown[0] = t);
        return thrown[0].getMessage();
    }
}
