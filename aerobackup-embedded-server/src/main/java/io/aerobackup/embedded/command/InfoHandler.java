package io.aerobackup.embedded.command;

import io.aerobackup.embedded.topology.ClusterState;
import io.aerobackup.embedded.topology.NodeIdentity;
import io.aerobackup.embedded.storage.NamespaceStore;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Answers info requests: one command per line, each answered as {@code command\tvalue\n}.
 * Commands about the cluster and records are here; metadata commands (indexes, UDFs, truncate)
 * live in {@link MetadataInfoCommands}. Unknown commands answer as the real server does.
 */
public final class InfoHandler {
    public static final String BUILD = "8.1.0.3";
    static final String UNRECOGNIZED = "ERROR:4:unrecognized command";
    private static final String[] SUMMARY = {"build", "edition", "features", "node", "partition-generation",
        "statistics", "version"};

    private static final String ENTERPRISE_ONLY_REPLY = "ERROR:25:enterprise only";
    private static final String[] ENTERPRISE_ONLY = {"alumni-tls-alt", "alumni-tls-std", "feature-key", "masking",
        "masking-show", "peers-tls-alt", "peers-tls-std", "quiesce", "quiesce-undo", "rack-ids", "racks", "revive",
        "roster", "roster-set", "service-tls-alt", "service-tls-std", "xdr-dc-state", "xdr-get-filter",
        "xdr-set-filter"};

    private final ServerContext ctx;
    private final NodeIdentity self;
    /** Command name to handler taking (argument after ':' or '/', whole command). */
    private final Map<String, BiFunction<String, String, String>> commands = new HashMap<>();

    public InfoHandler(ServerContext ctx, NodeIdentity self) {
        this.ctx = ctx;
        this.self = self;
        ClusterState cluster = ctx.cluster();
        commands.put("node", (a, c) -> self.name());
        commands.put("partition-generation", (a, c) -> Integer.toString(cluster.partitionGeneration()));
        commands.put("rebalance-generation", (a, c) -> Integer.toString(cluster.partitionGeneration()));
        commands.put("peers-generation", (a, c) -> Integer.toString(cluster.peersGeneration()));
        commands.put("peers-clear-std", (a, c) -> peers());
        commands.put("peers-clear-alt", (a, c) -> peers());
        commands.put("service-clear-std", (a, c) -> self.address());
        commands.put("service-clear-alt", (a, c) -> "");
        commands.put("replicas", (a, c) -> replicas("0,1,"));
        commands.put("replicas-all", (a, c) -> replicas("1,"));
        commands.put("replicas-master", (a, c) -> replicas(""));
        commands.put("partitions", (a, c) -> Integer.toString(NamespaceStore.PARTITIONS));
        commands.put("cluster-name", (a, c) -> "null");
        commands.put("user-agent-set", (a, c) -> "ok");
        commands.put("build", (a, c) -> BUILD);
        commands.put("version", (a, c) -> editionName() + " build " + BUILD);
        commands.put("edition", (a, c) -> editionName());
        commands.put("features", (a, c) -> "batch-any;batch-index;blob-bits;cdt-index;cdt-list;cdt-map;"
                + "cluster-stable;float;geo;sindex-exists;peers;pipelining;pquery;pscans;query-show;relaxed-sc;"
                + "replicas;replicas-all;replicas-master;replicas-max;truncate-namespace;udf"
                + (ctx.enterprise() ? ";xdr" : ""));
        commands.put("status", (a, c) -> "ok");
        commands.put("namespaces", (a, c) -> ctx.storage().namespaces().stream()
                .map(NamespaceStore::name).collect(Collectors.joining(";")));
        commands.put("namespace", (a, c) -> NamespaceInfo.namespace(ctx, self, a));
        commands.put("sets", (a, c) -> NamespaceInfo.sets(ctx, self, a));
        commands.put("statistics", (a, c) -> NamespaceInfo.statistics(ctx, self));
        ConfigInfo config = new ConfigInfo(ctx, self);
        commands.put("get-config", (a, c) -> config.getConfig(a));
        commands.put("config-get", (a, c) -> config.getConfig(a));
        MetadataInfoCommands.register(ctx, commands);
        registerEnterpriseOnly();
    }

