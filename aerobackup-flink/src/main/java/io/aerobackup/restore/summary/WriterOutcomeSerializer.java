package io.aerobackup.restore.summary;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Serializes a {@link WriterOutcome} between the restore's writers, committers and final step. */
public final class WriterOutcomeSerializer implements SimpleVersionedSerializer<WriterOutcome> {
    /** Version 1: written, deleted, bin bytes (longs); skipped (count, then code UTF and long each); failed (count, then int code and long each). */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(WriterOutcome outcome) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(outcome.written());
            out.writeLong(outcome.deleted());
            out.writeLong(outcome.binBytes());
            out.writeInt(outcome.skipped().size());
            for (Map.Entry<String, Long> e : outcome.skipped().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeInt(outcome.failed().size());
            for (Map.Entry<Integer, Long> e : outcome.failed().entrySet()) {
                out.writeInt(e.getKey());
                out.writeLong(e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public WriterOutcome deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("restore writer outcome version " + version + " is unknown; this aerobackup reads"
                    + " up to " + CURRENT_VERSION);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        long written = in.readLong();
        long deleted = in.readLong();
        long binBytes = in.readLong();
        Map<String, Long> skipped = new TreeMap<>();
        for (int i = count(in); i > 0; i--) {
            skipped.put(in.readUTF(), in.readLong());
        }
        Map<Integer, Long> failed = new TreeMap<>();
        for (int i = count(in); i > 0; i--) {
            failed.put(in.readInt(), in.readLong());
        }
        if (in.available() > 0) {
            throw new IOException("restore writer outcome has " + in.available() + " trailing bytes");
        }
        try {
            return new WriterOutcome(written, deleted, binBytes, skipped, failed);
        } catch (IllegalArgumentException e) {
            throw new IOException("restore writer outcome is invalid: " + e.getMessage(), e);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1024) {
            throw new IOException("restore writer outcome has a map of " + n + " entries; expected [0, 1024]");
        }
        return n;
    }
}
