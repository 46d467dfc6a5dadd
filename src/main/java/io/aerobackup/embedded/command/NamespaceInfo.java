package io.aerobackup.embedded.command;

import io.aerobackup.embedded.cluster.NodeIdentity;
import io.aerobackup.embedded.storage.NamespaceConfig;
import io.aerobackup.embedded.storage.NamespaceStore;

import java.util.Map;

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
        return "ns_cluster_size=" + ctx.cluster().liveNodes()
                + ";effective_replication_factor=1;objects=" + objects
                + ";tombstones=0;master_objects=" + objects
                + ";prole_objects=0;non_replica_objects=0;stop_writes=false;hwm_breached=false"
                + ";data_total_bytes=" + total
                + ";data_used_bytes=" + used
                + ";data_used_pct=" + usedPct
                + ";data_avail_pct=" + Math.max(0, 100 - usedPct)
                + ";replication-factor=1;default-ttl=" + config.defaultTtlSeconds()
                + ";nsup-period=" + config.nsupPeriodSeconds()
                + ";allow-ttl-without-nsup=false;strong-consistency=false"
                + ";max-record-size=" + config.maxRecordBytes()
                + ";storage-engine=memory";
    }

    /** Set statistics, for one namespace (argument "ns" or "ns/set") or for all. */
    static String sets(ServerContext ctx, String argument) {
        if (argument != null && !argument.isEmpty()
                && ctx.storage().namespace(argument.split("/")[0]) == null) {
            return "ns_type=unknown";
        }
        String namespace = null;
        String set = null;
        if (argument != null && !argument.isEmpty()) {
            int slash = argument.indexOf('/');
            namespace = slash < 0 ? argument : argument.substring(0, slash);
            set = slash < 0 ? null : argument.substring(slash + 1);
        }
        StringBuilder sb = new StringBuilder();
        for (NamespaceStore ns : ctx.storage().namespaces()) {
            if (namespace != null && !namespace.equals(ns.name())) {
                continue;
            }
            for (Map.Entry<String, NamespaceStore.SetStats> e : ns.sets().entrySet()) {
                if (set != null && !set.equals(e.getKey())) {
                    continue;
                }
                sb.append("ns=").append(ns.name()).append(":set=").append(e.getKey())
                        .append(":objects=").append(e.getValue().objects())
                        .append(":tombstones=0:data_used_bytes=").append(e.getValue().bytes())
                        .append(":truncate_lut=0:sindexes=0:index_populating=false:truncating=false")
                        .append(":default-read-touch-ttl-pct=0:default-ttl=0")
                        .append(":disable-eviction=false:enable-index=false:stop-writes-count=0")
                        .append(":stop-writes-size=0;");
            }
        }
        return sb.toString();
    }

    static String statistics(ServerContext ctx) {
        long objects = 0;
        for (NamespaceStore ns : ctx.storage().namespaces()) {
            objects += ns.objects();
        }
        return "cluster_size=" + ctx.cluster().liveNodes()
                + ";cluster_integrity=true;objects=" + objects
                + ";uptime=1;system_free_mem_pct=90;batch_index_initiate=0";
    }
}
