package io.aerobackup.embedded.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * Security ("admin", protocol type 2) messages: a 16-byte header (byte 1 the result code, byte 2
 * the command, byte 3 the field count) and fields of a 4-byte size (counting the id byte), an id
 * byte and the data.
 */
public final class AdminCodec {
    public static final int HEADER_SIZE = 16;

    public static final int AUTHENTICATE = 0;
    public static final int LOGIN = 20;

    public static final int FIELD_USER = 0;
    public static final int FIELD_CREDENTIAL = 3;
    public static final int FIELD_CLEAR_PASSWORD = 4;
    public static final int FIELD_SESSION_TOKEN = 5;
    public static final int FIELD_SESSION_TTL = 6;

    private AdminCodec() {
    }

    /** A decoded request: its command and fields by id. */
    public record Request(int command, Map<Integer, byte[]> fields) {
        public byte[] field(int id) {
            return fields.get(id);
        }
    }

    public static Request decode(byte[] body) throws ProtocolException {
        if (body.length < HEADER_SIZE) {
            throw new ProtocolException("security message of " + body.length + " bytes");
        }
        int command = body[2] & 0xFF;
        int count = body[3] & 0xFF;
        Map<Integer, byte[]> fields = new HashMap<>();
        int at = HEADER_SIZE;
        for (int i = 0; i < count; i++) {
            if (at + 5 > body.length) {
                throw new ProtocolException("security field " + i + " runs past the message");
            }
            int size = Bytes.getInt(body, at);
            if (size < 1 || at + 4 + size > body.length) {
                throw new ProtocolException("security field " + i + " has size " + size);
            }
            int id = body[at + 4] & 0xFF;
            byte[] data = new byte[size - 1];
            System.arraycopy(body, at + 5, data, 0, data.length);
            fields.put(id, data);
            at += 4 + size;
        }
        return new Request(command, fields);
    }

    /** A whole reply frame: protocol header, security header with {@code resultCode}, then the fields. */
    public static byte[] reply(int resultCode, Map<Integer, byte[]> fields) {
        int size = HEADER_SIZE;
        for (byte[] data : fields.values()) {
            size += 5 + data.length;
        }
        byte[] frame = new byte[Proto.HEADER_SIZE + size];
        Bytes.putLong(frame, 0, size | ((long) Proto.VERSION << 56) | ((long) Proto.TYPE_ADMIN << 48));
        frame[Proto.HEADER_SIZE + 1] = (byte) resultCode;
        frame[Proto.HEADER_SIZE + 3] = (byte) fields.size();
        int at = Proto.HEADER_SIZE + HEADER_SIZE;
        for (Map.Entry<Integer, byte[]> field : fields.entrySet()) {
            Bytes.putInt(frame, at, field.getValue().length + 1);
            frame[at + 4] = (byte) (int) field.getKey();
            System.arraycopy(field.getValue(), 0, frame, at + 5, field.getValue().length);
            at += 5 + field.getValue().length;
        }
        return frame;
    }
}
