package io.aerobackup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.aerobackup.cluster.Passwords;
import io.aerobackup.cluster.TlsContexts;
import io.aerobackup.config.SecurityOptions;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.embedded.security.SecurityConfig;
import io.aerobackup.embedded.security.ServerTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code aerobackup server}: runs the embedded Aerospike-compatible server in the foreground on
 * 127.0.0.1 until Ctrl-C, for the demo and for trying aerobackup without a real cluster.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the embedded Aerospike-compatible server in the foreground on 127.0.0.1 "
                    + "until Ctrl-C.",
            "Data is kept in memory only: a test and demo fixture, not a database."
        })
public final class ServerCommand implements Callable<Integer> {

    static final String LOOPBACK = "127.0.0.1";
    private static final int MAX_PORT = 65_535;

    @Spec private CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "3000",
            description = "Base port: node i listens on PORT+i; 0 picks free ports. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(
            names = "--nodes",
            paramLabel = "N",
            defaultValue = "1",
            description = "Number of cluster nodes, at least 1. Default: ${DEFAULT-VALUE}.")
    private int nodes;

    @Option(
            names = "--namespaces",
            paramLabel = "NS",
            split = ",",
            defaultValue = "test,restore",
            description = "Comma-separated namespaces to create. Default: ${DEFAULT-VALUE}.")
    private List<String> namespaces;

    @Option(names = "--tls-certfile", paramLabel = "FILE",
            description = "Serve TLS only, with this PEM certificate chain (with --tls-keyfile and --tls-name).")
    private String tlsCertFile;

    @Option(names = "--tls-keyfile", paramLabel = "FILE", description = "PEM PKCS#8 key of --tls-certfile.")
    private String tlsKeyFile;

    @Option(names = "--tls-name", paramLabel = "NAME",
            description = "The name the certificate carries, announced to clients (their --tls-name).")
    private String tlsName;

    @Option(names = "--tls-cafile", paramLabel = "FILE",
            description = "Mutual TLS: clients must show a certificate signed by a CA in this PEM file.")
    private String tlsCaFile;

    @Option(names = "--user", paramLabel = "USER",
            description = "Turn security on with this user (role read-write); clients must log in.")
    private String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The user's password, from this file.")
    private String passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "The user's password, from this environment variable (default AEROSPIKE_PASSWORD).")
    private String passwordEnv;

    @Option(names = "--session-ttl", paramLabel = "SECONDS", defaultValue = "86400",
            description = "How long a login session lasts. Default: ${DEFAULT-VALUE}.")
    private long sessionTtlSeconds;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        EmbeddedAerospike server = start();
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop(server, closed);
            stopped.countDown();
        }, "aerobackup-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printBanner(server.hosts());
        try {
            stopped.await();
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            removeHook(hook);
            stop(server, closed);
            throw e;
        }
    }

    private void validate() {
        if (nodes < 1) {
            throw usageError("--nodes must be at least 1, was " + nodes);
        }
        if (port < 0 || port > MAX_PORT) {
            throw usageError("--port must be in [0," + MAX_PORT + "], was " + port);
        }
        if (port != 0 && (long) port + nodes - 1 > MAX_PORT) {
            throw usageError("--port " + port + " with --nodes " + nodes + " needs ports up to "
                    + ((long) port + nodes - 1) + ", above " + MAX_PORT
                    + "; choose a lower --port or fewer --nodes");
        }
        Set<String> seen = new HashSet<>();
        for (String namespace : namespaces) {
            if (namespace.isBlank()) {
                throw usageError("--namespaces must not contain an empty name, was '"
                        + String.join(",", namespaces) + "'");
            }
            if (!seen.add(namespace)) {
                throw usageError("--namespaces names '" + namespace + "' twice");
            }
        }
        if (port != 0) {
            for (int node = 0; node < nodes; node++) {
                checkPortFree(node, port + node);
            }
        }
    }

    /** Fails fast with a usage error when another process already listens on the port. */
    private void checkPortFree(int node, int nodePort) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), nodePort));
        } catch (IOException e) {
            throw portInUse(node, nodePort);
        }
    }

    private EmbeddedAerospike start() {
        EmbeddedAerospike server;
        try {
            EmbeddedAerospike.Builder builder = EmbeddedAerospike.builder()
                    .port(port)
                    .nodes(nodes)
                    .namespaces(List.copyOf(namespaces));
            ServerTls tls = tls();
            SecurityConfig security = security();
            if (tls != null) {
                builder.tls(tls);
            }
            if (security != null) {
                builder.security(security);
            }
            server = builder.build();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        try {
            return server.start();
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            if (causedByBindFailure(e)) {
                // Lost a race with another process after the pre-check.
                throw usageError("could not bind the embedded server on " + LOOPBACK
                        + " from port " + port + ": " + e.getMessage()
                        + "; choose another --port, or --port 0 for free ports");
            }
            throw e;
        }
    }

    private ServerTls tls() {
        if (tlsCertFile == null && tlsKeyFile == null && tlsName == null && tlsCaFile == null) {
            return null;
        }
        if (tlsCertFile == null || tlsKeyFile == null || tlsName == null) {
            throw usageError("TLS needs --tls-certfile, --tls-keyfile and --tls-name");
        }
        return new ServerTls(TlsContexts.create(tlsCaFile, tlsCertFile, tlsKeyFile), tlsName, tlsCaFile != null);
    }

    private SecurityConfig security() {
        if (user == null) {
            if (passwordFile != null || passwordEnv != null) {
                throw usageError("--password-file and --password-env need --user");
            }
            return null;
        }
        if (passwordFile != null && passwordEnv != null) {
            throw usageError("give one of --password-file and --password-env");
        }
        SecurityOptions.PasswordSource source = passwordFile != null ? SecurityOptions.PasswordSource.file(passwordFile)
                : SecurityOptions.PasswordSource.environment(passwordEnv != null ? passwordEnv
                : SecurityOptions.DEFAULT_PASSWORD_ENV);
        return new SecurityConfig().user(user, Passwords.read(source), List.of("read-write"))
                .sessionTtl(java.time.Duration.ofSeconds(sessionTtlSeconds));
    }

    private void printBanner(String hosts) {
        PrintWriter out = spec.commandLine().getOut();
        String[] addresses = hosts.split(",");
        out.printf("Embedded Aerospike server: %d node%s on %s, namespaces %s%n",
                addresses.length, addresses.length == 1 ? "" : "s", LOOPBACK,
                String.join(", ", namespaces));
        for (int node = 0; node < addresses.length; node++) {
            out.printf("  node %d  %s%n", node, addresses[node].trim());
        }
        String client = (tlsName == null ? "" : " --tls-name " + tlsName + " --tls-cafile <CA of "
                + tlsCertFile + ">") + (user == null ? "" : " --user " + user + " --password-file <file>");
        if (tlsName != null || user != null) {
            out.printf("TLS: %s; security: %s%n", tlsName == null ? "off" : "on (name " + tlsName
                    + (tlsCaFile == null ? "" : ", client certificates required") + ")",
                    user == null ? "off" : "on (user " + user + ")");
        }
        out.printf("Use it with: --hosts %s%s%n", hosts, client);
        out.printf("        or:  AEROSPIKE_HOSTS=%s%n", hosts);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private void stop(EmbeddedAerospike server, AtomicBoolean closed) {
        if (closed.compareAndSet(false, true)) {
            server.close();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Embedded Aerospike server stopped.");
            out.flush();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is already running and closes the server itself.
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private ParameterException portInUse(int node, int nodePort) {
        return usageError("port " + nodePort + " (node " + node + ") on " + LOOPBACK
                + " is already in use; choose another --port, or --port 0 for free ports");
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
