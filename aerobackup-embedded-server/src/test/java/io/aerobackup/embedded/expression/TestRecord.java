package io.aerobackup.embedded.expression;

import io.aerobackup.embedded.storage.Particle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A hand-built record for expression tests, plus particle constructors in the wire encoding. */
final class TestRecord implements RecordView {
    private final Map<String, Particle> bins = new HashMap<>();
    private String setName = "";
    private byte[] digest = new byte[20];
    private Particle userKey;
    private long lastUpdateMillis;
    private long voidTimeMillis;
    private int recordSize;
    private boolean tombstone;

    TestRecord bin(String name, Particle value) {
        bins.put(name, value);
        return this;
    }

    TestRecord set(String name) {
        this.setName = name;
        return this;
    }

    TestRecord digest(byte[] value) {
        this.digest = value;
        return this;
    }

    TestRecord key(Particle key) {
        this.userKey = key;
        return this;
    }

    TestRecord lastUpdate(long millis) {
        this.lastUpdateMillis = millis;
        return this;
    }

    TestRecord voidTime(long millis) {
        this.voidTimeMillis = millis;
        return this;
    }

    TestRecord size(int bytes) {
        this.recordSize = bytes;
        return this;
    }

    TestRecord tombstone(boolean value) {
        this.tombstone = value;
        return this;
    }

    static Particle intP(long v) {
        return new Particle(Particle.INTEGER, ByteBuffer.allocate(8).putLong(v).array());
    }

    static Particle floatP(double v) {
        return new Particle(Particle.DOUBLE, ByteBuffer.allocate(8).putDouble(v).array());
    }

    static Particle strP(String v) {
        return new Particle(Particle.STRING, v.getBytes(StandardCharsets.UTF_8));
    }

    static Particle blobP(byte... v) {
        return new Particle(Particle.BLOB, v);
    }

    static Particle boolP(boolean v) {
        return new Particle(Particle.BOOL, new byte[] {(byte) (v ? 1 : 0)});
    }

    @Override
    public Particle bin(String name) {
        return bins.get(name);
    }

    @Override
    public String setName() {
        return setName;
    }

    @Override
    public byte[] digest() {
        return digest;
    }

    @Override
    public Particle userKey() {
        return userKey;
    }

    @Override
    public long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    @Override
    public long voidTimeMillis() {
        return voidTimeMillis;
    }

    @Override
    public int recordSizeBytes() {
        return recordSize;
    }

    @Override
    public boolean isTombstone() {
        return tombstone;
    }
}
