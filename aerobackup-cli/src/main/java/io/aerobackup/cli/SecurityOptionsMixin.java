package io.aerobackup.cli;

import com.aerospike.client.policy.AuthMode;
import picocli.CommandLine.Option;

/**
 * TLS and login, with the names asbackup and asrestore use, for every command that connects.
 * Declarations only: {@code SecurityOptions} holds the ConfigOptions, defaults and checks.
 * There is deliberately no {@code --password VALUE}: a value on the command line shows in the
 * process list and in shell histories. {@code --password} alone prompts (see {@link PasswordPrompt}).
 */
public final class SecurityOptionsMixin {
    @Option(names = "--tls-enable", description = "Connect with TLS (any other --tls-* option implies it).")
    boolean tlsEnable;

    @Option(names = "--tls-name", paramLabel = "NAME",
            description = "The name the servers' certificates carry (CN or DNS subject alternative name);"
                    + " default: each host's own name. A host may name its own: host:tls-name:port.")
    String tlsName;

    @Option(names = "--tls-cafile", paramLabel = "FILE",
            description = "PEM file of the CA certificate(s) to trust (default: the JVM's trust store).")
    String tlsCaFile;

    @Option(names = "--tls-certfile", paramLabel = "FILE",
            description = "PEM file of this client's certificate chain, for mutual TLS (with --tls-keyfile).")
    String tlsCertFile;

    @Option(names = "--tls-keyfile", paramLabel = "FILE",
            description = "PEM file of the client certificate's unencrypted PKCS#8 key (BEGIN PRIVATE KEY).")
    String tlsKeyFile;

    @Option(names = "--tls-protocols", paramLabel = "LIST",
            description = "TLS protocols to allow, e.g. TLSv1.3 or TLSv1.2,TLSv1.3 (default ${DEFAULT-VALUE}).")
    String tlsProtocols;

    @Option(names = {"-U", "--user"}, paramLabel = "USER",
            description = "User to log in as. The password comes from --password-file, --password-env, the"
                    + " environment variable AEROSPIKE_PASSWORD, or a prompt (--password, or by itself at a terminal).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the password (one line). The file's path, not the password, goes to the job.")
    String passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Environment variable holding the password (default AEROSPIKE_PASSWORD). On a Flink"
                    + " cluster it must be set for the TaskManagers and the JobManager.")
    String passwordEnv;

    @Option(names = {"-P", "--password"}, arity = "0..1", fallbackValue = PasswordPrompt.PROMPT,
            paramLabel = "(prompt)",
            description = "Prompt for the password at the terminal (input hidden). Takes no value: a password"
                    + " on the command line is refused.")
    String password;

    @Option(names = "--auth", paramLabel = "MODE",
            description = "How the server checks the user: INTERNAL (default), EXTERNAL (LDAP; the password goes"
                    + " to the server over TLS), EXTERNAL_INSECURE, PKI (the client certificate's name).")
    AuthMode auth;
}
