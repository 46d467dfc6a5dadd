package io.aerobackup.source.changefeed;

import io.aerobackup.record.BackupRecord;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Objects;

/**
 * What flows through a change-feed job. The source emits CHANGE (a record of the round's backup:
 * a changed record, or every record of a full), PRESENCE (a digest seen by the delete sweep, no
 * bins) and PARTITION_DONE (the round has finished one partition, after all its records). The
 * delete detector turns vanished digests into DELETE CHANGEs and EXPIRED counts; the writer turns
 * CHANGEs into files and tells the committer with FILE. In replication the detector also hands on
 * DIGESTS: every digest a full round found in one partition, so the applier can delete the
 * destination's records the source lacks. Immutable; serialized by
 * {@link FeedElementSerializer}, never Kryo.
 */
@TypeInfo(FeedElementTypeInfo.Factory.class)
public final class FeedElement {
    /** The length of one entry of {@link #digestEntries()}. */
    public static final int DIGEST_ENTRY = BackupRecord.DIGEST_LENGTH + 4;
    /** The element kinds, in their serialized order: append only. */
    /** What an element carries; codes are written on the wire (never reuse or renumber one). */
    public enum Kind {
        CHANGE(0), PRESENCE(1), PARTITION_DONE(2), EXPIRED(3), FILE(4), DIGESTS(5);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The kind written as {@code code}; IllegalArgumentException names the codes known. */
        public static Kind ofCode(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown kind code " + code
                    + "; known: 0 CHANGE, 1 PRESENCE, 2 PARTITION_DONE, 3 EXPIRED, 4 FILE, 5 DIGESTS");
        }
    }

    private final Kind kind;
    private final long roundNumber;
    private final String backupId;
    private final boolean fullRound;
    private final BackupRecord record;
    private final int partition;
    private final Round round;
    private final WrittenFile file;
    private final byte[] digestEntries;

    FeedElement(Kind kind, long roundNumber, String backupId, boolean fullRound, BackupRecord record, int partition,
                Round round, WrittenFile file) {
        this(kind, roundNumber, backupId, fullRound, record, partition, round, file, null);
    }

    private FeedElement(Kind kind, long roundNumber, String backupId, boolean fullRound, BackupRecord record,
                        int partition, Round round, WrittenFile file, byte[] digestEntries) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.roundNumber = roundNumber;
        this.backupId = backupId;
        this.fullRound = fullRound;
        this.record = record;
        this.partition = partition;
        this.round = round;
        this.file = file;
        this.digestEntries = digestEntries;
    }

    /** A record of the round's backup (UPSERT, or a DELETE found by the detector). */
    public static FeedElement change(Round round, BackupRecord record) {
        return new FeedElement(Kind.CHANGE, round.number(), round.backupId(), round.isFull(), record,
                record.partitionId(), null, null);
    }

    static FeedElement change(long roundNumber, String backupId, boolean fullRound, BackupRecord record) {
        return new FeedElement(Kind.CHANGE, roundNumber, backupId, fullRound, record, record.partitionId(), null, null);
    }

    /** A digest the sweep saw (the record carries no bins); consumed by the delete detector. */
    public static FeedElement presence(Round round, BackupRecord record) {
        return presence(round.number(), round.backupId(), record);
    }

    static FeedElement presence(long roundNumber, String backupId, BackupRecord record) {
        return new FeedElement(Kind.PRESENCE, roundNumber, backupId, false, record, record.partitionId(), null, null);
    }

    /** The round has emitted everything of {@code partition}. */
    public static FeedElement partitionDone(Round round, int partition) {
        return new FeedElement(Kind.PARTITION_DONE, round.number(), round.backupId(), round.isFull(), null, partition,
                round, null);
    }

    /** {@code count} digests of a partition vanished because their void-time passed. */
    public static FeedElement expired(long roundNumber, String backupId, int partition, long count) {
        return new FeedElement(Kind.EXPIRED, roundNumber, backupId, false, null, partition, null,
                new WrittenFile(backupId, roundNumber, null, null, 0, 0, 0, null, 0, count));
    }

    /** Files (or counts) the writer finished before a checkpoint barrier. */
    public static FeedElement file(WrittenFile file) {
        return new FeedElement(Kind.FILE, file.round(), file.backupId(), false, null, -1, null, file);
    }

    /**
     * Every digest a full round found in {@code partition}: entries of {@link #DIGEST_ENTRY} bytes
     * (the 20-byte digest, then 4 bytes the delete detector keeps), sorted by digest. Not copied:
     * neither side changes it.
     */
    public static FeedElement digests(long roundNumber, String backupId, int partition, byte[] entries) {
        return new FeedElement(Kind.DIGESTS, roundNumber, backupId, true, null, partition, null, null,
                Objects.requireNonNull(entries, "entries"));
    }

    public Kind kind() {
        return kind;
    }

    public long roundNumber() {
        return roundNumber;
    }

    public String backupId() {
        return backupId;
    }

    /** Whether a CHANGE belongs to a full snapshot round. */
    public boolean fullRound() {
        return fullRound;
    }

    /** The record of a CHANGE or PRESENCE. */
    public BackupRecord record() {
        return record;
    }

    /** The partition of a CHANGE, PRESENCE, PARTITION_DONE or EXPIRED. */
    public int partition() {
        return partition;
    }

    /** The whole round, carried by PARTITION_DONE only. */
    public Round round() {
        return round;
    }

    /** The sorted digest entries of a DIGESTS element. */
    public byte[] digestEntries() {
        return digestEntries;
    }

    /** A FILE's file, or an EXPIRED's count (in {@link WrittenFile#expiries()}). */
    public WrittenFile file() {
        return file;
    }

    @Override
    public String toString() {
        return kind + "{round " + roundNumber + " " + backupId + (record != null ? " " + record.digestHex() : "")
                + (kind == Kind.PARTITION_DONE || kind == Kind.DIGESTS ? " partition " + partition : "") + (file != null ? " " + file : "")
                + "}";
    }

    /**
     * A data file the writer finished (or, with a null path, counts alone), for the committer.
     *
     * @param inProgressPath where the writer left it, hidden; null for counts alone
     * @param finalPath      where the committer moves it (inside the backup's data folder)
     * @param deletes        DELETE rows in the file
     * @param expiries       vanished digests counted as expiries (no row)
     */
    public record WrittenFile(String backupId, long round, String inProgressPath, String finalPath, long rows,
                              long bytes, long binBytes, String sha256, long deletes, long expiries) {
        public boolean hasFile() {
            return inProgressPath != null;
        }
    }
}
