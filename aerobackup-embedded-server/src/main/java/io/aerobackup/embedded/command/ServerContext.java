package io.aerobackup.embedded.command;

import io.aerobackup.embedded.security.SecurityConfig;
import io.aerobackup.embedded.security.Sessions;
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
    private final SecurityConfig security;
    private final Sessions sessions;
    private final String tlsName;

    public ServerContext(Storage storage, ClusterState cluster, Clock clock, Faults faults, boolean enterprise) {
        this(storage, cluster, clock, faults, enterprise, null, null);
    }

    /**
     * @param security users and sessions; null: security is off (as on Community Edition)
     * @param tlsName  the name in the nodes' certificates; null: no TLS
     */
    public ServerContext(Storage storage, ClusterState cluster, Clock clock, Faults faults, boolean enterprise,
            SecurityConfig security, String tlsName) {
        this.storage = storage;
        this.cluster = cluster;
        this.clock = clock;
        this.faults = faults;
        this.enterprise = enterprise;
        this.security = security;
        this.sessions = security == null ? null : new Sessions(clock::millis);
        this.tlsName = tlsName;
    }

    /** Users and roles; null when security is off. */
    public SecurityConfig security() {
        return security;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The TLS name the nodes announce to their peers; null without TLS. */
    public String tlsName() {
        return tlsName;
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
