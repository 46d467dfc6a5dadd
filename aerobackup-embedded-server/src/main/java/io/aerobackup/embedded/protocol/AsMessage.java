package io.aerobackup.embedded.protocol;

import java.util.List;

/** A decoded AS_MSG request: the 22-byte header, its fields by type, and its operations. */
public final class AsMessage {
    private final int info1;
    private final int info2;
    private final int info3;
    private final int info4;
    private final int generation;
    private final int ttl;
    private final int timeoutMillis;
    private final Field[] fieldsByType;
    private final List<Op> ops;

    public AsMessage(int info1, int info2, int info3, int info4, int generation, int ttl, int timeoutMillis,
                     Field[] fieldsByType, List<Op> ops) {
        this.info1 = info1;
        this.info2 = info2;
        this.info3 = info3;
        this.info4 = info4;
        this.generation = generation;
        this.ttl = ttl;
        this.timeoutMillis = timeoutMillis;
        this.fieldsByType = fieldsByType;
        this.ops = ops;
    }

    public int info1() {
        return info1;
    }

    public int info2() {
        return info2;
    }

    public int info3() {
        return info3;
    }

    public int info4() {
        return info4;
    }

    public boolean has1(int flag) {
        return (info1 & flag) != 0;
    }

    public boolean has2(int flag) {
        return (info2 & flag) != 0;
    }

    public boolean has3(int flag) {
        return (info3 & flag) != 0;
    }

    public int generation() {
        return generation;
    }

    /** The record TTL the client asked for (seconds; 0, -1 and -2 have special meanings). */
    public int ttl() {
        return ttl;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    /** The field of this type, or null. */
    public Field field(int type) {
        return fieldsByType[type];
    }

    /** All fields, indexed by type (absent ones null); callers must not modify the array. */
    public Field[] fields() {
        return fieldsByType;
    }

    public List<Op> ops() {
        return ops;
    }
}
