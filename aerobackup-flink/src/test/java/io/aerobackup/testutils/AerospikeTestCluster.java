package io.aerobackup.testutils;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.embedded.EmbeddedAerospike;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one place integration tests get a cluster from. With AEROSPIKE_HOSTS (host:port[,host:port])
 * set, tests run against that real cluster (namespaces "test" and "restore" must exist); otherwise
 * an embedded cluster is started for the test class. Tests that need fault injection call
 * {@link #embedded()}, which skips them on a real cluster; nothing else may depend on the target.
 */
public final class AerospikeTestCluster implements BeforeAllCallback, AfterAllCallback {
    public static final String HOSTS_VARIABLE = "AEROSPIKE_HOSTS";

    private final int nodes;
    private final UnaryOperator<EmbeddedAerospike.Builder> settings;
    private final Supplier<ClientPolicy> policy;
    /** A second cluster (a replication's destination): embedded even when AEROSPIKE_HOSTS names the first. */
    private final boolean standby;
    private EmbeddedAerospike embedded;
    private AerospikeClient client;
    private String hosts;

    private AerospikeTestCluster(int nodes) {
        this(nodes, null, ClientPolicy::new, false);
    }

    private AerospikeTestCluster(int nodes, UnaryOperator<EmbeddedAerospike.Builder> settings,
                                 Supplier<ClientPolicy> policy, boolean standby) {
        this.nodes = nodes;
        this.settings = settings;
        this.policy = policy;
        this.standby = standby;
    }

    /**
     * A second, always embedded cluster of {@code nodes} nodes with {@code namespaces}: the
     * destination of replication tests (whose nodes a test may stop), whatever AEROSPIKE_HOSTS says.
     */
    public static AerospikeTestCluster standby(int nodes, String... namespaces) {
        return new AerospikeTestCluster(nodes, b -> b.namespaces(List.of(namespaces)), ClientPolicy::new, true);
    }

    /**
     * An embedded cluster with TLS or security ({@code settings}), which the tests' own clients reach
     * with {@code policy}. A plain real cluster (AEROSPIKE_HOSTS) cannot stand in: the class is skipped.
     */
    public static AerospikeTestCluster secured(int nodes, UnaryOperator<EmbeddedAerospike.Builder> settings,
                                               Supplier<ClientPolicy> policy) {
        return new AerospikeTestCluster(nodes, settings, policy, false);
    }

    /** A fixture whose embedded cluster has {@code nodes} nodes (a real cluster is used as it is). */
    public static AerospikeTestCluster withNodes(int nodes) {
        return new AerospikeTestCluster(nodes);
    }

    public static AerospikeTestCluster create() {
        return withNodes(1);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String real = System.getenv(HOSTS_VARIABLE);
        if (settings != null) {
            assumeTrue(standby || real == null || real.isBlank(), "needs the embedded server's TLS and security; "
                    + HOSTS_VARIABLE + " names a cluster without them");
            embedded = settings.apply(EmbeddedAerospike.builder().nodes(nodes)).build().start();
            hosts = embedded.hosts();
        } else if (real != null && !real.isBlank()) {
            hosts = real.trim();
        } else {
            embedded = EmbeddedAerospike.builder().nodes(nodes).build().start();
            hosts = embedded.hosts();
        }
        client = newClient();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    /** A new client with default policies; the caller closes it. */
    public AerospikeClient newClient() {
        ClientPolicy clientPolicy = policy.get();
        clientPolicy.timeout = 5000;
        Host[] seeds = Host.parseHosts(hosts, 3000);
        if (embedded != null && embedded.tlsName() != null) {
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = new Host(seeds[i].name, embedded.tlsName(), seeds[i].port);
            }
        }
        return new AerospikeClient(clientPolicy, seeds);
    }

    /** The class's shared client. */
    public AerospikeClient client() {
        return client;
    }

    public String hosts() {
        return hosts;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded server for fault injection; skips the test when running against a real cluster. */
    public EmbeddedAerospike embedded() {
        assumeTrue(embedded != null, "needs the embedded server's fault injection");
        return embedded;
    }

    /** A set name no other test uses, so tests never see each other's records. */
    public static String uniqueSet(String prefix) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return (prefix + "_" + suffix).toLowerCase(Locale.ROOT);
    }
}
