package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides a file's bin columns from the rows buffered before its schema is fixed. A name gets a
 * column when all its sampled values share one particle type and the name is a safe column name
 * that no other name of the file equals ignoring case; every other bin goes to the fallback list.
 */
final class BinColumnPlanner {
    /** Beyond this, the rarest names go to the fallback: thousands of columns cost more than they help. */
    static final int MAX_COLUMNS = 512;
    private static final int MIXED = -1;

    private BinColumnPlanner() {
    }

    static BinColumns plan(List<BackupRecord> sample) {
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
            candidates.retainAll(new java.util.HashSet<>(frequent.subList(0, MAX_COLUMNS)));
        }
        List<Integer> columnTypes = new ArrayList<>(candidates.size());
        for (String name : candidates) {
            columnTypes.add(types.get(name));
        }
        return BinColumns.of(candidates, columnTypes);
    }
}
