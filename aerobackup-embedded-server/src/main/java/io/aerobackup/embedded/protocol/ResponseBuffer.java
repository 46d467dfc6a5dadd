package io.aerobackup.embedded.protocol;

import io.aerobackup.embedded.storage.Particle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds responses: one protocol frame holding one or more AS_MSGs (scans and batches pack many
 * records into one frame). Reused across responses on a connection to avoid garbage.
 */
public final class ResponseBuffer {
    private byte[] buf = new byte[16 * 1024];
    private int len;
    private int frameStart = -1;

    public void reset() {
        len = 0;
        frameStart = -1;
    }

    public int size() {
        return len;
    }

    /** Bytes in the currently open frame. */
    public int frameSize() {
        return frameStart < 0 ? 0 : len - frameStart - Proto.HEADER_SIZE;
    }

    public boolean frameOpen() {
        return frameStart >= 0;
    }

    public void beginFrame() {
        frameStart = len;
        ensure(Proto.HEADER_SIZE);
        len += Proto.HEADER_SIZE;
    }

    public void endFrame() {
        long size = len - frameStart - Proto.HEADER_SIZE;
        long proto = size | ((long) Proto.VERSION << 56) | ((long) Proto.TYPE_MSG << 48);
        Bytes.putLong(buf, frameStart, proto);
        frameStart = -1;
    }

    /** An info reply frame holding {@code text}. */
    public void infoFrame(byte[] text) {
        ensure(Proto.HEADER_SIZE + text.length);
        long proto = text.length | ((long) Proto.VERSION << 56) | ((long) Proto.TYPE_INFO << 48);
        Bytes.putLong(buf, len, proto);
        System.arraycopy(text, 0, buf, len + Proto.HEADER_SIZE, text.length);
        len += Proto.HEADER_SIZE + text.length;
    }

    /**
     * Writes an AS_MSG header. {@code slot14} is the field the real server uses for the batch
     * index in batch replies (the transaction TTL slot in requests).
     */
    public void msgHeader(int info3, int resultCode, int generation, int expiration, int slot14,
                          int fieldCount, int opCount) {
        msgHeader(0, info3, resultCode, generation, expiration, slot14, fieldCount, opCount);
    }

    /** As above, with info1 set (scans flag metadata-only records with GET_NO_BINS). */
    public void msgHeader(int info1, int info3, int resultCode, int generation, int expiration, int slot14,
                          int fieldCount, int opCount) {
        ensure(Proto.MSG_HEADER_SIZE);
        byte[] b = buf;
        int p = len;
        b[p] = (byte) Proto.MSG_HEADER_SIZE;
        b[p + 1] = (byte) info1;
        b[p + 2] = 0;
        b[p + 3] = (byte) info3;
        b[p + 4] = 0;
        b[p + 5] = (byte) resultCode;
        Bytes.putInt(b, p + 6, generation);
        Bytes.putInt(b, p + 10, expiration);
        Bytes.putInt(b, p + 14, slot14);
        Bytes.putShort(b, p + 18, fieldCount);
        Bytes.putShort(b, p + 20, opCount);
        len += Proto.MSG_HEADER_SIZE;
    }

    public void field(int type, byte[] data) {
        ensure(5 + data.length);
        Bytes.putInt(buf, len, data.length + 1);
        buf[len + 4] = (byte) type;
        System.arraycopy(data, 0, buf, len + 5, data.length);
        len += 5 + data.length;
    }

    public void field(int type, String value) {
        field(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The user-key field: one particle-type byte, then the key's bytes. */
    public void keyField(Particle key) {
        byte[] data = key.bytes();
        ensure(6 + data.length);
        Bytes.putInt(buf, len, data.length + 2);
        buf[len + 4] = (byte) Proto.FIELD_KEY;
        buf[len + 5] = (byte) key.type();
        System.arraycopy(data, 0, buf, len + 6, data.length);
        len += 6 + data.length;
    }

    public void op(byte[] name, int particleType, byte[] value) {
        int valueLength = value == null ? 0 : value.length;
        ensure(8 + name.length + valueLength);
        Bytes.putInt(buf, len, 4 + name.length + valueLength);
        buf[len + 4] = (byte) Proto.OP_READ;
        buf[len + 5] = (byte) particleType;
        buf[len + 6] = 0;
        buf[len + 7] = (byte) name.length;
        System.arraycopy(name, 0, buf, len + 8, name.length);
        if (valueLength > 0) {
            System.arraycopy(value, 0, buf, len + 8 + name.length, valueLength);
        }
        len += 8 + name.length + valueLength;
    }

    /** Appends bytes that are already a complete frame. */
    public void raw(byte[] frame) {
        ensure(frame.length);
        System.arraycopy(frame, 0, buf, len, frame.length);
        len += frame.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
