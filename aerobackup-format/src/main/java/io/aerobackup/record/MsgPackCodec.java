package io.aerobackup.record;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.util.Packer;
import com.aerospike.client.util.Unpacker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * LIST and MAP bin values as Aerospike msgpack, packed with the client's {@link Packer} and read
 * back with its {@link Unpacker}, so a value decodes exactly as a scan would have delivered it
 * (a key-ordered map comes back as a TreeMap, its byte[] keys as ByteBuffer).
 *
 * <p>The packing is canonical: an unordered map's entries are written sorted by their packed key
 * bytes. Java's HashMap iteration order (identity-hashed for byte[] keys) would otherwise make
 * the bytes of equal values differ between runs. Aerospike gives no meaning to that order.
 */
public final class MsgPackCodec {
    private static final String ALLOWED = "Long, Double, String, byte[], Boolean, null, List, Map, "
            + "ByteBuffer, Value.GeoJSONValue";

    private MsgPackCodec() {
    }

    /** Packs a LIST (a List) or MAP (a Map; a SortedMap is packed key-ordered) bin value. */
    public static byte[] pack(Object listOrMap) {
        Object value = canonical(listOrMap);
        // Packer.pack wraps any failure; canonical() has already rejected what it cannot pack.
        if (value instanceof List) {
            return Packer.pack((List<?>) value);
        }
        if (value instanceof SortedMap) {
            return Packer.pack((Map<?, ?>) value, MapOrder.KEY_ORDERED);
        }
        if (value instanceof Map) {
            return Packer.pack((Map<?, ?>) value, MapOrder.UNORDERED);
        }
        throw new IllegalArgumentException("only a List or a Map is packed as msgpack, was "
                + (value == null ? "null" : value.getClass().getName()));
    }

    /**
     * Unpacks msgpack written by {@link #pack} for a bin of type LIST or MAP. The structure is
     * checked first, so corrupt input fails with an IOException instead of a huge allocation.
     */
    public static Object unpack(int particleType, byte[] msgpack) throws IOException {
        boolean list = particleType == ParticleTypes.LIST;
        if (!list && particleType != ParticleTypes.MAP) {
            throw new IllegalArgumentException("msgpack holds a LIST or MAP, not " + ParticleTypes.name(particleType));
        }
        MsgPackScanner.checkForUnpacker(msgpack, list);
        Object value;
        try {
            value = list ? Unpacker.unpackObjectList(msgpack, 0, msgpack.length)
                    : Unpacker.unpackObjectMap(msgpack, 0, msgpack.length);
        } catch (AerospikeException | ClassCastException e) {
            // e.g. a key-ordered map whose keys are not mutually comparable
            throw new IOException("cannot unpack " + ParticleTypes.name(particleType) + " msgpack of "
                    + msgpack.length + " bytes: " + e.getMessage(), e);
        }
        if (!(list ? value instanceof List : value instanceof Map)) {
            throw new IOException(ParticleTypes.name(particleType) + " msgpack decoded to "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return value;
    }

    /**
     * Returns the value itself when it packs canonically as it is, else a copy whose unordered maps
     * iterate in canonical order. Rejects types that would not come back unchanged.
     */
    static Object canonical(Object value) {
        if (value == null || value instanceof Long || value instanceof Double || value instanceof String
                || value instanceof Boolean || value instanceof byte[] || value instanceof Value.GeoJSONValue) {
            return value;
        }
        if (value instanceof ByteBuffer) {
            return canonicalBuffer((ByteBuffer) value);
        }
        if (value instanceof List) {
            return canonicalList((List<?>) value);
        }
        if (value instanceof SortedMap) {
            return canonicalSortedMap((SortedMap<?, ?>) value);
        }
        if (value instanceof Map) {
            return canonicalMap((Map<?, ?>) value);
        }
        throw new IllegalArgumentException("unsupported value type " + value.getClass().getName()
                + " inside a list or map; allowed: " + ALLOWED);
    }

    private static Object canonicalBuffer(ByteBuffer b) {
        // Packer packs b.array() whole, so a slice or a read-only buffer needs a plain copy.
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.limit() == b.array().length) {
            return b;
        }
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return ByteBuffer.wrap(copy);
    }

    private static Object canonicalList(List<?> list) {
        List<Object> copy = null;
        int i = 0;
        for (Object item : list) {
            Object c = canonical(item);
            if (c != item && copy == null) {
                copy = new ArrayList<>(list.subList(0, i));
            }
            if (copy != null) {
                copy.add(c);
            }
            i++;
        }
        return copy == null ? list : copy;
    }

    private static Object canonicalSortedMap(SortedMap<?, ?> map) {
        boolean changed = map.comparator() != null;
        TreeMap<Object, Object> copy = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object k = canonical(e.getKey());
            Object v = canonical(e.getValue());
            changed |= k != e.getKey() || v != e.getValue();
            copy.put(k, v);
        }
        // Decoding builds a natural-order TreeMap, so a custom comparator's order cannot survive.
        return changed ? copy : map;
    }

    private static Object canonicalMap(Map<?, ?> map) {
        List<Object[]> entries = new ArrayList<>(map.size());
        boolean changed = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("a map key cannot be null (the client drops nil keys)");
            }
            Object k = canonical(e.getKey());
            Object v = canonical(e.getValue());
            changed |= k != e.getKey() || v != e.getValue();
            entries.add(new Object[] {k, v, null});
        }
        if (entries.size() <= 1 && !changed) {
            return map;
        }
        for (Object[] entry : entries) {
            entry[2] = packObject(entry[0]);
        }
        entries.sort((x, y) -> Arrays.compareUnsigned((byte[]) x[2], (byte[]) y[2]));
        Map<Object, Object> ordered = new LinkedHashMap<>();
        for (Object[] entry : entries) {
            ordered.put(entry[0], entry[1]);
        }
        return ordered;
    }

    /** Packs one object; only called while no other Packer is in use (they share a thread-local buffer). */
    private static byte[] packObject(Object o) {
        Packer packer = new Packer();
        packer.packObject(o);
        return packer.toByteArray();
    }
}
