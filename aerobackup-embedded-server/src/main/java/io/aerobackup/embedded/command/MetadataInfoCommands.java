package io.aerobackup.embedded.command;

import io.aerobackup.embedded.storage.NamespaceStore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.BiFunction;

/** Info commands that change or list cluster metadata: UDF modules and truncation (indexes: {@link SindexInfoCommands}). */
final class MetadataInfoCommands {
    private final ServerContext ctx;

    private MetadataInfoCommands(ServerContext ctx) {
        this.ctx = ctx;
    }

    static void register(ServerContext ctx, Map<String, BiFunction<String, String, String>> commands) {
        MetadataInfoCommands m = new MetadataInfoCommands(ctx);
        SindexInfoCommands.register(ctx, commands);
        commands.put("udf-put", (a, c) -> m.udfPut(new InfoParams(a)));
        commands.put("udf-list", (a, c) -> m.udfList());
        commands.put("udf-get", (a, c) -> m.udfGet(new InfoParams(a)));
        commands.put("udf-remove", (a, c) -> m.udfRemove(new InfoParams(a)));
        commands.put("truncate", (a, c) -> m.truncate(new InfoParams(a), true));
        commands.put("truncate-namespace", (a, c) -> m.truncate(new InfoParams(a), false));
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
        String namespace = p.require("namespace", "namespace");
        String set = p.get("set");
        if (withSet) {
            p.require("set", "set");
        } else if (set != null) {
            throw new InfoParams.InfoError(4, "unexpected set name");
        }
        long cutMillis = ctx.nowMillis();
        String lut = p.get("lut");
        if (lut != null) {
            cutMillis = TruncateLut.cutMillis(lut, ctx.nowMillis());
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
