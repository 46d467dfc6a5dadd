package io.aerobackup.job.replicate;

import io.aerobackup.source.changefeed.FeedElement;

/**
 * What an applier wrote of one round between two checkpoint barriers, on its way to the committer.
 * It travels as a count-only {@link FeedElement.Kind#FILE} element (no file: {@code rows} = records
 * written, {@code deletes} = deletes applied, {@code expiries} = conflicts skipped), so the stream
 * keeps the change feed's serializer.
 */
record AppliedCounts(String backupId, long round, long records, long deletes, long conflicts) {
    FeedElement toElement() {
        return FeedElement.file(new FeedElement.WrittenFile(backupId, round, null, null, records, 0, 0, null, deletes,
                conflicts));
    }

    static AppliedCounts of(FeedElement element) {
        FeedElement.WrittenFile f = element.file();
        return new AppliedCounts(f.backupId(), f.round(), f.rows(), f.deletes(), f.expiries());
    }

    AppliedCounts plus(long moreRecords, long moreDeletes, long moreConflicts) {
        return new AppliedCounts(backupId, round, records + moreRecords, deletes + moreDeletes,
                conflicts + moreConflicts);
    }
}
