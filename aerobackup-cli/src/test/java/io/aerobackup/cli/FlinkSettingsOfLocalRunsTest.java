package io.aerobackup.cli;

import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.restore.RestoreJobOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** -D options of backup and restore reach the local cluster's configuration; the restart options still win. */
class FlinkSettingsOfLocalRunsTest {

    @Test
    void repeatedDefinesInBothFormsBecomeFlinkSettings() {
        CommandLine.ParseResult parsed = AerobackupCli.newCommandLine().parseArgs("backup", "--hosts", "h:3000",
                "--namespace", "test", "--to", "/tmp/x", "-D", "metrics.reporter.prom.port=9249",
                "-Dparallelism.default=3");
        Configuration settings = ((BackupCommand) parsed.subcommand().commandSpec().userObject()).root
                .flinkConfiguration();

        assertThat(settings.toMap()).containsEntry("metrics.reporter.prom.port", "9249")
                .containsEntry("parallelism.default", "3");
    }

    @Test
    void restoreTakesThemToo() {
        CommandLine.ParseResult parsed = AerobackupCli.newCommandLine().parseArgs("restore", "--from", "/tmp/x",
                "--namespace", "test", "--hosts", "h:3000", "-D", "metrics.reporter.prom.port=9250");
        Configuration settings = ((RestoreCommand) parsed.subcommand().commandSpec().userObject()).root
                .flinkConfiguration();

        assertThat(settings.toMap()).containsEntry("metrics.reporter.prom.port", "9250");
    }

    @Test
    void theRestartOptionsWinOverADefinedRestartStrategy() {
        Configuration settings = new Configuration();
        settings.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 99);
        CommandLine root = AerobackupCli.newCommandLine();
        root.parseArgs("restore", "--from", "/tmp/x", "--namespace", "test", "--hosts", "h:3000",
                "--restart-attempts", "1");
        Configuration given = GivenOptions.of(root.getSubcommands().get("restore").getCommandSpec(),
                RestoreJobOptions.ALL);

        Configuration config = Configuration.fromMap(LocalFlink.environment(settings,
                RestartPolicy.from(given).flinkConfiguration(false)).getConfiguration().toMap());

        assertThat(config.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(1);
    }
}
