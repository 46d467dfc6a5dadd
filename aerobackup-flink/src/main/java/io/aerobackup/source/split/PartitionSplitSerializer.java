package io.aerobackup.source.split;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Binary form of a {@link PartitionSplit}, with a version so stored checkpoints stay readable. */
public final class PartitionSplitSerializer implements SimpleVersionedSerializer<PartitionSplit> {
    public static final PartitionSplitSerializer INSTANCE = new PartitionSplitSerializer();

    /** Version 1: begin, count, then (partition id, 20-byte digest) pairs. */
    public static final int VERSION_1 = 1;
    /** Bump when the split changes, and keep reading every older version. */
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(PartitionSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + split.resumeDigests().size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    /** Writes the split without a version, for callers that version their own stream. */
    public static void write(PartitionSplit split, java.io.DataOutput out) throws IOException {
        out.writeShort(split.begin());
        out.writeShort(split.count());
        out.writeShort(split.resumeDigests().size());
        for (Map.Entry<Integer, byte[]> e : split.resumeDigests().entrySet()) {
            out.writeShort(e.getKey());
            out.write(e.getValue());
        }
    }

    @Override
    public PartitionSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown PartitionSplit version " + version + "; this build reads up to "
                    + CURRENT_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            PartitionSplit split = read(in);
            if (in.available() > 0) {
                throw new IOException("PartitionSplit has " + in.available() + " trailing bytes");
            }
            return split;
        }
    }

    public static PartitionSplit read(java.io.DataInput in) throws IOException {
        int begin = in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int cursors = in.readUnsignedShort();
        Map<Integer, byte[]> digests = new HashMap<>();
        for (int i = 0; i < cursors; i++) {
            int pid = in.readUnsignedShort();
            byte[] digest = new byte[20];
            in.readFully(digest);
            digests.put(pid, digest);
        }
        try {
            return new PartitionSplit(begin, count, digests);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupted PartitionSplit: " + e.getMessage(), e);
        }
    }
}
