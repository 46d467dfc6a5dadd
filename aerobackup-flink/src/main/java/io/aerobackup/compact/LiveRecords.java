package io.aerobackup.compact;

import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.restore.sink.RestoreTtl;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Of a chain's newest versions, passes the records a full backup holds: a DELETE row (the record
 * was deleted) is applied by leaving the record out, and a record whose void-time is past at
 * compaction time is dropped, the same rule a restore skips it by ({@link RestoreTtl}). Both are
 * counted in accumulators.
 */
public final class LiveRecords extends RichFlatMapFunction<RestoreRecord, BackupRecord> {
    private static final long serialVersionUID = 1L;
    public static final String EXPIRED = "compact-expired";
    public static final String DELETES = "compact-deletes-applied";

    private final long nowUnixSeconds;
    private transient LongCounter expired;
    private transient LongCounter deletes;

    /** @param nowUnixSeconds the compaction time: records whose void-time is at or before it are expired */
    public LiveRecords(long nowUnixSeconds) {
        this.nowUnixSeconds = nowUnixSeconds;
    }

    @Override
    public void open(OpenContext context) {
        expired = new LongCounter();
        deletes = new LongCounter();
        getRuntimeContext().addAccumulator(EXPIRED, expired);
        getRuntimeContext().addAccumulator(DELETES, deletes);
    }

    @Override
    public void flatMap(RestoreRecord row, Collector<BackupRecord> out) {
        BackupRecord record = row.record();
        if (record.operation() == RecordOperation.DELETE) {
            deletes.add(1);
        } else if (isExpired(record, nowUnixSeconds)) {
            expired.add(1);
        } else {
            out.collect(record);
        }
    }

    static boolean isExpired(BackupRecord record, long nowUnixSeconds) {
        return RestoreTtl.expiration(record.voidTime(), nowUnixSeconds, 0).isEmpty();
    }
}
