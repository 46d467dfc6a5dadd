package io.aerobackup.source.changefeed;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Optional fields in the change feed's binary forms: a presence flag, then the value. */
final class NullableFields {
    private NullableFields() {
    }

    static void writeString(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    static void writeLong(DataOutput out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    static String readString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static Long readLong(DataInput in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }
}
