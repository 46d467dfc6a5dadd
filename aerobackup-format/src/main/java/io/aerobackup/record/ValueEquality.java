package io.aerobackup.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Equality of bin values as Aerospike sees them: byte arrays compare by content (also as map keys
 * and inside lists and maps), a byte[] equals a ByteBuffer with the same bytes (the client wraps
 * byte[] keys of sorted maps), a key-ordered map differs from an unordered one, and the entry order
 * of a key-ordered map counts. Doubles compare like {@link Double#equals} (NaN = NaN, 0.0 != -0.0).
 */
public final class ValueEquality {
    private ValueEquality() {
    }

    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (isBytes(a) && isBytes(b)) {
            return Arrays.equals(bytesOf(a), bytesOf(b));
        }
        if (a instanceof List && b instanceof List) {
            return listEquals((List<?>) a, (List<?>) b);
        }
        if (a instanceof Map && b instanceof Map) {
            return mapEquals((Map<?, ?>) a, (Map<?, ?>) b);
        }
        return Objects.equals(a, b);
    }

    private static boolean listEquals(List<?> x, List<?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        Iterator<?> i = x.iterator();
        Iterator<?> j = y.iterator();
        while (i.hasNext()) {
            if (!deepEquals(i.next(), j.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapEquals(Map<?, ?> x, Map<?, ?> y) {
        boolean sorted = x instanceof SortedMap;
        if (x.size() != y.size() || sorted != (y instanceof SortedMap)) {
            return false;
        }
        if (sorted) {
            // The order of a key-ordered map is part of its value (it is what gets packed).
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> e = i.next();
                Map.Entry<?, ?> f = j.next();
                if (!deepEquals(e.getKey(), f.getKey()) || !deepEquals(e.getValue(), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        for (Map.Entry<?, ?> e : x.entrySet()) {
            if (!containsEntry(y, e.getKey(), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsEntry(Map<?, ?> map, Object key, Object value) {
        if (hashSafe(key)) {
            return map.containsKey(key) && deepEquals(value, map.get(key));
        }
        // byte[] keys (and collections holding them) hash by identity: search by content.
        for (Map.Entry<?, ?> f : map.entrySet()) {
            if (deepEquals(key, f.getKey())) {
                return deepEquals(value, f.getValue());
            }
        }
        return false;
    }

    private static boolean hashSafe(Object key) {
        return !(key instanceof byte[] || key instanceof ByteBuffer || key instanceof List || key instanceof Map);
    }

    private static boolean isBytes(Object o) {
        return o instanceof byte[] || o instanceof ByteBuffer;
    }

    private static byte[] bytesOf(Object o) {
        if (o instanceof byte[]) {
            return (byte[]) o;
        }
        ByteBuffer b = ((ByteBuffer) o).duplicate();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return copy;
    }
}