    /** Commands the real server marks ee_only (thr_info.c): refused on CE, TLS peers answered on EE. */
    private void registerEnterpriseOnly() {
        for (String name : ENTERPRISE_ONLY) {
            commands.put(name, (a, c) -> ENTERPRISE_ONLY_REPLY);
        }
        if (ctx.enterprise()) {
            commands.put("peers-tls-std", (a, c) -> ctx.cluster().peersGeneration() + ",,[]");
            commands.put("peers-tls-alt", (a, c) -> ctx.cluster().peersGeneration() + ",,[]");
        }
        if (ctx.tlsName() != null) {
            // The nodes listen with TLS only: peers and service are announced on the TLS side.
            commands.put("peers-tls-std", (a, c) -> peers(ctx.tlsName()));
            commands.put("peers-tls-alt", (a, c) -> ctx.cluster().peersGeneration() + ",,[]");
            commands.put("service-tls-std", (a, c) -> self.address());
            commands.put("service-tls-alt", (a, c) -> "");
            commands.put("peers-clear-std", (a, c) -> ctx.cluster().peersGeneration() + ",,[]");
            commands.put("service-clear-std", (a, c) -> "");
        }
    }

    /** Every command of {@code body} answered with {@code reply} (an unauthenticated connection's). */
    public byte[] refuseAll(byte[] body, String reply) {
        StringBuilder out = new StringBuilder();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                out.append(line).append('\t').append(reply).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Answers a whole info request body. */
    public byte[] handle(byte[] body) {
        String request = new String(body, StandardCharsets.UTF_8);
        if (request.isBlank()) {
            // An empty request asks for the (deprecated) summary, as on the real server.
            request = String.join("\n", SUMMARY) + "\n";
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        // Only commands ended by a newline are answered: the real server ignores an unterminated tail.
        for (int eol = request.indexOf('\n'); eol >= 0; eol = request.indexOf('\n', start)) {
            String line = request.substring(start, eol);
            start = eol + 1;
            if (!line.isEmpty()) {
                out.append(line).append('\t').append(answer(line)).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    String answer(String command) {
        int cut = -1;
        for (int i = 0; i < command.length() && cut < 0; i++) {
            char ch = command.charAt(i);
            if (ch == ':' || ch == '/' || ch == ';') {
                cut = i;
            }
        }
        String name = cut < 0 ? command : command.substring(0, cut);
        String argument = cut < 0 ? null : command.substring(cut + 1);
        BiFunction<String, String, String> handler = commands.get(name);
        if (handler == null) {
            return UNRECOGNIZED;
        }
        try {
            return handler.apply(argument, command);
        } catch (InfoParams.InfoError e) {
            return e.reply();
        }
    }

    private String editionName() {
        return ctx.enterprise() ? "Aerospike Enterprise Edition" : "Aerospike Community Edition";
    }

    private String peers() {
        return peers(null);
    }

    /** {@code generation,port,[[node,tls-name,[address]],...]}. */
    private String peers(String tlsName) {
        StringBuilder sb = new StringBuilder();
        sb.append(ctx.cluster().peersGeneration()).append(',').append(self.port()).append(",[");
        boolean first = true;
        for (NodeIdentity peer : ctx.cluster().peersOf(self.index())) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('[').append(peer.name()).append(',').append(tlsName == null ? "" : tlsName).append(",[")
                    .append(peer.address()).append("]]");
        }
        return sb.append(']').toString();
    }

    /** Partition ownership per namespace; {@code prefix} is what each variant puts before the bitmap. */
    private String replicas(String prefix) {
        String bitmap = ctx.cluster().ownershipBitmap(self.index());
        return ctx.storage().namespaces().stream()
                .map(ns -> ns.name() + ":" + prefix + bitmap)
                .collect(Collectors.joining(";"));
    }
}
