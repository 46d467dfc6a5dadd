package io.aerobackup.source.reader;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

/** The reader's metrics, under one "aerobackup" group; no per-partition metrics (there are 4096). */
public final class ScanReaderMetrics {
    public static final String GROUP = "aerobackup";
    public static final String PARTITIONS_DONE = "partitionsDone";
    public static final String BIN_BYTES_READ = "binBytesRead";
    public static final String RECORDS_READ = "recordsRead";
    /** The partitions the whole scan covers, so partitionsDone summed over readers reads as a fraction. */
    public static final String PARTITIONS_TOTAL = "partitionsTotal";

    private final Counter partitionsDone;
    private final Counter bytesIn;
    private final Counter binBytes;
    private final Counter recordsRead;

    public ScanReaderMetrics(SourceReaderMetricGroup metrics) {
        this(metrics, 0);
    }

    public ScanReaderMetrics(SourceReaderMetricGroup metrics, int partitionsTotal) {
        MetricGroup group = metrics.addGroup(GROUP);
        group.gauge(PARTITIONS_TOTAL, (Gauge<Integer>) () -> partitionsTotal);
        this.partitionsDone = group.counter(PARTITIONS_DONE);
        this.binBytes = group.counter(BIN_BYTES_READ);
        this.recordsRead = group.counter(RECORDS_READ);
        this.bytesIn = metrics.getIOMetricGroup().getNumBytesInCounter();
    }

    /** {@code records} more records read, {@code approximateBytes} of bin data between them. */
    public void recordsRead(int records, long approximateBytes) {
        bytesIn.inc(approximateBytes);
        binBytes.inc(approximateBytes);
        recordsRead.inc(records);
    }

    public void partitionsDone(int count) {
        partitionsDone.inc(count);
    }
}
