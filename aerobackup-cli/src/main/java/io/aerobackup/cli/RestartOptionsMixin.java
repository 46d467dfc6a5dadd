package io.aerobackup.cli;

import picocli.CommandLine.Option;

/**
 * How often a job may restart before the run fails, shared by the commands that run jobs.
 * Declarations only: the defaults and checks are {@code RestartPolicy}'s ConfigOptions.
 */
public final class RestartOptionsMixin {
    @Option(names = "--restart-attempts", paramLabel = "N", description = "Restarts a backup or restore job may make"
            + " after a failure before the run fails with its cause (default ${DEFAULT-VALUE}).")
    Integer attempts;

    @Option(names = "--restart-delay", paramLabel = "SECONDS",
            description = "Wait before each restart (default ${DEFAULT-VALUE}).")
    Double delaySeconds;

    @Option(names = "--max-failures", paramLabel = "N", description = "With --continuous: failures tolerated within"
            + " --failure-interval before the change feed stops with its cause (default ${DEFAULT-VALUE}).")
    Integer maxFailures;

    @Option(names = "--failure-interval", paramLabel = "MINUTES", description = "With --continuous: the window of"
            + " --max-failures (default ${DEFAULT-VALUE}).")
    Double failureIntervalMinutes;
}
