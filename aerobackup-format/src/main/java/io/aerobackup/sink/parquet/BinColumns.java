package io.aerobackup.sink.parquet;

import io.aerobackup.record.ParticleTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The typed bin columns of one format 2.0 file: names in schema order, each with the one particle
 * type its values have. Stored in the file's key-value metadata as {@link TypedSchema#BIN_COLUMNS_KEY}.
 */
public final class BinColumns {
    /** Plain SQL identifiers only, so every engine can name the column unquoted (FORMAT.md "Bin columns"). */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Names a bin column may not take, compared case-insensitively as SQL engines do. */
    private static final Set<String> RESERVED = reserved();

    private final String[] names;
    private final int[] types;
    private final Map<String, Integer> index;

    private BinColumns(List<String> names, List<Integer> types) {
        this.names = names.toArray(new String[0]);
        this.types = types.stream().mapToInt(Integer::intValue).toArray();
        this.index = new HashMap<>();
        for (int i = 0; i < this.names.length; i++) {
            index.put(this.names[i], i);
        }
    }

    /** Columns as given; the caller ({@link BinColumnPlanner}) has applied {@link #isColumnName}. */
    static BinColumns of(List<String> names, List<Integer> types) {
        return new BinColumns(names, types);
    }

    /**
     * Whether a bin name can be a column: a plain identifier (ASCII letters, digits, underscore, not
     * starting with a digit) that is no record column or fallback name in any letter case. Names that
     * clash with each other only by case are excluded by the planner, which sees all of a file's names.
     */
    public static boolean isColumnName(String name) {
        return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public int type(int i) {
        return types[i];
    }

    /** The column of a bin name, or -1 when the name has none. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** "name:type,name:type", in column order; empty when there are no bin columns. */
    String metadataValue() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ",").append(names[i]).append(':').append(types[i]);
        }
        return b.toString();
    }

    /** Parses {@link #metadataValue()}; any deviation from the format is an IOException naming the file. */
    static BinColumns parse(String value, String file) throws IOException {
        if (value == null) {
            throw new IOException("backup file " + file + " (format 2) has no " + TypedSchema.BIN_COLUMNS_KEY
                    + " metadata");
        }
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : value.isEmpty() ? new String[0] : value.split(",", -1)) {
            int colon = entry.indexOf(':');
            String name = colon < 0 ? entry : entry.substring(0, colon);
            int type;
            try {
                type = colon < 0 ? -1 : Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                type = -1;
            }
            if (!isColumnName(name) || !ParticleTypes.isBinType(type) || !seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IOException("backup file " + file + " has a malformed " + TypedSchema.BIN_COLUMNS_KEY
                        + " entry '" + entry + "'");
            }
            names.add(name);
            types.add(type);
        }
        return new BinColumns(names, types);
    }

    private static Set<String> reserved() {
        Set<String> out = new HashSet<>();
        for (var column : TypedSchema.RECORD_COLUMNS) {
            out.add(column.getName());
        }
        out.add(TypedSchema.FALLBACK);
        return Set.copyOf(out);
    }
}
