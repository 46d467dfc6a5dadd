package io.aerobackup.embedded.command;

import io.aerobackup.embedded.topology.NodeIdentity;
import io.aerobackup.embedded.storage.NamespaceConfig;
import io.aerobackup.embedded.storage.NamespaceStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code get-config} info command as Aerospike 8.1 CE answers it (as/src/base/cfg_info.c):
 * contexts {@code service}, {@code network}, {@code namespace} (with {@code id} or
 * {@code namespace}), {@code security} and {@code xdr} (empty on CE), no context for service plus
 * network. Keys are the real server's, in its order; values are the embedded server's own
 * settings, or the 8.1 default where the embedded server has no such setting. The network context
 * has no heartbeat or fabric keys: the embedded cluster has neither.
 */
final class ConfigInfo {
    private final ServerContext ctx;
    private final NodeIdentity self;

    ConfigInfo(ServerContext ctx, NodeIdentity self) {
        this.ctx = ctx;
        this.self = self;
    }

    String getConfig(String params) {
        if (params == null || params.isEmpty()) {
            return join(service()) + ";" + join(network());
        }
        String context = InfoParams.param(params, "context");
        if (context == null) {
            return "ERROR:4:missing 'context'";
        }
        switch (context) {
            case "":
                return "ERROR:4:missing 'context' value";
            case "service":
                return join(service());
            case "network":
                return join(network());
            case "namespace":
                return namespace(params);
            case "security":
            case "xdr":
                return "";
            default:
                return "ERROR:4:invalid context";
        }
    }

    private String namespace(String params) {
        String name = InfoParams.param(params, "namespace");
        if (name == null) {
            name = InfoParams.param(params, "id");
        }
        if (name == null) {
            return "ERROR:20:missing 'namespace'";
        }
        if (name.isEmpty()) {
            return "ERROR:20:missing 'namespace' value";
        }
        NamespaceStore ns = ctx.storage().namespace(name);
        if (ns == null) {
            return "ERROR:20:namespace not found on node";
        }
        return join(namespaceConfig(ns.config()));
    }

    static String join(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    private Map<String, Object> service() {
        int cpus = Runtime.getRuntime().availableProcessors();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("advertise-ipv6", false);
        m.put("auto-pin", "none");
        m.put("batch-index-threads", cpus);
        m.put("batch-max-buffers-per-queue", 255);
        m.put("batch-max-requests", 0);
        m.put("batch-max-unused-buffers", 256);
        m.put("cluster-name", "null");
        for (String key : new String[] {"debug-allocations", "disable-udf-execution", "enable-benchmarks-fabric",
            "enable-health-check", "enable-hist-info", "enforce-best-practices", "indent-allocations"}) {
            m.put(key, false);
        }
        m.put("info-max-ms", 10000);
        m.put("info-threads", 16);
        m.put("keep-caps-ssd-health", false);
        m.put("log-local-time", false);
        m.put("log-millis", false);
        m.put("microsecond-histograms", false);
        m.put("migrate-fill-delay", 0);
        m.put("migrate-max-num-incoming", 4);
        m.put("migrate-threads", 1);
        m.put("min-cluster-size", 1);
        m.put("node-id", self.name());
        m.put("node-id-interface", "null");
        m.put("os-group-perms", false);
        m.put("pidfile", "null");
        m.put("poison-allocations", false);
        m.put("proto-fd-idle-ms", 0);
        m.put("proto-fd-max", 15000);
        m.put("quarantine-allocations", 0);
        m.put("query-max-done", 100);
        m.put("query-threads-limit", 128);
        m.put("run-as-daemon", false);
        m.put("secrets-address-port", "null");
        m.put("secrets-tls-context", "null");
        m.put("secrets-uds-path", "null");
        m.put("service-threads", cpus);
        m.put("sindex-builder-threads", 4);
        m.put("sindex-gc-period", 10);
        m.put("stay-quiesced", false);
        m.put("ticker-interval", 10);
        m.put("tls-refresh-period", 0);
        m.put("transaction-max-ms", 1000);
        m.put("transaction-retry-ms", 1002);
        for (String key : new String[] {"vault-ca", "vault-namespace", "vault-path", "vault-token-file", "vault-url",
            "work-directory"}) {
            m.put(key, "null");
        }
        return m;
    }

    private Map<String, Object> network() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service.port", self.port());
        m.put("service.address", self.host());
        for (String key : new String[] {"service.access-port", "service.alternate-access-port", "service.tls-port",
            "service.tls-access-port", "service.tls-alternate-access-port"}) {
            m.put(key, 0);
        }
        m.put("service.tls-name", "null");
        m.put("service.disable-localhost", false);
        m.put("admin.port", 0);
        m.put("admin.tls-port", 0);
        m.put("admin.tls-name", "null");
        m.put("admin.disable-localhost", false);
        return m;
    }

    /** The namespace's configuration, also the tail of {@code namespace/<ns>}. */
    static Map<String, Object> namespaceConfig(NamespaceConfig config) {
        return NamespaceConfigKeys.of(config);
    }
}
