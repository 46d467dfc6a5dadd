package io.aerobackup.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code aerobackup} command line: the root command and its subcommands.
 *
 * <p>Commands only parse and validate their arguments and hand over to the code that does the
 * work. Failures become the exit codes in {@link ExitCodes}: a usage error (picocli's
 * {@link ParameterException}, also when a command throws one after parsing) is {@value
 * ExitCodes#USAGE}, an interruption is {@value ExitCodes#INTERRUPTED}, any other failure is
 * {@value ExitCodes#RUN_FAILED}.
 */
@Command(
        name = "aerobackup",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Backs up and restores Aerospike databases with Apache Flink jobs.",
        subcommands = {BackupCommand.class, RestoreCommand.class, CompactCommand.class, ListCommand.class,
            VerifyCommand.class, PruneCommand.class, EstimateCommand.class, ServerCommand.class, DemoCommand.class,
            TriggerCommand.class, ImportAsbCommand.class, ExportAsbCommand.class,
            ReplicateCommand.class, StatusCommand.class},
        exitCodeOnSuccess = ExitCodes.OK,
        exitCodeOnUsageHelp = ExitCodes.OK,
        exitCodeOnVersionHelp = ExitCodes.OK,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.RUN_FAILED,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + ":success",
            ExitCodes.RUN_FAILED + ":the run failed",
            ExitCodes.USAGE + ":bad input or usage",
            ExitCodes.INTERRUPTED + ":interrupted"
        })
public final class AerobackupCli implements Callable<Integer> {

    /** Set to any non-empty value to print the stack trace of a failed run. */
    static final String DEBUG_ENV = "AEROBACKUP_DEBUG";

    @Spec private CommandSpec spec;

    @Mixin FlinkConfigurationLoader flinkConfiguration;

    /** The Flink configuration of this run: config.yaml in FLINK_CONF_DIR, then -D options. */
    Configuration flinkConfiguration() {
        return flinkConfiguration.loaded();
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** A fully configured command line; tests use it to run commands without exiting. */
    public static CommandLine newCommandLine() {
        return newCommandLine(System.getenv());
    }

    /** The command line of a process with this environment (FLINK_CONF_DIR, AWS_ACCESS_KEY_ID, ...). */
    public static CommandLine newCommandLine(java.util.Map<String, String> environment) {
        AerobackupCli root = new AerobackupCli();
        CommandLine cli = new CommandLine(root);
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new RunFailureHandler());
        cli.setExecutionStrategy(new FileSystemsBeforeRun(environment, root.flinkConfiguration));
        return cli;
    }

    /** {@code aerobackup} without a subcommand is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing subcommand: choose one of "
                        + String.join(", ", spec.subcommands().keySet()));
    }

    /** Prints the problem and where to get help, not the whole usage text; exits with 2. */
    static final class UsageErrorHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            err.println(cmd.getColorScheme().errorText(name + ": " + ex.getMessage()));
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + name + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    /** Prints the failure's message chain; exits with 3 when interrupted, else with 1. */
    static final class RunFailureHandler implements IExecutionExceptionHandler {
        private static final int MAX_CAUSES = 16;

        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            boolean interrupted = isInterruption(ex);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            err.println(cmd.getColorScheme().errorText(name + ": " + describe(ex)));
            if (ex instanceof io.aerobackup.execution.JobFailedException) {
                io.aerobackup.execution.JobFailedException failed = (io.aerobackup.execution.JobFailedException) ex;
                err.println("hint: " + failed.hint());
                if (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--json")) {
                    // Scripts reading --json get the failure in the same form as a success.
                    java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
                    summary.put("error", failed.getMessage());
                    summary.put("hint", failed.hint());
                    summary.put("restarts", failed.restarts());
                    cmd.getOut().println(JsonOutput.write(summary));
                    cmd.getOut().flush();
                }
            }
            String debug = System.getenv(DEBUG_ENV);
            if (debug != null && !debug.isEmpty()) {
                ex.printStackTrace(err);
            } else {
                err.println("Set " + DEBUG_ENV + "=1 to print the stack trace.");
            }
            err.flush();
            if (interrupted) {
                return ExitCodes.INTERRUPTED;
            }
            return isBadInput(ex) ? ExitCodes.USAGE : ExitCodes.RUN_FAILED;
        }

        /** Input that cannot work (wrong hosts, unknown namespace, unusable destination) is exit code 2. */
        private static boolean isBadInput(Throwable ex) {
            if (ex instanceof IllegalArgumentException) {
                return true; // thrown while validating options, before anything ran
            }
            if (ex instanceof io.aerobackup.execution.JobFailedException
                    && ((io.aerobackup.execution.JobFailedException) ex).badInput()) {
                return true; // refused credentials or certificates: a rerun as it is cannot work
            }
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof io.aerobackup.execution.BadInputException) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isInterruption(Throwable ex) {
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof InterruptedException) {
                    return true;
                }
            }
            return false;
        }

        /** "message: cause message: ..." without repeating a cause already in the message. */
        static String describe(Throwable ex) {
            if (ex instanceof io.aerobackup.execution.JobFailedException) {
                return ex.getMessage(); // already the root cause in one line
            }
            StringBuilder text = new StringBuilder();
            int depth = 0;
            for (Throwable t = ex; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
                String message = t.getMessage();
                if (message == null || message.isBlank()) {
                    message = t.getClass().getSimpleName();
                }
                if (text.indexOf(message) < 0) {
                    if (text.length() > 0) {
                        text.append(": ");
                    }
                    text.append(message);
                }
            }
            return text.toString();
        }
    }
}
