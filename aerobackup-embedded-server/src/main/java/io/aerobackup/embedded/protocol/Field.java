package io.aerobackup.embedded.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One field of an AS_MSG: its type and a view of its bytes in the request buffer. */
public final class Field {
    private final int type;
    private final byte[] buffer;
    private final int offset;
    private final int length;

    public Field(int type, byte[] buffer, int offset, int length) {
        this.type = type;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    public int type() {
        return type;
    }

    public int length() {
        return length;
    }

    /** A decoder over this field's bytes, without copying them. */
    public MessageCodec decoder() {
        return new MessageCodec(buffer, offset, length);
    }

    public byte[] bytes() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    public byte byteAt(int index) {
        return buffer[offset + index];
    }

    public String string() {
        return new String(buffer, offset, length, StandardCharsets.UTF_8);
    }

    public int intValue() throws ServerException {
        requireLength(4);
        return Bytes.getInt(buffer, offset);
    }

    public long longValue() throws ServerException {
        requireLength(8);
        return Bytes.getLong(buffer, offset);
    }

    /** Little-endian unsigned 16-bit value at {@code index} (partition ids travel this way). */
    public int u16le(int index) {
        return (buffer[offset + index] & 0xFF) | ((buffer[offset + index + 1] & 0xFF) << 8);
    }

    public byte[] slice(int from, int to) {
        return Arrays.copyOfRange(buffer, offset + from, offset + to);
    }

    private void requireLength(int expected) {
        if (length != expected) {
            throw new ServerException(ResultCode.PARAMETER_ERROR,
                    "field " + type + " must be " + expected + " bytes, was " + length);
        }
    }
}
