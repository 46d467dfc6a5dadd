package io.aerobackup.embedded;

import io.aerobackup.embedded.topology.ClusterState;
import io.aerobackup.embedded.topology.NodeIdentity;
import io.aerobackup.embedded.cluster.NodeServer;
import io.aerobackup.embedded.command.CommandDispatcher;
import io.aerobackup.embedded.command.Faults;
import io.aerobackup.embedded.command.ServerContext;
import io.aerobackup.embedded.security.SecurityConfig;
import io.aerobackup.embedded.security.ServerTls;
import io.aerobackup.embedded.storage.NamespaceConfig;
import io.aerobackup.embedded.storage.Storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An in-memory server that speaks Aerospike's wire protocol to the real Java client: a cluster of
 * one or more nodes in this JVM, each on its own 127.0.0.1 port. Built for tests and the demo.
 * Fault injection (node stop and restart, dropped connections, delays, failed commands) is on this API.
 */
public final class EmbeddedAerospike implements AutoCloseable {
    private final Builder config;
    private final Faults faults = new Faults();
    private final List<NodeServer> servers = new ArrayList<>();
    private final List<CommandDispatcher> dispatchers = new ArrayList<>();
    private ClusterState cluster;
    private Storage storage;
    private ServerContext context;

    private EmbeddedAerospike(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds every node on 127.0.0.1 and starts serving. */
    public synchronized EmbeddedAerospike start() {
        if (cluster != null) {
            throw new IllegalStateException("embedded server already started");
        }
        try {
            List<NodeIdentity> identities = new ArrayList<>();
            for (int i = 0; i < config.nodes; i++) {
                NodeServer server = new NodeServer(i, faults, config.tls);
                int port = server.bind(config.port == 0 ? 0 : config.port + i);
                servers.add(server);
                identities.add(new NodeIdentity(i, nodeName(i, port), "127.0.0.1", port));
            }
            cluster = new ClusterState(identities);
            storage = new Storage(config.namespaces);
            context = new ServerContext(storage, cluster, config.clock, faults, config.enterprise, config.security,
                    config.tls == null ? null : config.tls.tlsName());
            ServerContext ctx = context;
            for (int i = 0; i < servers.size(); i++) {
                CommandDispatcher dispatcher = new CommandDispatcher(ctx, identities.get(i));
                dispatchers.add(dispatcher);
                servers.get(i).start(dispatcher);
            }
            return this;
        } catch (IOException e) {
            servers.forEach(NodeServer::stop);
            throw new UncheckedIOException("cannot bind the embedded Aerospike server on 127.0.0.1 port "
                    + config.port + " (is another server using it? use --port to choose another)", e);
        }
    }

    /** Real node ids are upper-case hex; this keeps that shape and makes them unique per port. */
    private static String nodeName(int index, int port) {
        return String.format(Locale.ROOT, "BB9%02X%08X", index + 1, port);
    }

    /** The seed list for clients: "127.0.0.1:p1,127.0.0.1:p2,...". */
    public String hosts() {
        return cluster.nodes().stream().map(NodeIdentity::address).collect(Collectors.joining(","));
    }

    public List<NodeIdentity> nodes() {
        return cluster.nodes();
    }

    /** Stops a node: its connections close and its partitions move to the survivors, data included. */
    public synchronized void stopNode(int index) {
        cluster.setUp(index, false);
        servers.get(index).stop();
    }

    /** Brings a stopped node back on its old port; it takes its partitions back. */
    public synchronized void restartNode(int index) {
        NodeServer server = new NodeServer(index, faults, config.tls);
        try {
            server.bind(cluster.nodes().get(index).port());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebind node " + index, e);
        }
        servers.set(index, server);
        server.start(dispatchers.get(index));
        cluster.setUp(index, true);
    }

    /** Closes every open client connection on every node; the nodes keep running. */
    public void dropConnections() {
        servers.forEach(NodeServer::dropConnections);
    }

    /** Delays every response by {@code delay} (zero to stop). */
    public void delayResponses(Duration delay) {
        faults.delayResponses(delay.toMillis());
    }

    /** Fails the next {@code count} record commands (single, batch or scan) with {@code resultCode}. */
    public void failNext(int count, int resultCode) {
        faults.failNext(count, resultCode);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Scans running right now, for tests that check nothing is left open. */
    public int openScans() {
        return faults.openScans();
    }

    public int openConnections() {
        return servers.stream().mapToInt(NodeServer::openConnections).sum();
    }

    /** Ends every login session now, as if the session TTL had passed; clients must log in again. */
    public void expireSessions() {
        if (context == null || context.sessions() == null) {
            throw new IllegalStateException("security is not enabled on this server");
        }
        context.sessions().expireAll();
    }

    /** Users and session TTL while running (to change a password, add a user); null without security. */
    public SecurityConfig security() {
        return config.security;
    }

    /** The name in the nodes' TLS certificate; null without TLS. */
    public String tlsName() {
        return config.tls == null ? null : config.tls.tlsName();
    }

    /** Direct access to stored data, for tests that inspect the server side. */
    public Storage storage() {
        return storage;
    }

    @Override
    public synchronized void close() {
        servers.forEach(NodeServer::stop);
    }

    @Override
    public String toString() {
        return "EmbeddedAerospike[" + (cluster == null ? "not started" : hosts()) + "]";
    }

    /** Runs a one-node server on port 3000 until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        try (EmbeddedAerospike server = builder().port(3000).build().start()) {
            System.out.println("embedded Aerospike listening on " + server.hosts());
            Thread.currentThread().join();
        }
    }

    /** Settings for the embedded cluster. */
    public static final class Builder {
        private int port;
        private int nodes = 1;
        private List<NamespaceConfig> namespaces = List.of(NamespaceConfig.defaults("test"),
                NamespaceConfig.defaults("restore"));
        private Clock clock = Clock.systemUTC();
        private boolean enterprise;
        private ServerTls tls;
        private SecurityConfig security;

        /** First port (node i listens on port + i); 0 picks free ports. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0,65535], was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder nodes(int nodes) {
            if (nodes < 1 || nodes > 32) {
                throw new IllegalArgumentException("nodes must be in [1,32], was " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /** Namespaces with default settings (expiration enabled, 1 MiB records). */
        public Builder namespaces(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("at least one namespace is needed");
            }
            this.namespaces = names.stream().map(NamespaceConfig::defaults).collect(Collectors.toList());
            return this;
        }

        public Builder namespaceConfigs(List<NamespaceConfig> configs) {
            this.namespaces = List.copyOf(configs);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Answer as Enterprise Edition (durable deletes allowed). */
        public Builder enterprise(boolean enterprise) {
            this.enterprise = enterprise;
            return this;
        }

        /** Nodes listen with TLS only (an Enterprise feature on real servers). */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Turns security on (an Enterprise feature on real servers): every connection must log in or
         * authenticate with a session token before anything else.
         */
        public Builder security(SecurityConfig security) {
            this.security = security;
            return this;
        }

        public EmbeddedAerospike build() {
            return new EmbeddedAerospike(this);
        }
    }
}
