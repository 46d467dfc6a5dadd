package io.aerobackup.cluster;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aerobackup.catalog.BackupManifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Info commands the jobs need: namespaces, sets, secondary indexes, UDFs, namespace statistics. */
public final class InfoClient {
    private final AerospikeClient client;

    public InfoClient(AerospikeClient client) {
        this.client = client;
    }

    private Node anyNode() {
        Node[] nodes = client.getNodes();
        if (nodes.length == 0) {
            throw new IllegalStateException("the client has no live node");
        }
        return nodes[0];
    }

    private String request(String command) {
        return Info.request(null, anyNode(), command);
    }

    public Set<String> namespaces() {
        return new LinkedHashSet<>(Arrays.asList(request("namespaces").split(";")));
    }

    /** Set names known in the namespace, over all nodes (a set may live on some nodes only). */
    public Set<String> sets(String namespace) {
        Set<String> sets = new LinkedHashSet<>();
        for (Node node : client.getNodes()) {
            for (String entry : Info.request(null, node, "sets/" + namespace).split(";")) {
                Map<String, String> fields = fields(entry, ":");
                if (fields.containsKey("set")) {
                    sets.add(fields.get("set"));
                }
            }
        }
        return sets;
    }

    public List<BackupManifest.SecondaryIndex> secondaryIndexes(String namespace) {
        List<BackupManifest.SecondaryIndex> indexes = new ArrayList<>();
        String response = request("sindex-list:namespace=" + namespace);
        if (response.startsWith("ERROR")) {
            throw new IllegalStateException("sindex-list for namespace " + namespace + " failed: " + response);
        }
        for (String line : response.split(";")) {
            Map<String, String> f = fields(line, ":");
            if (f.containsKey("indexname") && !"set".equals(f.get("indextype"))) {
                indexes.add(new BackupManifest.SecondaryIndex(f.get("indexname"), nullIfNull(f.get("set")),
                        nullIfNull(f.get("bin")), f.get("type"), f.get("indextype"), nullIfNull(f.get("context")),
                        nullIfNull(f.get("exp"))));
            }
        }
        return indexes;
    }

    public List<BackupManifest.Udf> udfs() {
        List<BackupManifest.Udf> udfs = new ArrayList<>();
        for (String entry : request("udf-list").split(";")) {
            Map<String, String> f = fields(entry, ",");
            String name = f.get("filename");
            if (name == null) {
                continue;
            }
            Map<String, String> got = fields(request("udf-get:filename=" + name), ";");
            if (got.get("content") == null) {
                throw new IllegalStateException("udf-get of " + name + " returned no content");
            }
            udfs.add(new BackupManifest.Udf(name, got.getOrDefault("type", "LUA"), got.get("content")));
        }
        return udfs;
    }

    /** One node's {@code namespace/<ns>} statistics as a map. */
    public Map<String, String> namespaceStatistics(Node node, String namespace) {
        return fields(Info.request(null, node, "namespace/" + namespace), ";");
    }

    private static String nullIfNull(String value) {
        return value == null || value.equalsIgnoreCase("NULL") ? null : value;
    }

    /** Splits "a=1<sep>b=2" into a map; values may contain '=' (base64), so only the first one splits. */
    static Map<String, String> fields(String text, String separator) {
        Map<String, String> map = new HashMap<>();
        for (String part : text.split(separator)) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                map.put(part.substring(0, eq).trim(), part.substring(eq + 1));
            }
        }
        return map;
    }
}
