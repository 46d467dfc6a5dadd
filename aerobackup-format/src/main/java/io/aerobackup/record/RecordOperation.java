package io.aerobackup.record;

/** What a backup row does on restore. Stored by explicit code, never by ordinal. */
public enum RecordOperation {
    UPSERT("UPSERT"),
    DELETE("DELETE");

    private final String code;

    RecordOperation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static RecordOperation ofCode(String code) {
        for (RecordOperation op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown record operation '" + code + "', expected UPSERT or DELETE");
    }
}
