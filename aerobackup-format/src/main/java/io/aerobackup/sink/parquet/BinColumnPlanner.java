package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides a file's bin columns from the rows buffered before its schema is fixed. A name gets a
 * column when all its sampled values share one particle type and the name is a safe column name
 * that no other name of the file equals ignoring case; every other bin goes to the fallback list.
 * It also tells which INTEGER and STRING columns repeat values enough for a dictionary to pay.
 */
final class BinColumnPlanner {
    /** Beyond this, the rarest names go to the fallback: thousands of columns cost more than they help. */
    static final int MAX_COLUMNS = 512;
    private static final int MIXED = -1;

    private BinColumnPlanner() {
    }

    /** The columns, and the names of those whose sampled values are mostly distinct (no dictionary). */
    record Plan(BinColumns columns, Set<String> noDictionary) {
    }

    static Plan plan(List<BackupRecord> sample) {
        Map<String, Integer> types = new LinkedHashMap<>(); // first-seen order becomes column order
        Map<String, Integer> counts = new HashMap<>();
        for (BackupRecord record : sample) {
            for (BackupBin bin : record.bins()) {
                Integer seen = types.putIfAbsent(bin.name(), bin.particleType());
                if (seen != null && seen != bin.particleType()) {
                    types.put(bin.name(), MIXED);
                }
                counts.merge(bin.name(), 1, Integer::sum);
            }
        }
        Map<String, Integer> byLowerCase = new HashMap<>();
        for (String name : types.keySet()) {
            byLowerCase.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            String name = e.getKey();
            if (e.getValue() != MIXED && BinColumns.isColumnName(name)
                    && byLowerCase.get(name.toLowerCase(Locale.ROOT)) == 1) {
                candidates.add(name);
            }
        }
        if (candidates.size() > MAX_COLUMNS) {
            List<String> frequent = new ArrayList<>(candidates);
            frequent.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
            candidates.retainAll(new HashSet<>(frequent.subList(0, MAX_COLUMNS)));
        }
        List<Integer> columnTypes = new ArrayList<>(candidates.size());
        for (String name : candidates) {
            columnTypes.add(types.get(name));
        }
        BinColumns columns = BinColumns.of(candidates, columnTypes);
        return new Plan(columns, mostlyDistinct(sample, columns));
    }

    /**
     * INTEGER and STRING columns whose sampled values repeat less than twice on average: Parquet
     * would hash every value into a dictionary only to drop it when it overflows.
     */
    private static Set<String> mostlyDistinct(List<BackupRecord> sample, BinColumns columns) {
        Map<String, Set<ByteBuffer>> distinct = new HashMap<>();
        Map<String, Integer> values = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            int type = columns.type(i);
            if (type == ParticleTypes.INTEGER || type == ParticleTypes.STRING) {
                distinct.put(columns.name(i), new HashSet<>());
            }
        }
        for (BackupRecord record : sample) {
            for (BackupBin bin : record.bins()) {
                Set<ByteBuffer> seen = distinct.get(bin.name());
                int column = columns.indexOf(bin.name());
                if (seen != null && columns.type(column) == bin.particleType()) {
                    seen.add(ByteBuffer.wrap(bin.particle()));
                    values.merge(bin.name(), 1, Integer::sum);
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, Set<ByteBuffer>> e : distinct.entrySet()) {
            if (e.getValue().size() * 2L > values.getOrDefault(e.getKey(), 0)) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
