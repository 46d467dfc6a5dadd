package io.aerobackup.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The estimate command's help and the input it rejects before touching a cluster. */
class EstimateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpExplainsTheMeasurementsAndTheGoals() {
        assertThat(run("estimate", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("T = D / B").contains("--sample").contains("--no-write-test")
                .contains("--rpo").contains("--rto").contains("--max-storage").contains("--retention")
                .contains("--change-rate").contains("--json");
    }

    @Test
    void malformedGoalsAreRejectedBeforeConnecting() {
        // the hosts would not answer: the goals are checked first
        assertThat(run("estimate", "--hosts", "127.0.0.1:1", "--namespace", "test", "--rto", "soon"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--rto 'soon' is not a duration");
        assertThat(run("estimate", "--hosts", "127.0.0.1:1", "--namespace", "test", "--retention", "0d"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--retention must be longer than 0");
        assertThat(run("estimate", "--hosts", "127.0.0.1:1", "--namespace", "test", "--sample", "0"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--sample must be at least 1");
        assertThat(run("estimate", "--hosts", "nonsense", "--namespace", "test")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--hosts entry 'nonsense'");
    }
}
