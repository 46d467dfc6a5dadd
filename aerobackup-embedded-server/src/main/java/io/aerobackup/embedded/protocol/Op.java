package io.aerobackup.embedded.protocol;

import io.aerobackup.embedded.storage.Particle;

/** One operation of an AS_MSG: op type, bin name and (for writes) the value as a particle. */
public final class Op {
    private final int type;
    private final String binName;
    private final Particle value;

    public Op(int type, String binName, Particle value) {
        this.type = type;
        this.binName = binName;
        this.value = value;
    }

    public int type() {
        return type;
    }

    /** The bin name; empty for operations on the whole record (touch, get-all). */
    public String binName() {
        return binName;
    }

    public Particle value() {
        return value;
    }
}
