package io.aerobackup.cli;

/**
 * Process exit codes of the {@code aerobackup} command line, stable so that an orchestrator
 * (cron, Airflow, Argo, a shell script) can act on them.
 */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;

    /** The command started but failed: cluster unreachable, job failed, I/O error. */
    public static final int RUN_FAILED = 1;

    /** Bad input: unknown option, invalid value, missing subcommand, port already in use. */
    public static final int USAGE = 2;

    /** The command was interrupted before it finished. */
    public static final int INTERRUPTED = 3;

    private ExitCodes() {}
}
