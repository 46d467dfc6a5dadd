package io.aerobackup.source.changefeed;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The used-space percentage the space trigger compares, from the servers' {@code namespace/<ns>}
 * statistics ({@code InfoClient.namespaceStatistics}). A namespace fills node by node, so the
 * fullest node decides: the cluster runs out of space when its first node does.
 */
public final class UsedSpace {
    static final String USED_PCT = "data_used_pct";
    static final String USED_BYTES = "data_used_bytes";
    static final String TOTAL_BYTES = "data_total_bytes";

    private UsedSpace() {
    }

    /** The highest percentage over the nodes' statistics; empty when no node reports one. */
    public static OptionalInt fullestNode(Collection<Map<String, String>> nodeStatistics) {
        return nodeStatistics.stream().map(UsedSpace::percentOf).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).max();
    }

    /**
     * One node's percentage: {@code data_used_pct} (Aerospike 7+), else computed from
     * {@code data_used_bytes / data_total_bytes}; empty when neither is there or parses. Fractions are
     * cut, never rounded up, so usage counts as at a threshold only once it really is.
     */
    public static OptionalInt percentOf(Map<String, String> statistics) {
        String pct = statistics.get(USED_PCT);
        if (pct != null) {
            try {
                return OptionalInt.of(clamp((int) Math.floor(Double.parseDouble(pct.trim()))));
            } catch (NumberFormatException e) {
                // fall through to the byte counts
            }
        }
        try {
            long used = Long.parseLong(statistics.getOrDefault(USED_BYTES, "").trim());
            long total = Long.parseLong(statistics.getOrDefault(TOTAL_BYTES, "").trim());
            if (total > 0 && used >= 0) {
                return OptionalInt.of(clamp((int) (used * 100.0 / total)));
            }
        } catch (NumberFormatException e) {
            // no usable figure
        }
        return OptionalInt.empty();
    }

    private static int clamp(int pct) {
        return Math.max(0, Math.min(100, pct));
    }
}
