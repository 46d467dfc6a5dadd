package io.aerobackup.embedded.protocol;

import io.aerobackup.embedded.storage.Particle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes AS_MSG request bodies. Every length is checked against the buffer: a message that
 * does not add up is a {@link ProtocolException} (the connection is closed), never a crash.
 */
public final class MessageCodec {
    /** Field types this server understands; any other is refused rather than silently ignored. */
    private static final boolean[] KNOWN_FIELDS = new boolean[256];


    static {
        int[] known = {Proto.FIELD_NAMESPACE, Proto.FIELD_SET, Proto.FIELD_KEY, Proto.FIELD_RECORD_VERSION,
            Proto.FIELD_DIGEST, Proto.FIELD_TXN_ID, Proto.FIELD_TXN_DEADLINE, Proto.FIELD_QUERY_ID,
            Proto.FIELD_SOCKET_TIMEOUT, Proto.FIELD_RECORDS_PER_SECOND, Proto.FIELD_PID_ARRAY,
            Proto.FIELD_DIGEST_ARRAY, Proto.FIELD_MAX_RECORDS, Proto.FIELD_BVAL_ARRAY, Proto.FIELD_INDEX_NAME,
            Proto.FIELD_INDEX_RANGE, Proto.FIELD_INDEX_CONTEXT, Proto.FIELD_INDEX_EXPRESSION,
            Proto.FIELD_INDEX_TYPE, Proto.FIELD_UDF_PACKAGE_NAME, Proto.FIELD_UDF_FUNCTION,
            Proto.FIELD_UDF_ARGLIST, Proto.FIELD_UDF_OP, Proto.FIELD_QUERY_BINLIST, Proto.FIELD_BATCH_INDEX,
            Proto.FIELD_BATCH_INDEX_WITH_SET, Proto.FIELD_FILTER_EXP};
        for (int type : known) {
            KNOWN_FIELDS[type] = true;
        }
    }

    private final byte[] buf;
    private final int end;
    private int pos;

    public MessageCodec(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Decodes a whole AS_MSG body (header, fields, ops). */
    public static AsMessage decode(byte[] body, int offset, int length) throws ProtocolException {
        MessageCodec codec = new MessageCodec(body, offset, length);
        AsMessage msg = codec.readMessage();
        if (codec.pos != codec.end) {
            throw new ProtocolException("AS_MSG has " + (codec.end - codec.pos) + " trailing bytes");
        }
        return msg;
    }

    private AsMessage readMessage() throws ProtocolException {
        require(Proto.MSG_HEADER_SIZE);
        int headerSize = buf[pos] & 0xFF;
        if (headerSize != Proto.MSG_HEADER_SIZE) {
            throw new ProtocolException("AS_MSG header size must be 22, was " + headerSize);
        }
        int info1 = buf[pos + 1] & 0xFF;
        int info2 = buf[pos + 2] & 0xFF;
        int info3 = buf[pos + 3] & 0xFF;
        int info4 = buf[pos + 4] & 0xFF;
        int generation = Bytes.getInt(buf, pos + 6);
        int ttl = Bytes.getInt(buf, pos + 10);
        int timeout = Bytes.getInt(buf, pos + 14);
        int fieldCount = Bytes.getShort(buf, pos + 18);
        int opCount = Bytes.getShort(buf, pos + 20);
        pos += Proto.MSG_HEADER_SIZE;
        Field[] fields = readFields(fieldCount);
        List<Op> ops = readOps(opCount);
        return new AsMessage(info1, info2, info3, info4, generation, ttl, timeout, fields, ops);
    }

    public int position() {
        return pos;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public int u8() throws ProtocolException {
        require(1);
        return buf[pos++] & 0xFF;
    }

    public int u16() throws ProtocolException {
        require(2);
        int v = Bytes.getShort(buf, pos);
        pos += 2;
        return v;
    }

    public int i32() throws ProtocolException {
        require(4);
        int v = Bytes.getInt(buf, pos);
        pos += 4;
        return v;
    }

    public byte[] bytes(int n) throws ProtocolException {
        require(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Reads {@code count} fields into an array indexed by field type. */
    public Field[] readFields(int count) throws ProtocolException {
        Field[] fields = new Field[Proto.FIELD_TYPES];
        for (int i = 0; i < count; i++) {
            int size = i32();
            if (size < 1) {
                throw new ProtocolException("field size must be at least 1, was " + size);
            }
            if (size > end - pos && i == count - 1 && (buf[pos] & 0xFF) == Proto.FIELD_BATCH_INDEX) {
                // The client sizes the batch field from the end of the header, so with a parent
                // filter it counts the filter's bytes too; the real server reads it up to the end.
                size = end - pos;
            }
            require(size);
            int type = buf[pos] & 0xFF;
            // The real server skips field types it does not know; so does this one.
            if (KNOWN_FIELDS[type]) {
                fields[type] = new Field(type, buf, pos + 1, size - 1);
            }
            pos += size;
        }
        return fields;
    }

    public List<Op> readOps(int count) throws ProtocolException {
        if (count == 0) {
            return Collections.emptyList();
        }
        List<Op> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int size = i32();
            if (size < 4) {
                throw new ProtocolException("operation size must be at least 4, was " + size);
            }
            require(size);
            int opType = buf[pos] & 0xFF;
            int particleType = buf[pos + 1] & 0xFF;
            int nameLength = buf[pos + 3] & 0xFF;
            int valueLength = size - 4 - nameLength;
            if (valueLength < 0) {
                throw new ProtocolException("operation name length " + nameLength + " exceeds its size " + size);
            }
            String name = new String(buf, pos + 4, nameLength, StandardCharsets.UTF_8);
            byte[] value = new byte[valueLength];
            System.arraycopy(buf, pos + 4 + nameLength, value, 0, valueLength);
            ops.add(new Op(opType, name, new Particle(particleType, value)));
            pos += size;
        }
        return ops;
    }

    private void require(int n) throws ProtocolException {
        if (n < 0 || pos + n > end) {
            throw new ProtocolException("message truncated: needs " + n + " bytes at offset " + pos
                    + ", has " + (end - pos));
        }
    }
}
