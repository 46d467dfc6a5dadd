package io.aerobackup.cli;

import com.aerospike.client.policy.AuthMode;
import picocli.CommandLine.Option;

/**
 * How to reach the destination cluster of {@code aerobackup replicate}: the source's connection
 * options with a {@code --to-} prefix. Declarations only: {@code ReplicateJobOptions} holds the
 * ConfigOptions, defaults and checks. As for the source, a password is never a value on the
 * command line; the destination's comes from a file or an environment variable (no prompt).
 */
public final class DestinationOptionsMixin {
    @Option(names = "--to-hosts", required = true, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Seed nodes of the destination cluster.")
    String hosts;

    @Option(names = "--to-connect-timeout", paramLabel = "MS",
            description = "How long to wait for the destination at start (default ${DEFAULT-VALUE}).")
    long connectTimeoutMs;

    @Option(names = "--to-tls-enable", description = "Connect to the destination with TLS.")
    boolean tlsEnable;

    @Option(names = "--to-tls-name", paramLabel = "NAME", description = "The name the destination's certificates carry.")
    String tlsName;

    @Option(names = "--to-tls-cafile", paramLabel = "FILE", description = "PEM file of the destination's CA certificate(s).")
    String tlsCaFile;

    @Option(names = "--to-tls-certfile", paramLabel = "FILE", description = "PEM client certificate chain for the destination.")
    String tlsCertFile;

    @Option(names = "--to-tls-keyfile", paramLabel = "FILE", description = "PEM PKCS#8 key of --to-tls-certfile.")
    String tlsKeyFile;

    @Option(names = "--to-tls-protocols", paramLabel = "LIST",
            description = "TLS protocols to allow with the destination (default ${DEFAULT-VALUE}).")
    String tlsProtocols;

    @Option(names = "--to-user", paramLabel = "USER",
            description = "User on the destination; the password comes from --to-password-file or --to-password-env.")
    String user;

    @Option(names = "--to-password-file", paramLabel = "FILE", description = "File holding the destination user's password.")
    String passwordFile;

    @Option(names = "--to-password-env", paramLabel = "VAR",
            description = "Environment variable holding the destination user's password.")
    String passwordEnv;

    @Option(names = "--to-auth", paramLabel = "MODE", description = "INTERNAL (default), EXTERNAL, EXTERNAL_INSECURE or PKI.")
    AuthMode auth;
}
