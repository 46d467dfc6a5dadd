package io.aerobackup.cli;

import picocli.CommandLine.Option;

/** The Flink parallelism of a job-running command; its default is {@code ExecutionOptions.PARALLELISM}'s. */
public final class ParallelismMixin {
    @Option(names = "--parallelism", description = "Flink parallelism (0: the environment's default).")
    int parallelism;
}
