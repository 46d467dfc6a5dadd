package io.aerobackup.source.changefeed;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Binary form of {@link ChangeFeedEnumState}, versioned so savepoints stay readable. */
public final class ChangeFeedEnumStateSerializer implements SimpleVersionedSerializer<ChangeFeedEnumState> {
    public static final ChangeFeedEnumStateSerializer INSTANCE = new ChangeFeedEnumStateSerializer();

    /** Version 1: the splits' bodies nested without their own serializer version. */
    public static final int VERSION_1 = 1;
    /** Version 2: each split nested as its serializer's version, length and bytes (Kafka's pattern). */
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(ChangeFeedEnumState s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(512);
        out.writeLong(s.nextRoundNumber());
        out.writeBoolean(s.current() != null);
        if (s.current() != null) {
            s.current().writeTo(out);
        }
        out.writeInt(s.unassigned().size());
        for (RoundSplit split : s.unassigned()) {
            byte[] bytes = RoundSplitSerializer.INSTANCE.serialize(split);
            out.writeInt(RoundSplitSerializer.CURRENT_VERSION);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        out.writeInt(s.unfinished().size());
        for (String id : s.unfinished()) {
            out.writeUTF(id);
        }
        out.writeLong(s.currentRoundRecords());
        NullableFields.writeString(out, s.lastBackupId());
        NullableFields.writeLong(out, s.nextWindowFromMillis());
        NullableFields.writeLong(out, s.lastRoundStartMillis());
        ChangeFeedEnumState.ChainFigures chain = s.chain();
        NullableFields.writeLong(out, chain.lastFullStartMillis());
        out.writeLong(chain.recordsInLastFull());
        out.writeInt(chain.deltasSinceFull());
        out.writeLong(chain.recordsInDeltasSinceFull());
        Integer lastSeen = s.spaceState().lastSeenUsedPercent();
        out.writeInt(lastSeen == null ? -1 : lastSeen);
        out.writeBoolean(s.spaceState().wasBelow());
        return out.getCopyOfBuffer();
    }

    @Override
    public ChangeFeedEnumState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1 && version != VERSION_2) {
            throw new IOException("Unknown change-feed enumerator state version " + version
                    + "; this build reads up to " + CURRENT_VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        long next = in.readLong();
        Round current = in.readBoolean() ? Round.readFrom(in) : null;
        int splits = in.readInt();
        List<RoundSplit> unassigned = new ArrayList<>(splits);
        for (int i = 0; i < splits; i++) {
            unassigned.add(version == VERSION_1 ? RoundSplitSerializer.read(in) : nestedSplit(in));
        }
        int ids = in.readInt();
        Set<String> unfinished = new LinkedHashSet<>();
        for (int i = 0; i < ids; i++) {
            unfinished.add(in.readUTF());
        }
        long records = in.readLong();
        String lastBackupId = NullableFields.readString(in);
        Long from = NullableFields.readLong(in);
        Long lastStart = NullableFields.readLong(in);
        ChangeFeedEnumState.ChainFigures chain = new ChangeFeedEnumState.ChainFigures(NullableFields.readLong(in),
                in.readLong(), in.readInt(), in.readLong());
        int lastSeen = in.readInt();
        TriggerState space = new TriggerState(lastSeen < 0 ? null : lastSeen, in.readBoolean());
        if (in.available() > 0) {
            throw new IOException("change-feed enumerator state has " + in.available() + " trailing bytes");
        }
        return new ChangeFeedEnumState(next, current, unassigned, unfinished, records, lastBackupId, from, lastStart,
                chain, space);
    }

    private static RoundSplit nestedSplit(DataInputDeserializer in) throws IOException {
        int splitVersion = in.readInt();
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("corrupted change-feed enumerator state: a split of " + length + " bytes, "
                    + in.available() + " left");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return RoundSplitSerializer.INSTANCE.deserialize(splitVersion, bytes);
    }
}
