package io.aerobackup.embedded.command;

import io.aerobackup.embedded.topology.NodeIdentity;
import io.aerobackup.embedded.storage.NamespaceConfig;
import io.aerobackup.embedded.storage.NamespaceStore;

/** The statistics info commands: {@code namespace/<ns>}, {@code sets[/<ns>[/<set>]]}, {@code statistics}. */
final class NamespaceInfo {
    private NamespaceInfo() {
    }

    /**
     * Per-node namespace statistics. With replication factor 1 each node reports what it masters,
     * so summing {@code objects} over the nodes gives the namespace's total, as on a real cluster.
     */
    static String namespace(ServerContext ctx, NodeIdentity self, String name) {
        NamespaceStore ns = name == null ? null : ctx.storage().namespace(name);
        if (ns == null) {
            return "type=unknown";
        }
        NamespaceConfig config = ns.config();
        long objects = 0;
        long used = 0;
        for (int p = 0; p < NamespaceStore.PARTITIONS; p++) {
            if (ctx.cluster().owns(self.index(), p)) {
                objects += ns.partition(p).objects();
                used += ns.partition(p).bytes();
            }
        }
        long total = config.dataTotalBytes();
        long usedPct = total == 0 ? 0 : Math.round(100.0 * ns.usedBytes() / total);
        // The real server's statistics (a subset, in its order), then the namespace's configuration.
        return "ns_cluster_size=" + ctx.cluster().liveNodes()
                + ";effective_replication_factor=1;objects=" + objects
                + ";tombstones=0;xdr_tombstones=0;xdr_bin_cemeteries=0;mrt_provisionals=0"
                + ";master_objects=" + objects
                + ";master_tombstones=0;prole_objects=0;prole_tombstones=0;non_replica_objects=0"
                + ";non_replica_tombstones=0;unreplicated_records=0;dead_partitions=0;unavailable_partitions=0"
                + ";auto_revived_partitions=0;clock_skew_stop_writes=false;stop_writes=false;hwm_breached=false"
                + ";current_time=" + ctx.nowServerSeconds()
                + ";truncate_lut=0;truncating=false"
                + ";data_total_bytes=" + total
                + ";data_used_bytes=" + used
                + ";data_used_pct=" + usedPct
                + ";data_avail_pct=" + Math.max(0, 100 - usedPct)
                + ";" + ConfigInfo.join(ConfigInfo.namespaceConfig(config));
    }

    /**
     * Set statistics of the partitions this node masters, for one namespace ("ns"), one set
     * ("ns/set": the properties without the ns and set prefix) or all namespaces.
     */
    static String sets(ServerContext ctx, NodeIdentity self, String argument) {
        String namespace = null;
        String set = null;
        if (argument != null && !argument.isEmpty()) {
            int slash = argument.indexOf('/');
            namespace = slash < 0 ? argument : argument.substring(0, slash);
            set = slash < 0 ? null : argument.substring(slash + 1);
            if (ctx.storage().namespace(namespace) == null) {
                return "ns_type=unknown";
            }
        }
        StringBuilder sb = new StringBuilder();
        for (NamespaceStore ns : ctx.storage().namespaces()) {
            if (namespace != null && !namespace.equals(ns.name())) {
                continue;
            }
            for (String name : ns.sets().keySet()) {
                if (set != null && !set.equals(name)) {
                    continue;
                }
                long objects = 0;
                long bytes = 0;
                for (int p = 0; p < NamespaceStore.PARTITIONS; p++) {
                    if (ctx.cluster().owns(self.index(), p)) {
                        objects += ns.partition(p).setObjects(name);
                        bytes += ns.partition(p).setBytes(name);
                    }
                }
                if (set == null) {
                    sb.append("ns=").append(ns.name()).append(":set=").append(name).append(':');
                }
                sb.append("objects=").append(objects).append(":tombstones=0:data_used_bytes=").append(bytes)
                        .append(":truncate_lut=0:sindexes=0:index_populating=false:truncating=false")
                        .append(":default-read-touch-ttl-pct=0:default-ttl=0")
                        .append(":disable-eviction=false:enable-index=false:stop-writes-count=0")
                        .append(":stop-writes-size=0;");
            }
        }
        return sb.toString();
    }

    /** Node-wide statistics: objects counts the partitions this node masters. */
    static String statistics(ServerContext ctx, NodeIdentity self) {
        long objects = 0;
        for (NamespaceStore ns : ctx.storage().namespaces()) {
            for (int p = 0; p < NamespaceStore.PARTITIONS; p++) {
                if (ctx.cluster().owns(self.index(), p)) {
                    objects += ns.partition(p).objects();
                }
            }
        }
        return "cluster_size=" + ctx.cluster().liveNodes()
                + ";cluster_integrity=true;objects=" + objects
                + ";tombstones=0;uptime=1;system_free_mem_pct=90;client_connections=0;batch_index_initiate=0";
    }
}
