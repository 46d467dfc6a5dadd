package io.aerobackup.embedded.topology;

/** A node's fixed identity: its position in the cluster, its name and the port it listens on. */
public final class NodeIdentity {
    private final int index;
    private final String name;
    private final String host;
    private final int port;

    public NodeIdentity(int index, String name, String host, int port) {
        this.index = index;
        this.name = name;
        this.host = host;
        this.port = port;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return name + "@" + address();
    }
}
