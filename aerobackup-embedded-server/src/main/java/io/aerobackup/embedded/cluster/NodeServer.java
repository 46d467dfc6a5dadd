package io.aerobackup.embedded.cluster;

import io.aerobackup.embedded.command.CommandDispatcher;
import io.aerobackup.embedded.command.Faults;
import io.aerobackup.embedded.security.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The network side of one node: a listening socket and a thread per client connection. */
public final class NodeServer {
    private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);

    private final int index;
    private final Faults faults;
    private final ServerTls tls;
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private CommandDispatcher dispatcher;
    private ServerSocket serverSocket;
    private int port;
    private volatile boolean running;

    public NodeServer(int index, Faults faults) {
        this(index, faults, null);
    }

    /** @param tls how to speak TLS; null: plain TCP */
    public NodeServer(int index, Faults faults, ServerTls tls) {
        this.index = index;
        this.faults = faults;
        this.tls = tls;
    }

    /** Binds to 127.0.0.1; port 0 picks a free one. Returns the port bound. */
    public synchronized int bind(int requestedPort) throws IOException {
        ServerSocket socket = tls == null ? new ServerSocket() : tlsSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 512);
        serverSocket = socket;
        port = socket.getLocalPort();
        return port;
    }

    /** Starts accepting connections; the dispatcher needs the node's identity, known only after binding. */
    public synchronized void start(CommandDispatcher commandDispatcher) {
        this.dispatcher = commandDispatcher;
        running = true;
        Thread acceptor = new Thread(this::acceptLoop, "embedded-aerospike-" + index + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("embedded Aerospike node {} listening on 127.0.0.1:{}{}", index, port, tls == null ? ""
                : " with TLS (name " + tls.tlsName() + (tls.requireClientCertificate() ? ", mutual" : "") + ")");
    }

    private ServerSocket tlsSocket() throws IOException {
        SSLServerSocket socket = (SSLServerSocket) tls.context().getServerSocketFactory().createServerSocket();
        socket.setNeedClientAuth(tls.requireClientCertificate());
        if (!tls.requireClientCertificate()) {
            socket.setWantClientAuth(true); // a client certificate, when sent, names a PKI user
        }
        if (!tls.protocols().isEmpty()) {
            socket.setEnabledProtocols(tls.protocols().toArray(new String[0]));
        }
        return socket;
    }

    private void acceptLoop() {
        ServerSocket socket = serverSocket;
        int counter = 0;
        while (running) {
            try {
                Socket client = socket.accept();
                ClientConnection[] holder = new ClientConnection[1];
                holder[0] = new ClientConnection(client, dispatcher, faults, () -> connections.remove(holder[0]));
                connections.add(holder[0]);
                Thread thread = new Thread(holder[0], "embedded-aerospike-" + index + "-conn-" + counter++);
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("node {} stopped accepting: {}", index, e.getMessage());
                }
                return;
            }
        }
    }

    /** Stops listening and closes every connection, as a crashed node would. */
    public synchronized void stop() {
        running = false;
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException e) {
            LOG.debug("closing node {}: {}", index, e.getMessage());
        }
        dropConnections();
    }

    public void dropConnections() {
        for (ClientConnection connection : connections) {
            connection.close();
        }
    }

    public int openConnections() {
        return connections.size();
    }

    public int port() {
        return port;
    }
}
