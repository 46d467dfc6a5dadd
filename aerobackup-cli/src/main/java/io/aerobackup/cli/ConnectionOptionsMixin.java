package io.aerobackup.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How to reach the cluster, shared by every command that connects to one. Declarations only:
 * {@link GivenOptions} reads what was given into {@code ConnectionOptions}' ConfigOptions, which
 * hold the defaults.
 */
public final class ConnectionOptionsMixin {
    @Option(names = "--hosts", required = true, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Seed nodes of the cluster.")
    String hosts;

    @Option(names = "--connect-timeout", paramLabel = "MS",
            description = "How long to wait for the cluster at start (default ${DEFAULT-VALUE}).")
    long connectTimeoutMs;

    @Mixin
    SecurityOptionsMixin security;
}
