package io.aerobackup.embedded.command;

import io.aerobackup.embedded.topology.ClusterState;
import io.aerobackup.embedded.storage.NamespaceStore;
import io.aerobackup.embedded.storage.ServerTime;
import io.aerobackup.embedded.storage.Storage;

import java.time.Clock;

/** What every command handler may use: storage, cluster membership, time and faults. */
public final class ServerContext {
    private final Storage storage;
    private final ClusterState cluster;
    private final Clock clock;
    private final Faults faults;
    private final boolean enterprise;

    public ServerContext(Storage storage, ClusterState cluster, Clock clock, Faults faults, boolean enterprise) {
        this.storage = storage;
        this.cluster = cluster;
        this.clock = clock;
        this.faults = faults;
        this.enterprise = enterprise;
    }

    public Storage storage() {
        return storage;
    }

    public ClusterState cluster() {
        return cluster;
    }

    public Faults faults() {
        return faults;
    }

    public boolean enterprise() {
        return enterprise;
    }

    public long nowMillis() {
        return clock.millis();
    }

    public long nowServerSeconds() {
        return ServerTime.toServerSeconds(clock.millis());
    }

    /** The namespace named by the request, or INVALID_NAMESPACE as the real server answers. */
    public NamespaceStore namespace(String name) {
        NamespaceStore ns = storage.namespace(name);
        if (ns == null) {
            throw new io.aerobackup.embedded.protocol.ServerException(
                    io.aerobackup.embedded.protocol.ResultCode.INVALID_NAMESPACE, "unknown namespace '" + name + "'");
        }
        return ns;
    }
}
