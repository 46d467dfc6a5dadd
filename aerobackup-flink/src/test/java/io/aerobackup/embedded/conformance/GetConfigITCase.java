package io.aerobackup.embedded.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code get-config} as Aerospike 8.1 CE answers it (as/src/base/cfg_info.c): the contexts, the
 * key names and their order, and the error replies. Values are each server's own settings, so
 * they are compared with what the same server says elsewhere (node id, port, namespace statistics).
 */
class GetConfigITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    static final List<String> SERVICE_KEYS = List.of("advertise-ipv6", "auto-pin", "batch-index-threads",
            "batch-max-buffers-per-queue", "batch-max-requests", "batch-max-unused-buffers", "cluster-name",
            "debug-allocations", "disable-udf-execution", "enable-benchmarks-fabric", "enable-health-check",
            "enable-hist-info", "enforce-best-practices", "indent-allocations", "info-max-ms", "info-threads",
            "keep-caps-ssd-health", "log-local-time", "log-millis", "microsecond-histograms", "migrate-fill-delay",
            "migrate-max-num-incoming", "migrate-threads", "min-cluster-size", "node-id", "node-id-interface",
            "os-group-perms", "pidfile", "poison-allocations", "proto-fd-idle-ms", "proto-fd-max",
            "quarantine-allocations", "query-max-done", "query-threads-limit", "run-as-daemon",
            "secrets-address-port", "secrets-tls-context", "secrets-uds-path", "service-threads",
            "sindex-builder-threads", "sindex-gc-period", "stay-quiesced", "ticker-interval", "tls-refresh-period",
            "transaction-max-ms", "transaction-retry-ms", "vault-ca", "vault-namespace", "vault-path",
            "vault-token-file", "vault-url", "work-directory");
    /** The service and admin keys that open the network context (a real node goes on with heartbeat and fabric). */
    static final List<String> NETWORK_KEYS = List.of("service.port", "service.address", "service.access-port",
            "service.alternate-access-port", "service.tls-port", "service.tls-access-port",
            "service.tls-alternate-access-port", "service.tls-name", "service.disable-localhost", "admin.port",
            "admin.tls-port", "admin.tls-name", "admin.disable-localhost");
    /** A memory namespace's keys without the per-stripe ones. */
    static final List<String> NAMESPACE_KEYS = List.of("active-rack", "allow-ttl-without-nsup",
            "apply-ttl-reductions", "auto-revive", "background-query-max-rps", "conflict-resolution-policy",
            "conflict-resolve-writes", "default-read-touch-ttl-pct", "default-ttl", "disable-cold-start-eviction",
            "disable-mrt-writes", "disable-write-dup-res", "disallow-expunge", "disallow-null-setname",
            "enable-benchmarks-batch-sub", "enable-benchmarks-ops-sub", "enable-benchmarks-read",
            "enable-benchmarks-udf", "enable-benchmarks-udf-sub", "enable-benchmarks-write", "enable-hist-proxy",
            "evict-hist-buckets", "evict-indexes-memory-pct", "evict-tenths-pct", "force-long-queries",
            "ignore-migrate-fill-delay", "index-stage-size", "indexes-memory-budget", "inline-short-queries",
            "max-record-size", "migrate-order", "migrate-retransmit-ms", "migrate-skip-unreadable", "migrate-sleep",
            "mrt-duration", "nsup-hist-period", "nsup-period", "nsup-threads", "partition-tree-sprigs",
            "prefer-uniform-balance", "rack-id", "read-consistency-level-override", "reject-non-xdr-writes",
            "reject-xdr-writes", "replication-factor", "sindex-stage-size", "single-query-threads",
            "stop-writes-sys-memory-pct", "strong-consistency", "strong-consistency-allow-expunge",
            "tomb-raider-eligible-age", "tomb-raider-period", "transaction-pending-limit", "truncate-threads",
            "write-commit-level-override", "xdr-bin-tombstone-ttl", "xdr-tomb-raider-period",
            "xdr-tomb-raider-threads", "geo2dsphere-within.strict", "geo2dsphere-within.min-level",
            "geo2dsphere-within.max-level", "geo2dsphere-within.max-cells", "geo2dsphere-within.level-mod",
            "geo2dsphere-within.earth-radius-meters", "index-type", "sindex-type", "storage-engine",
            "storage-engine.commit-to-device", "storage-engine.compression",
            "storage-engine.compression-acceleration", "storage-engine.compression-level",
            "storage-engine.data-size", "storage-engine.defrag-lwm-pct", "storage-engine.defrag-queue-min",
            "storage-engine.defrag-sleep", "storage-engine.defrag-startup-minimum", "storage-engine.direct-files",
            "storage-engine.disable-odsync", "storage-engine.enable-benchmarks-storage",
            "storage-engine.encryption-key-file", "storage-engine.encryption-old-key-file",
            "storage-engine.evict-used-pct", "storage-engine.filesize", "storage-engine.flush-max-ms",
            "storage-engine.max-write-cache", "storage-engine.stop-writes-avail-pct",
            "storage-engine.stop-writes-used-pct", "storage-engine.tomb-raider-sleep");

    private static Node node() {
        return CLUSTER.client().getNodes()[0];
    }

    private static String info(String command) {
        return Info.request(node(), command);
    }

    /** key=value;... in order; no value is lost, no key repeats. */
    static Map<String, String> pairs(String answer) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : answer.split(";")) {
            int eq = part.indexOf('=');
            assertThat(eq).as("pair %s", part).isPositive();
            assertThat(out.put(part.substring(0, eq), part.substring(eq + 1))).as("repeated key %s", part).isNull();
        }
        return out;
    }

    @Test
    void serviceContextHasTheRealKeysInOrderAndTheNodesId() {
        Map<String, String> service = pairs(info("get-config:context=service"));
        assertThat(new ArrayList<>(service.keySet())).isEqualTo(SERVICE_KEYS);
        assertThat(service.get("node-id")).isEqualTo(info("node"));
        assertThat(service.get("cluster-name")).isEqualTo(info("cluster-name"));
        assertThat(service.get("advertise-ipv6")).isEqualTo("false");
        assertThat(service.get("batch-max-requests")).isEqualTo("0");
    }

    @Test
    void networkContextStartsWithTheServicePortTheClientUses() {
        Map<String, String> network = pairs(info("get-config:context=network"));
        assertThat(new ArrayList<>(network.keySet()).subList(0, NETWORK_KEYS.size())).isEqualTo(NETWORK_KEYS);
        assertThat(network.get("service.port")).isEqualTo(Integer.toString(node().getHost().port));
        assertThat(network.get("service.tls-port")).isEqualTo("0");
        assertThat(network.get("admin.port")).isEqualTo("0");
    }

    @Test
    void noContextIsServiceThenNetwork() {
        String all = info("get-config");
        assertThat(all).isEqualTo(info("get-config:context=service") + ";" + info("get-config:context=network"));
        assertThat(info("get-config:")).isEqualTo(all);
    }

    @ParameterizedTest
    @CsvSource({"id", "namespace"})
    void namespaceContextHasTheRealKeysAndTheNamespaceSettings(String parameter) {
        Map<String, String> config = pairs(info("get-config:context=namespace;" + parameter + "=test"));
        List<String> keys = new ArrayList<>(config.keySet());
        keys.removeIf(k -> k.startsWith("storage-engine.stripe["));
        assertThat(keys).isEqualTo(NAMESPACE_KEYS);
        assertThat(config).containsEntry("replication-factor", "1").containsEntry("storage-engine", "memory")
                .containsEntry("strong-consistency", "false").containsEntry("conflict-resolution-policy", "generation")
                .containsEntry("max-record-size", "1048576");
        assertThat(Long.parseLong(config.get("storage-engine.data-size")))
                .isEqualTo(Long.parseLong(pairs(info("namespace/test")).get("data_total_bytes")));
    }

    @Test
    void namespaceStatisticsEndWithTheNamespaceConfig() {
        String config = info("get-config:context=namespace;id=test");
        assertThat(info("namespace/test")).endsWith(";" + config);
        assertThat(info("config-get:context=namespace;id=test")).isEqualTo(config);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "get-config:context=namespace;id=nosuch_ns | ERROR:20:namespace not found on node",
            "get-config:context=namespace;id=          | ERROR:20:missing 'namespace' value",
            "get-config:context=namespace              | ERROR:20:missing 'namespace'",
            "get-config:context=bogus                  | ERROR:4:invalid context",
            "get-config:context=logging                | ERROR:4:invalid context",
            "get-config:context=                       | ERROR:4:missing 'context' value",
            "get-config:foo=bar                        | ERROR:4:missing 'context'",
    })
    void errorsAreTheRealOnes(String command, String answer) {
        assertThat(info(command)).isEqualTo(answer);
    }

    @Test
    void securityAndXdrContextsAreEmptyOnCommunityEdition() {
        assertThat(info("get-config:context=security")).isEmpty();
        assertThat(info("get-config:context=xdr")).isEmpty();
    }
}
