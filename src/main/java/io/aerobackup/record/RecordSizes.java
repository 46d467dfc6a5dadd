package io.aerobackup.record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Approximate sizes of bin data, for the time model's D and for throughput figures. */
public final class RecordSizes {
    private RecordSizes() {
    }

    /** Bin names plus values, about as the wire carries them. */
    public static long binBytes(BackupRecord record) {
        long total = 0;
        for (BackupBin bin : record.bins()) {
            total += bin.name().length() + valueBytes(bin.value());
        }
        return total;
    }

    static long valueBytes(Object value) {
        if (value instanceof Long || value instanceof Double) {
            return 8;
        }
        if (value instanceof Boolean) {
            return 1;
        }
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.UTF_8).length;
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).length;
        }
        if (value instanceof List) {
            long sum = 1;
            for (Object item : (List<?>) value) {
                sum += valueBytes(item);
            }
            return sum;
        }
        if (value instanceof Map) {
            long sum = 1;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                sum += valueBytes(e.getKey()) + valueBytes(e.getValue());
            }
            return sum;
        }
        return value == null ? 0 : 8;
    }
}
