package io.aerobackup.source.changefeed;

import io.aerobackup.catalog.BackupManifest;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;

/**
 * One round of the change feed: a full snapshot, or a delta over the last-update window
 * {@code [fromMillis, toMillis)}. Each round becomes exactly one backup in the catalog, whose id,
 * parent and window are fixed when the round is planned (so a restarted job commits the same backup).
 *
 * @param number      rounds count up from 1 within a job; the next round always has the next number
 * @param kind        {@link BackupManifest#FULL} or {@link BackupManifest#DELTA}
 * @param parentId    the backup this one chains on; null for a full
 * @param fromMillis  window start of a delta; null for a full
 * @param toMillis    window end of a delta: every write before it is covered once the round commits;
 *                    null for a full (a full covers what existed when it ran)
 * @param startedAtMillis when the round was planned (a full's "started at", which its next delta starts from)
 * @param triggerKind the trigger that started a full, or null
 * @param triggerReason the trigger's reason, or null
 * @param captureDeletes whether a delta round also sweeps every partition for vanished digests
 */
public record Round(long number, String kind, String backupId, String parentId, Long fromMillis, Long toMillis,
                    long startedAtMillis, String triggerKind, String triggerReason, boolean captureDeletes)
        implements Serializable {

    public Round {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(backupId, "backupId");
        if (!BackupManifest.FULL.equals(kind) && !BackupManifest.DELTA.equals(kind)) {
            throw new IllegalArgumentException("a round is full or delta, was " + kind);
        }
        if (isDelta() && (fromMillis == null || toMillis == null || fromMillis >= toMillis || parentId == null)) {
            throw new IllegalArgumentException("a delta round needs a parent and a window [from, to) with from < to,"
                    + " was parent " + parentId + " window [" + fromMillis + ", " + toMillis + ")");
        }
    }

    public boolean isFull() {
        return BackupManifest.FULL.equals(kind);
    }

    public boolean isDelta() {
        return BackupManifest.DELTA.equals(kind);
    }

    /** Whether this round's splits run the presence sweep after their changes (deltas with delete capture). */
    public boolean sweeps() {
        return captureDeletes && isDelta();
    }

    /** Binary form shared by the split serializer, the stream serializer and the committer's state. */
    public void writeTo(DataOutputView out) throws IOException {
        out.writeLong(number);
        out.writeUTF(kind);
        out.writeUTF(backupId);
        NullableFields.writeString(out, parentId);
        NullableFields.writeLong(out, fromMillis);
        NullableFields.writeLong(out, toMillis);
        out.writeLong(startedAtMillis);
        NullableFields.writeString(out, triggerKind);
        NullableFields.writeString(out, triggerReason);
        out.writeBoolean(captureDeletes);
    }

    public static Round readFrom(DataInputView in) throws IOException {
        long number = in.readLong();
        String kind = in.readUTF();
        String backupId = in.readUTF();
        String parentId = NullableFields.readString(in);
        Long from = NullableFields.readLong(in);
        Long to = NullableFields.readLong(in);
        long startedAt = in.readLong();
        String triggerKind = NullableFields.readString(in);
        String triggerReason = NullableFields.readString(in);
        boolean captureDeletes = in.readBoolean();
        try {
            return new Round(number, kind, backupId, parentId, from, to, startedAt, triggerKind, triggerReason,
                    captureDeletes);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupted change-feed round: " + e.getMessage(), e);
        }
    }
}
