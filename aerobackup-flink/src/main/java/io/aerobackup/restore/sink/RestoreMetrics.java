package io.aerobackup.restore.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer's metrics under one "aerobackup" group, aggregated (no per-record or per-set metrics):
 * records written and deleted, skipped per reason, failed per result code, plus Flink's standard
 * numRecordsSend / numBytesSend, and filesVerified: the files of the chain checked against their
 * manifest before the job started (the same value on every writer). Updated only from the writer's own thread.
 */
public final class RestoreMetrics {
    public static final String GROUP = "aerobackup";
    public static final String RECORDS_WRITTEN = "recordsWritten";
    public static final String RECORDS_DELETED = "recordsDeleted";
    public static final String RECORDS_SKIPPED = "recordsSkipped";
    public static final String RECORDS_FAILED = "recordsFailed";
    public static final String BIN_BYTES_WRITTEN = "binBytesWritten";
    public static final String FILES_VERIFIED = "filesVerified";
    /** Subgroup with one counter per {@link SkipReason#code()}. */
    public static final String SKIPPED_GROUP = "skipped";
    /** Subgroup with one counter per result code seen; at most the few dozen codes Aerospike has. */
    public static final String FAILED_GROUP = "failed";

    private final Counter written;
    private final Counter deleted;
    private final Counter skippedTotal;
    private final Counter failedTotal;
    private final Counter binBytes;
    private final Counter recordsSend;
    private final Counter bytesSend;
    private final Map<SkipReason, Counter> skipped = new EnumMap<>(SkipReason.class);
    private final MetricGroup failedGroup;
    private final Map<Integer, Counter> failed = new HashMap<>();

    public RestoreMetrics(SinkWriterMetricGroup metrics) {
        this(metrics, 0);
    }

    public RestoreMetrics(SinkWriterMetricGroup metrics, int filesVerified) {
        MetricGroup group = metrics.addGroup(GROUP);
        group.gauge(FILES_VERIFIED, (Gauge<Integer>) () -> filesVerified);
        this.written = group.counter(RECORDS_WRITTEN);
        this.deleted = group.counter(RECORDS_DELETED);
        this.skippedTotal = group.counter(RECORDS_SKIPPED);
        this.failedTotal = group.counter(RECORDS_FAILED);
        this.binBytes = group.counter(BIN_BYTES_WRITTEN);
        MetricGroup skippedGroup = group.addGroup(SKIPPED_GROUP);
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, skippedGroup.counter(reason.code()));
        }
        this.failedGroup = group.addGroup(FAILED_GROUP);
        this.recordsSend = metrics.getNumRecordsSendCounter();
        this.bytesSend = metrics.getNumBytesSendCounter();
    }

    void apply(RestoreTally tally) {
        written.inc(tally.written);
        deleted.inc(tally.deleted);
        binBytes.inc(tally.bytes);
        recordsSend.inc(tally.rowsSent());
        bytesSend.inc(tally.bytes);
        tally.skipped.forEach((reason, n) -> {
            skipped.get(reason).inc(n);
            skippedTotal.inc(n);
        });
        tally.failed.forEach((code, n) -> {
            failed.computeIfAbsent(code, c -> failedGroup.counter(String.valueOf(c))).inc(n);
            failedTotal.inc(n);
        });
    }
}
