package io.aerobackup.embedded.storage;

/** A secondary-index definition. The embedded server stores definitions; it does not build or query indexes. */
public final class SindexDefinition {
    private final String namespace;
    private final String name;
    private final String set;
    private final String bin;
    private final String type;
    private final String indexType;
    private final String context;
    private final String expression;

    public SindexDefinition(String namespace, String name, String set, String bin, String type, String indexType,
                            String context, String expression) {
        this.namespace = namespace;
        this.name = name;
        this.set = set;
        this.bin = bin;
        this.type = type;
        this.indexType = indexType;
        this.context = context;
        this.expression = expression;
    }

    public String name() {
        return name;
    }

    /** The line format of Aerospike 8's {@code sindex-list}. */
    public String toInfoLine() {
        return "ns=" + namespace + ":indexname=" + name + ":set=" + orNull(set) + ":bin=" + orNull(bin)
                + ":type=" + type + ":indextype=" + indexType + ":context=" + orNull(context)
                + ":exp=" + orNull(expression) + ":state=RW";
    }

    private static String orNull(String value) {
        return value == null || value.isEmpty() ? "null" : value;
    }
}
