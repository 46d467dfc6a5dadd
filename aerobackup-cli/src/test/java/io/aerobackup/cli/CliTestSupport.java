package io.aerobackup.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Helpers shared by the tests that drive the command line. */
public final class CliTestSupport {
    private CliTestSupport() {
    }

    /** Runs the command line as a user would, its output into {@code out} and its errors into {@code err}, both emptied first. */
    public static int cli(StringWriter out, StringWriter err, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Runs the command line as a user would; its error output goes to {@code err}, for assertion messages. */
    public static int cli(StringWriter err, String... args) {
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
