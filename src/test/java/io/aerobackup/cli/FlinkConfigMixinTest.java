package io.aerobackup.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** -D options of backup and restore reach the local cluster's configuration; the restart options still win. */
class FlinkConfigMixinTest {

    @Test
    void repeatedDefinesInBothFormsBecomeFlinkSettings() {
        CommandLine.ParseResult parsed = AerobackupCli.newCommandLine().parseArgs("backup", "--hosts", "h:3000",
                "--namespace", "test", "--to", "/tmp/x", "-D", "metrics.reporter.prom.port=9249",
                "-Dparallelism.default=3");
        FlinkConfigMixin flink = ((BackupCommand) parsed.subcommand().commandSpec().userObject()).flink;

        Configuration settings = flink.configuration();

        assertThat(settings.toMap()).containsEntry("metrics.reporter.prom.port", "9249")
                .containsEntry("parallelism.default", "3");
    }

    @Test
    void restoreTakesThemToo() {
        CommandLine.ParseResult parsed = AerobackupCli.newCommandLine().parseArgs("restore", "--from", "/tmp/x",
                "--namespace", "test", "--hosts", "h:3000", "-D", "metrics.reporter.prom.port=9250");
        FlinkConfigMixin flink = ((RestoreCommand) parsed.subcommand().commandSpec().userObject()).flink;

        assertThat(flink.configuration().toMap()).containsEntry("metrics.reporter.prom.port", "9250");
    }

    @Test
    void theRestartOptionsWinOverADefinedRestartStrategy() {
        Configuration settings = new Configuration();
        settings.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 99);
        CommandLine.ParseResult parsed = AerobackupCli.newCommandLine().parseArgs("restore", "--from", "/tmp/x",
                "--namespace", "test", "--hosts", "h:3000", "--restart-attempts", "1");
        RestartOptionsMixin restarts = ((RestoreCommand) parsed.subcommand().commandSpec().userObject()).restarts;

        Configuration config = Configuration.fromMap(restarts.environment(false, false, settings)
                .getConfiguration().toMap());

        assertThat(config.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(1);
    }
}
