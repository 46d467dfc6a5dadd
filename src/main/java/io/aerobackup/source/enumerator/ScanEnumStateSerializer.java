package io.aerobackup.source.enumerator;

import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.source.split.PartitionSplitSerializer;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Binary form of {@link ScanEnumState}; nested splits carry the split serializer's own version. */
public final class ScanEnumStateSerializer implements SimpleVersionedSerializer<ScanEnumState> {
    public static final ScanEnumStateSerializer INSTANCE = new ScanEnumStateSerializer();

    /** Version 1: initialized flag, split serializer version, split count, splits. */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(ScanEnumState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(state.initialized());
            out.writeInt(PartitionSplitSerializer.CURRENT_VERSION);
            out.writeInt(state.unassigned().size());
            for (PartitionSplit split : state.unassigned()) {
                PartitionSplitSerializer.write(split, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public ScanEnumState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown ScanEnumState version " + version + "; this build reads up to "
                    + CURRENT_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            boolean initialized = in.readBoolean();
            int splitVersion = in.readInt();
            if (splitVersion != PartitionSplitSerializer.VERSION_1) {
                throw new IOException("Unknown PartitionSplit version " + splitVersion + " inside ScanEnumState");
            }
            int count = in.readInt();
            if (count < 0 || count > 4096) {
                throw new IOException("corrupted ScanEnumState: " + count + " splits (at most 4096)");
            }
            List<PartitionSplit> splits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                splits.add(PartitionSplitSerializer.read(in));
            }
            if (in.available() > 0) {
                throw new IOException("ScanEnumState has " + in.available() + " trailing bytes");
            }
            return new ScanEnumState(splits, initialized);
        }
    }
}
