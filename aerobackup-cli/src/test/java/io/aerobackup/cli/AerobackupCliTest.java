package io.aerobackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Parsing, validation and exit codes of the command line; no server is started. */
class AerobackupCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void unknownOptionIsUsageErrorNamingTheOption() {
        int exit = run(AerobackupCli.newCommandLine(), "--no-such-option");

        assertThat(exit).isEqualTo(ExitCodes.USAGE).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown option: '--no-such-option'")
                .contains("aerobackup --help");
    }

    @Test
    void unknownSubcommandIsUsageError() {
        int exit = run(AerobackupCli.newCommandLine(), "no-such-command");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no-such-command");
    }

    @Test
    void missingSubcommandIsUsageErrorListingTheSubcommands() {
        int exit = run(AerobackupCli.newCommandLine());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing subcommand").contains("server");
    }

    @Test
    void helpListsServerSubcommandAndExitCodes() {
        int exit = run(AerobackupCli.newCommandLine(), "--help");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("Usage: aerobackup")
                .containsPattern("(?m)^\\s+server\\s+Runs the embedded Aerospike")
                .contains("Exit codes:")
                .containsPattern("(?m)^\\s+2\\s+bad input or usage");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionNamesTheTool() {
        int exit = run(AerobackupCli.newCommandLine(), "--version");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("aerobackup ");
    }

    @Test
    void serverRejectsZeroNodesBeforeStarting() {
        int exit = run(AerobackupCli.newCommandLine(), "server", "--nodes", "0");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("aerobackup server: --nodes must be at least 1, was 0")
                .contains("aerobackup server --help");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void serverRejectsNonNumericNodes() {
        int exit = run(AerobackupCli.newCommandLine(), "server", "--nodes", "three");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--nodes").contains("three");
    }

    @Test
    void serverRejectsPortOutOfRange() {
        int exit = run(AerobackupCli.newCommandLine(), "server", "--port", "70000");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--port must be in [0,65535], was 70000");
    }

    @Test
    void serverRejectsNodesRunningPastTheLastPort() {
        int exit = run(AerobackupCli.newCommandLine(), "server", "--port", "65535", "--nodes", "2");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("needs ports up to 65536");
    }

    @Test
    void serverRejectsDuplicateNamespace() {
        int exit = run(AerobackupCli.newCommandLine(), "server", "--namespaces", "test,test");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--namespaces names 'test' twice");
    }

    @Test
    void serverReportsPortInUseAsUsageError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            String port = String.valueOf(taken.getLocalPort());

            int exit = run(AerobackupCli.newCommandLine(), "server", "--port", port);

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString())
                    .contains("port " + port + " (node 0) on 127.0.0.1 is already in use");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void failedRunExitsWithOneAndPrintsTheCause() {
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.addSubcommand(new Failing(new IllegalStateException("cluster unreachable",
                new java.io.IOException("connection refused"))));

        int exit = run(cli, "failing");

        assertThat(exit).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(err.toString())
                .contains("aerobackup failing: cluster unreachable: connection refused");
    }

    @Test
    void interruptedRunExitsWithThree() {
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.addSubcommand(new Failing(new InterruptedException("stopped by test")));

        int exit = run(cli, "failing");
        boolean interruptRestored = Thread.interrupted(); // also clears the flag for JUnit

        assertThat(exit).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(interruptRestored).isTrue();
    }

    private int run(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Command(name = "failing")
    private static final class Failing implements Callable<Integer> {
        private final Exception failure;

        Failing(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }
}
