package io.aerobackup.source.changefeed;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.source.split.PartitionSplit;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The change-feed objects whose serialized bytes are frozen in {@link ChangeFeedSerializersTest}; never change them. */
final class FrozenFeedData {
    static final Round DELTA = new Round(7, "delta", "20261125T010203004Z-delta-ab12", "parent-id", 1000L,
            2000L, 2500L, null, null, true);
    static final Round FULL = new Round(8, "full", "20261125T010203004Z-full-cd34", null, null, null, 3000L,
            "MANUAL", "requested by ops", false);

    private FrozenFeedData() {
    }

    static byte[] digest(int seed) {
        byte[] d = new byte[20];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (seed * 31 + i);
        }
        return d;
    }

    /** Two sorted digest entries, as the delete detector packs them. */
    static byte[] entries() {
        byte[] entries = new byte[2 * FeedElement.DIGEST_ENTRY];
        System.arraycopy(digest(1), 0, entries, 0, 20);
        entries[23] = 9;
        System.arraycopy(digest(2), 0, entries, FeedElement.DIGEST_ENTRY, 20);
        return entries;
    }

    static RoundSplit split() {
        return new RoundSplit(DELTA, new PartitionSplit(16, 8, Map.of(17, digest(1))), RoundSplit.Phase.SWEEP, true, 42);
    }

    static ChangeFeedEnumState state() {
        return new ChangeFeedEnumState(9, FULL, List.of(split()), Set.of("8:0+2048"), 123, "last-id", 5000L, 6000L,
                new ChangeFeedEnumState.ChainFigures(4000L, 100, 3, 30), new TriggerState(55, false));
    }

    static List<FeedElement> elements() {
        BackupRecord record = new BackupRecord(digest(3), "set", null, 4, 77, RecordOperation.UPSERT,
                List.of(new BackupBin("v", ParticleTypes.STRING, "value")));
        return List.of(FeedElement.change(DELTA, record), FeedElement.presence(DELTA, record),
                FeedElement.partitionDone(FULL, 4095), FeedElement.expired(7, DELTA.backupId(), 12, 3),
                FeedElement.file(new FeedElement.WrittenFile("id", 7, "/a/.p.inprogress", "/a/p", 10, 2000, 900,
                        "abc", 2, 1)),
                FeedElement.digests(8, FULL.backupId(), 4095, entries()));
    }
}
