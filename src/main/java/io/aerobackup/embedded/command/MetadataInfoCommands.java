package io.aerobackup.embedded.command;

import io.aerobackup.embedded.storage.NamespaceStore;
import io.aerobackup.embedded.storage.SindexDefinition;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/** Info commands that change or list cluster metadata: secondary indexes, UDF modules, truncation. */
final class MetadataInfoCommands {
    private final ServerContext ctx;

    private MetadataInfoCommands(ServerContext ctx) {
        this.ctx = ctx;
    }

    static void register(ServerContext ctx, Map<String, BiFunction<String, String, String>> commands) {
        MetadataInfoCommands m = new MetadataInfoCommands(ctx);
        commands.put("sindex-create", (a, c) -> m.sindexCreate(new InfoParams(a)));
        commands.put("sindex-delete", (a, c) -> m.sindexDelete(new InfoParams(a)));
        commands.put("sindex-list", (a, c) -> m.sindexList(new InfoParams(a)));
        commands.put("sindex-exists", (a, c) -> m.sindexExists(new InfoParams(a)));
        commands.put("sindex", (a, c) -> m.sindexStatus(a));
        commands.put("udf-put", (a, c) -> m.udfPut(new InfoParams(a)));
        commands.put("udf-list", (a, c) -> m.udfList());
        commands.put("udf-get", (a, c) -> m.udfGet(new InfoParams(a)));
        commands.put("udf-remove", (a, c) -> m.udfRemove(new InfoParams(a)));
        commands.put("truncate", (a, c) -> m.truncate(new InfoParams(a), true));
        commands.put("truncate-namespace", (a, c) -> m.truncate(new InfoParams(a), false));
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
                throw new InfoParams.InfoError(4, "bad indexdata");
            }
            bin = indexData.substring(0, comma);
            type = indexData.substring(comma + 1);
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
            throw new InfoParams.InfoError(4, "bad 'type' - must be one of 'numeric', 'string', 'blob', 'geo2dsphere'");
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

    private String sindexDelete(InfoParams p) {
        String namespace = p.require("namespace", "ns");
        String name = p.require("indexname", "indexname");
        Map<String, SindexDefinition> indexes = ctx.storage().sindexes(namespace);
        if (indexes != null) {
            indexes.remove(name);
        }
        return "ok"; // like sindex-create, a cluster-wide metadata change: no namespace check
    }

    private String sindexList(InfoParams p) {
        String only = p.get("namespace", "ns");
        if (only != null) {
            indexesOf(only);
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
        String namespace = p.require("namespace", "ns");
        String name = p.require("indexname", "indexname");
        return Boolean.toString(indexesOf(namespace).containsKey(name));
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

    private String udfPut(InfoParams p) {
        // UDF commands report errors as error=<reason>, unlike the other info commands.
        String file = p.get("filename");
        int dot = file == null ? -1 : file.lastIndexOf('.');
        if (dot <= 0 || dot == file.length() - 1) {
            return "error=invalid_filename";
        }
        String content = p.get("content");
        String contentLength = p.get("content-len");
        if (contentLength == null || !contentLength.matches("\\d+") || Integer.parseInt(contentLength) % 4 != 0) {
            return "error=invalid_content_len";
        }
        String type = p.get("udf-type");
        if (type != null && !type.equals("LUA")) {
            return "error=invalid_udf_type";
        }
        if (content == null || content.length() != Integer.parseInt(contentLength)) {
            return "error=invalid_content";
        }
        byte[] source;
        try {
            source = Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            return "error=invalid_base64_content";
        }
        ctx.storage().udfs().put(file, source);
        return "ok";
    }

    private String udfList() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, byte[]> e : ctx.storage().udfs().entrySet()) {
            sb.append("filename=").append(e.getKey()).append(",hash=").append(smdHash(e.getKey(), e.getValue()))
                    .append(",type=LUA;");
        }
        return sb.toString();
    }

    private String udfGet(InfoParams p) {
        String file = p.get("filename");
        if (file == null || file.isEmpty()) {
            return "error=invalid_filename";
        }
        byte[] source = ctx.storage().udfs().get(file);
        if (source == null) {
            return "error=not_found";
        }
        return "type=LUA;content=" + Base64.getEncoder().encodeToString(source) + ";";
    }

    private String udfRemove(InfoParams p) {
        String file = p.get("filename");
        if (file == null || file.isEmpty()) {
            return "error=invalid_filename";
        }
        ctx.storage().udfs().remove(file);
        return "ok";
    }

    /** Removes the records last updated before {@code lut} (nanoseconds since the Unix epoch; default now). */
    private String truncate(InfoParams p, boolean withSet) {
        String namespace = p.get("namespace");
        if (namespace == null || namespace.isEmpty()) {
            throw new InfoParams.InfoError(20, "missing 'namespace'");
        }
        String set = p.get("set");
        if (withSet && (set == null || set.isEmpty())) {
            throw new InfoParams.InfoError(4, "missing 'set'");
        }
        if (!withSet && set != null) {
            throw new InfoParams.InfoError(4, "unexpected set name");
        }
        long cutMillis = ctx.nowMillis();
        String lut = p.get("lut");
        if (lut != null) {
            try {
                cutMillis = Long.parseLong(lut) / 1_000_000L;
            } catch (NumberFormatException e) {
                throw new InfoParams.InfoError(4, "bad lut");
            }
            if (cutMillis > ctx.nowMillis()) {
                throw new InfoParams.InfoError(4, "would truncate in the future");
            }
            if (cutMillis == 0) {
                throw new InfoParams.InfoError(4, "would truncate to 0");
            }
        }
        NamespaceStore ns = ctx.storage().namespace(namespace);
        if (ns == null) {
            return "ok"; // the real server accepts and ignores an unknown namespace
        }
        long cut = cutMillis;
        ns.removeIf(r -> r.lastUpdateMillis() < cut && (set == null || set.equals(r.setName())));
        return "ok";
    }

    /**
     * The real server's UDF hash: SHA-1 of the module's system-metadata value, the JSON text
     * {@code {"content64": <base64 source>, "type": "LUA", "name": <file>}} (udf_cask.c).
     */
    private static String smdHash(String file, byte[] source) {
        String json = "{\"content64\": \"" + Base64.getEncoder().encodeToString(source)
                + "\", \"type\": \"LUA\", \"name\": \""
                + file.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return sha1(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
