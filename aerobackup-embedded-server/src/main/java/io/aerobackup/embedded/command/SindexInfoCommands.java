package io.aerobackup.embedded.command;

import io.aerobackup.embedded.storage.NamespaceStore;
import io.aerobackup.embedded.storage.SindexDefinition;

import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The secondary-index info commands ({@code sindex-create}, {@code sindex-delete},
 * {@code sindex-list}, {@code sindex-exists}, {@code sindex[/ns[/name]]}) with the replies of
 * 8.1 (sindex_manager.c), including its quirks. Definitions are stored, never built.
 */
final class SindexInfoCommands {
    private final ServerContext ctx;

    private SindexInfoCommands(ServerContext ctx) {
        this.ctx = ctx;
    }

    static void register(ServerContext ctx, Map<String, BiFunction<String, String, String>> commands) {
        SindexInfoCommands m = new SindexInfoCommands(ctx);
        commands.put("sindex-create", (a, c) -> m.sindexCreate(new InfoParams(a)));
        commands.put("sindex-delete", (a, c) -> m.sindexDelete(new InfoParams(a)));
        commands.put("sindex-list", (a, c) -> m.sindexList(new InfoParams(a)));
        commands.put("sindex-exists", (a, c) -> m.sindexExists(new InfoParams(a)));
        commands.put("sindex", (a, c) -> m.sindexStatus(a));
    }

    private Map<String, SindexDefinition> indexesOf(String namespace) {
        Map<String, SindexDefinition> indexes = ctx.storage().sindexes(namespace);
        if (indexes == null) {
            throw new InfoParams.InfoError(20, "namespace not found on node");
        }
        return indexes;
    }

    private String sindexCreate(InfoParams p) {
        String namespace = p.require("namespace", "ns");
        String name = p.require("indexname", "indexname");
        String bin = null;
        String type = p.get("type");
        String indexData = p.get("indexdata");
        if (indexData != null) {
            int comma = indexData.indexOf(',');
            if (comma < 0) {
                throw new InfoParams.InfoError(4, "'indexdata' missing bin type");
            }
            bin = indexData.substring(0, comma);
            type = indexData.substring(comma + 1);
            if (bin.isEmpty()) {
                throw new InfoParams.InfoError(4, "'indexdata' missing bin name");
            }
        }
        if (p.get("bin") != null) {
            bin = p.get("bin");
        }
        if (type == null) {
            throw new InfoParams.InfoError(4, "both 'indexdata' and 'type' are missing");
        }
        if (bin == null && p.get("exp") == null) {
            throw new InfoParams.InfoError(4, "both 'bin' and 'exp' are missing");
        }
        type = type.toLowerCase(Locale.ROOT);
        if (!type.equals("numeric") && !type.equals("string") && !type.equals("geo2dsphere") && !type.equals("blob")) {
            throw new InfoParams.InfoError(4, (indexData != null ? "bad 'indexdata' bin type" : "bad 'type'")
                    + " - must be one of 'numeric', 'string', 'blob', 'geo2dsphere'");
        }
        String indexType = p.get("indextype") == null ? "default" : p.get("indextype").toLowerCase(Locale.ROOT);
        if (!indexType.matches("default|list|mapkeys|mapvalues")) {
            throw new InfoParams.InfoError(4,
                    "bad 'indextype' - must be one of 'default', 'list', 'mapkeys', 'mapvalues'");
        }
        SindexDefinition def = new SindexDefinition(namespace, name, p.get("set"), bin, type, indexType,
                p.get("context"), p.get("exp"));
        Map<String, SindexDefinition> indexes = ctx.storage().sindexes(namespace);
        if (indexes == null) {
            // The real server accepts it too: definitions go to system metadata, cluster-wide, and
            // a node without the namespace keeps none. Nothing is stored here either.
            return "ok";
        }
        SindexDefinition existing = indexes.putIfAbsent(name, def);
        if (existing != null && !existing.toInfoLine().equals(def.toInfoLine())) {
            throw new InfoParams.InfoError(200, "'indexname' already exists with different definition");
        }
        return "ok";
    }

    /**
     * The real server checks the index name first and, when it is missing, reports that and goes
     * on anyway (sindex_manager.c assigns the check's bool to a result code): the reply is the
     * error followed by the command's own answer.
     */
    private static String indexNameError(InfoParams p) {
        String name = p.get("indexname");
        if (name == null) {
            return "ERROR:4:missing 'indexname'";
        }
        return name.isEmpty() ? "ERROR:4:missing 'indexname' value" : "";
    }

    private String sindexDelete(InfoParams p) {
        String prefix = indexNameError(p);
        String namespace;
        try {
            namespace = p.require("namespace", "ns");
        } catch (InfoParams.InfoError e) {
            return prefix + e.reply();
        }
        Map<String, SindexDefinition> indexes = ctx.storage().sindexes(namespace);
        if (indexes != null && prefix.isEmpty()) {
            indexes.remove(p.get("indexname"));
        }
        return prefix + "ok"; // like sindex-create, a cluster-wide metadata change: no namespace check
    }

    private String sindexList(InfoParams p) {
        String only = p.get("namespace", "ns");
        if (only != null) {
            indexesOf(p.require("namespace", "ns"));
        }
        String b64 = p.get("b64");
        if (b64 != null && !b64.equals("true") && !b64.equals("false")) {
            throw new InfoParams.InfoError(4, b64.isEmpty() ? "missing 'b64' value" : "bad b64");
        }
        java.util.StringJoiner sb = new java.util.StringJoiner(";");
        for (NamespaceStore ns : ctx.storage().namespaces()) {
            if (only != null && !only.equals(ns.name())) {
                continue;
            }
            for (SindexDefinition def : ctx.storage().sindexes(ns.name()).values()) {
                sb.add(def.toInfoLine());
            }
        }
        return sb.toString();
    }

    private String sindexExists(InfoParams p) {
        String prefix = indexNameError(p);
        try {
            Map<String, SindexDefinition> indexes = indexesOf(p.require("namespace", "ns"));
            return prefix + (prefix.isEmpty() && indexes.containsKey(p.get("indexname")));
        } catch (InfoParams.InfoError e) {
            return prefix + e.reply();
        }
    }

    /**
     * The deprecated {@code sindex[/<ns>[/<name>]]}: without a name the definitions as in
     * {@code sindex-list}, with one the index statistics (never built here: zero entries, fully loaded).
     */
    private String sindexStatus(String argument) {
        if (argument == null || argument.isEmpty()) {
            return sindexList(new InfoParams(null));
        }
        int slash = argument.indexOf('/');
        String namespace = slash < 0 ? argument : argument.substring(0, slash);
        Map<String, SindexDefinition> indexes = ctx.storage().sindexes(namespace);
        if (indexes == null) {
            return "ns_type=unknown";
        }
        if (slash < 0) {
            return sindexList(new InfoParams("ns=" + namespace));
        }
        if (!indexes.containsKey(argument.substring(slash + 1))) {
            return "ERROR:201:no index";
        }
        return "entries=0;used_bytes=0;entries_per_bval=0;entries_per_rec=0;load_pct=100;load_time=0;stat_gc_recs=0";
    }
}
