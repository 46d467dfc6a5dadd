package io.aerobackup.cli;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run's Flink configuration: FLINK_CONF_DIR's config.yaml, -D options on any subcommand, no secrets from arguments. */
class FlinkConfigurationLoaderTest {
    @TempDir
    Path temp;

    private static FlinkConfigurationLoader parse(String... args) {
        AerobackupCli root = new AerobackupCli();
        new CommandLine(root).parseArgs(args);
        return root.flinkConfiguration;
    }

    @Test
    void dashDOnASubcommandWinsOverConfigYaml() throws IOException {
        Files.writeString(temp.resolve("config.yaml"), "s3:\n  endpoint: http://from-file:9000\n"
                + "  path.style.access: true\n");
        FlinkConfigurationLoader loader = parse("list", "--from", "/x", "-Ds3.endpoint=http://from-args:9000");
        Configuration config = loader.load(Map.of("FLINK_CONF_DIR", temp.toString()));
        assertThat(config.toMap()).containsEntry("s3.endpoint", "http://from-args:9000")
                .containsEntry("s3.path.style.access", "true");
    }

    @Test
    void withoutFlinkConfDirOnlyTheOptionsCount() {
        Configuration config = parse("list", "--from", "/x", "-D", "s3.endpoint.region=eu-west-1").load(Map.of());
        assertThat(config.toMap()).containsExactly(Map.entry("s3.endpoint.region", "eu-west-1"));
    }

    @Test
    void aFlinkConfDirThatIsNoFolderIsNamed() {
        FlinkConfigurationLoader loader = parse("list", "--from", "/x");
        assertThatThrownBy(() -> loader.load(Map.of("FLINK_CONF_DIR", temp.resolve("missing").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLINK_CONF_DIR")
                .hasMessageContaining("missing");
    }

    @Test
    void secretsGivenAsArgumentsAreRefusedWithExitCodeTwoAndNotEchoed() {
        for (String key : new String[] {"s3.access-key", "s3.secret-key", "fs.s3a.secret.key", "fs.s3a.access.key",
            "s3.session.token"}) {
            StringWriter err = new StringWriter();
            CommandLine cli = AerobackupCli.newCommandLine(Map.of());
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));
            assertThat(cli.execute("list", "--from", temp.toString(), "-D" + key + "=hunter2")).as(key)
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("-D" + key).contains("AWS_SECRET_ACCESS_KEY").doesNotContain("hunter2");
        }
    }

    @Test
    void ordinaryKeysAreNotMistakenForSecrets() {
        assertThat(FlinkConfigurationLoader.isSecret("s3.endpoint")).isFalse();
        assertThat(FlinkConfigurationLoader.isSecret("s3.path.style.access")).isFalse();
        assertThat(FlinkConfigurationLoader.isSecret("security.delegation.tokens.enabled")).isFalse();
    }
}
