package io.aerobackup.source.changefeed;

import io.aerobackup.record.BackupRecordSerializer;
import io.aerobackup.record.ImmutableValueSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink serializer for {@link FeedElement}: a version byte, the kind, then the kind's fields. The
 * records inside use {@link BackupRecordSerializer} (which versions its own codec).
 */
public final class FeedElementSerializer extends ImmutableValueSerializer<FeedElement> {
    private static final long serialVersionUID = 1L;

    public static final FeedElementSerializer INSTANCE = new FeedElementSerializer();

    /** Layout 1 as written below (kind 5 appended; the other kinds' bytes unchanged); bump and keep reading 1 when it changes. */
    private static final int VERSION_1 = 1;
    private static final BackupRecordSerializer RECORDS = BackupRecordSerializer.INSTANCE;

    @Override
    public FeedElement createInstance() {
        return new FeedElement(FeedElement.Kind.EXPIRED, 0, "", false, null, 0, null, null);
    }

    @Override
    public void serialize(FeedElement e, DataOutputView out) throws IOException {
        out.writeByte(VERSION_1);
        out.writeByte(e.kind().code());
        out.writeLong(e.roundNumber());
        out.writeUTF(e.backupId());
        switch (e.kind()) {
            case CHANGE:
                out.writeBoolean(e.fullRound());
                RECORDS.serialize(e.record(), out);
                break;
            case PRESENCE:
                RECORDS.serialize(e.record(), out);
                break;
            case PARTITION_DONE:
                out.writeShort(e.partition());
                e.round().writeTo(out);
                break;
            case EXPIRED:
                out.writeShort(e.partition());
                out.writeLong(e.file().expiries());
                break;
            case FILE:
                writeFile(e.file(), out);
                break;
            case DIGESTS:
                out.writeShort(e.partition());
                out.writeInt(e.digestEntries().length);
                out.write(e.digestEntries());
                break;
            default:
                throw new IllegalStateException("unknown kind " + e.kind());
        }
    }

    @Override
    public FeedElement deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION_1) {
            throw new IOException("unknown FeedElement layout " + version + "; this build reads " + VERSION_1);
        }
        int code = in.readUnsignedByte();
        FeedElement.Kind kind;
        try {
            kind = FeedElement.Kind.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupted FeedElement: " + e.getMessage(), e);
        }
        long round = in.readLong();
        String backupId = in.readUTF();
        switch (kind) {
            case CHANGE:
                boolean full = in.readBoolean();
                return FeedElement.change(round, backupId, full, RECORDS.deserialize(in));
            case PRESENCE:
                return FeedElement.presence(round, backupId, RECORDS.deserialize(in));
            case PARTITION_DONE:
                int partition = in.readUnsignedShort();
                return FeedElement.partitionDone(Round.readFrom(in), partition);
            case EXPIRED:
                int p = in.readUnsignedShort();
                return FeedElement.expired(round, backupId, p, in.readLong());
            case FILE:
                return FeedElement.file(readFile(in));
            case DIGESTS:
                int of = in.readUnsignedShort();
                byte[] entries = new byte[in.readInt()];
                in.readFully(entries);
                return FeedElement.digests(round, backupId, of, entries);
            default:
                throw new IOException("corrupted FeedElement: kind " + code);
        }
    }

    private static void writeFile(FeedElement.WrittenFile f, DataOutputView out) throws IOException {
        out.writeUTF(f.backupId());
        out.writeLong(f.round());
        out.writeBoolean(f.hasFile());
        if (f.hasFile()) {
            out.writeUTF(f.inProgressPath());
            out.writeUTF(f.finalPath());
            out.writeUTF(f.sha256());
        }
        out.writeLong(f.rows());
        out.writeLong(f.bytes());
        out.writeLong(f.binBytes());
        out.writeLong(f.deletes());
        out.writeLong(f.expiries());
    }

    private static FeedElement.WrittenFile readFile(DataInputView in) throws IOException {
        String backupId = in.readUTF();
        long round = in.readLong();
        String inProgress = null;
        String finalPath = null;
        String sha = null;
        if (in.readBoolean()) {
            inProgress = in.readUTF();
            finalPath = in.readUTF();
            sha = in.readUTF();
        }
        return new FeedElement.WrittenFile(backupId, round, inProgress, finalPath, in.readLong(), in.readLong(),
                in.readLong(), sha, in.readLong(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<FeedElement> snapshotConfiguration() {
        return new Snapshot();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** The serializer has no configuration; the layout version travels in every element. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FeedElement> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
