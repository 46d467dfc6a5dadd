package io.aerobackup.embedded.storage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Everything the cluster stores: namespaces and the cluster-wide metadata (secondary-index
 * definitions and UDF modules). Shared by all nodes, so a node that leaves takes no data with it,
 * as after a completed migration.
 */
public final class Storage {
    private final Map<String, NamespaceStore> namespaces = new LinkedHashMap<>();
    /** Namespace to index name to the definition line {@code sindex-list} prints. */
    private final Map<String, Map<String, SindexDefinition>> sindexes = new ConcurrentHashMap<>();
    /** UDF file name to its source. */
    private final Map<String, byte[]> udfs = new ConcurrentSkipListMap<>();

    public Storage(List<NamespaceConfig> configs) {
        for (NamespaceConfig config : configs) {
            namespaces.put(config.name(), new NamespaceStore(config));
            sindexes.put(config.name(), new ConcurrentSkipListMap<>());
        }
    }

    /** The namespace, or null when there is no such namespace. */
    public NamespaceStore namespace(String name) {
        return namespaces.get(name);
    }

    public Collection<NamespaceStore> namespaces() {
        return namespaces.values();
    }

    public Map<String, SindexDefinition> sindexes(String namespace) {
        return sindexes.get(namespace);
    }

    public Map<String, byte[]> udfs() {
        return udfs;
    }
}
