package io.aerobackup.embedded.storage;

import java.nio.charset.StandardCharsets;

/** A named bin value; the encoded name is kept so replies need no re-encoding. */
public final class Bin {
    private final String name;
    private final byte[] nameBytes;
    private final Particle value;

    public Bin(String name, Particle value) {
        this.name = name;
        this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
        this.value = value;
    }

    public String name() {
        return name;
    }

    public byte[] nameBytes() {
        return nameBytes;
    }

    public Particle value() {
        return value;
    }
}
