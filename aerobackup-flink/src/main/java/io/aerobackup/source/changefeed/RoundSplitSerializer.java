package io.aerobackup.source.changefeed;

import io.aerobackup.source.split.PartitionSplitSerializer;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Binary form of a {@link RoundSplit}, versioned so stored checkpoints and savepoints stay readable. */
public final class RoundSplitSerializer implements SimpleVersionedSerializer<RoundSplit> {
    public static final RoundSplitSerializer INSTANCE = new RoundSplitSerializer();

    /**
     * Version 1: round, phase (its code, see {@link RoundSplit.Phase#code}), finished, records
     * emitted, then the partition split (version 1 body).
     */
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(RoundSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128 + split.partitions().resumeDigests().size() * 24);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    static void write(RoundSplit split, DataOutputSerializer out) throws IOException {
        split.round().writeTo(out);
        out.writeByte(split.phase().code());
        out.writeBoolean(split.finished());
        out.writeLong(split.recordsEmitted());
        PartitionSplitSerializer.write(split.partitions(), out);
    }

    @Override
    public RoundSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown RoundSplit version " + version + "; this build reads up to "
                    + CURRENT_VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        RoundSplit split = read(in);
        if (in.available() > 0) {
            throw new IOException("RoundSplit has " + in.available() + " trailing bytes");
        }
        return split;
    }

    static RoundSplit read(DataInputDeserializer in) throws IOException {
        Round round = Round.readFrom(in);
        RoundSplit.Phase phase;
        try {
            phase = RoundSplit.Phase.ofCode(in.readUnsignedByte());
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupted RoundSplit: " + e.getMessage(), e);
        }
        boolean finished = in.readBoolean();
        long records = in.readLong();
        try {
            return new RoundSplit(round, PartitionSplitSerializer.read(in), phase,
                    finished, records);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupted RoundSplit: " + e.getMessage(), e);
        }
    }
}
