package io.aerobackup.embedded.command;

import io.aerobackup.embedded.storage.NamespaceConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A namespace's configuration under the keys and in the order of Aerospike 8.1 CE
 * (cfg_info.c cfg_get_namespace) for a memory-storage namespace. The embedded server's own
 * settings (default-ttl, nsup-period, max-record-size, data size) are its real values; the rest
 * are the 8.1 defaults, which the embedded server also follows (replication factor 1, no strong
 * consistency, no XDR). Per-stripe storage keys are left out: the embedded server has no stripes.
 */
final class NamespaceConfigKeys {
    private NamespaceConfigKeys() {
    }

    static Map<String, Object> of(NamespaceConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active-rack", 0);
        m.put("allow-ttl-without-nsup", false);
        m.put("apply-ttl-reductions", true);
        m.put("auto-revive", false);
        m.put("background-query-max-rps", 10000);
        m.put("conflict-resolution-policy", "generation");
        m.put("conflict-resolve-writes", false);
        m.put("default-read-touch-ttl-pct", 0);
        m.put("default-ttl", config.defaultTtlSeconds());
        falses(m, "disable-cold-start-eviction", "disable-mrt-writes", "disable-write-dup-res", "disallow-expunge",
                "disallow-null-setname", "enable-benchmarks-batch-sub", "enable-benchmarks-ops-sub",
                "enable-benchmarks-read", "enable-benchmarks-udf", "enable-benchmarks-udf-sub",
                "enable-benchmarks-write", "enable-hist-proxy");
        m.put("evict-hist-buckets", 10000);
        m.put("evict-indexes-memory-pct", 0);
        m.put("evict-tenths-pct", 5);
        m.put("force-long-queries", false);
        m.put("ignore-migrate-fill-delay", false);
        m.put("index-stage-size", 1073741824L);
        m.put("indexes-memory-budget", 0);
        m.put("inline-short-queries", false);
        m.put("max-record-size", config.maxRecordBytes());
        m.put("migrate-order", 5);
        m.put("migrate-retransmit-ms", 5000);
        m.put("migrate-skip-unreadable", false);
        m.put("migrate-sleep", 1);
        m.put("mrt-duration", 0);
        m.put("nsup-hist-period", 3600);
        m.put("nsup-period", config.nsupPeriodSeconds());
        m.put("nsup-threads", 1);
        m.put("partition-tree-sprigs", 256);
        m.put("prefer-uniform-balance", false);
        m.put("rack-id", 0);
        m.put("read-consistency-level-override", "off");
        m.put("reject-non-xdr-writes", false);
        m.put("reject-xdr-writes", false);
        m.put("replication-factor", 1);
        m.put("sindex-stage-size", 1073741824L);
        m.put("single-query-threads", 4);
        m.put("stop-writes-sys-memory-pct", 90);
        m.put("strong-consistency", false);
        m.put("strong-consistency-allow-expunge", false);
        m.put("tomb-raider-eligible-age", 86400);
        m.put("tomb-raider-period", 86400);
        m.put("transaction-pending-limit", 20);
        m.put("truncate-threads", 4);
        m.put("write-commit-level-override", "off");
        m.put("xdr-bin-tombstone-ttl", 86400);
        m.put("xdr-tomb-raider-period", 120);
        m.put("xdr-tomb-raider-threads", 1);
        m.put("geo2dsphere-within.strict", true);
        m.put("geo2dsphere-within.min-level", 1);
        m.put("geo2dsphere-within.max-level", 20);
        m.put("geo2dsphere-within.max-cells", 12);
        m.put("geo2dsphere-within.level-mod", 1);
        m.put("geo2dsphere-within.earth-radius-meters", 6371000);
        m.put("index-type", "mem");
        m.put("sindex-type", "mem");
        m.put("storage-engine", "memory");
        m.put("storage-engine.commit-to-device", false);
        m.put("storage-engine.compression", "none");
        m.put("storage-engine.compression-acceleration", 0);
        m.put("storage-engine.compression-level", 0);
        m.put("storage-engine.data-size", config.dataTotalBytes());
        m.put("storage-engine.defrag-lwm-pct", 50);
        m.put("storage-engine.defrag-queue-min", 0);
        m.put("storage-engine.defrag-sleep", 1000);
        m.put("storage-engine.defrag-startup-minimum", 0);
        falses(m, "storage-engine.direct-files", "storage-engine.disable-odsync",
                "storage-engine.enable-benchmarks-storage");
        m.put("storage-engine.encryption-key-file", "null");
        m.put("storage-engine.encryption-old-key-file", "null");
        m.put("storage-engine.evict-used-pct", 0);
        m.put("storage-engine.filesize", 0);
        m.put("storage-engine.flush-max-ms", 1000);
        m.put("storage-engine.max-write-cache", 67108864);
        m.put("storage-engine.stop-writes-avail-pct", 5);
        m.put("storage-engine.stop-writes-used-pct", 70);
        m.put("storage-engine.tomb-raider-sleep", 1000);
        return m;
    }

    private static void falses(Map<String, Object> m, String... keys) {
        for (String key : keys) {
            m.put(key, false);
        }
    }
}
