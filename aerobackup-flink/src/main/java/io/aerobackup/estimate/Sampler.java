package io.aerobackup.estimate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.sink.parquet.BackupFileWriter;
import io.aerobackup.sink.parquet.ParquetBackupWriterFactory;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.source.rawscan.RawScan;
import org.apache.flink.core.fs.FSDataOutputStream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Samples records the way a backup reads them ({@link RawScan}, bins as particle bytes), from
 * partition ranges spread over the whole partition space, each scan limited with maxRecords, then
 * writes them through the backup's Parquet writer (default compression) into a byte counter: the
 * bytes per record. Both steps are timed for the report only; capped scans pay their setup per few
 * hundred records, so B comes from {@link ScanProbe} instead.
 */
public final class Sampler {
    /** Partition ranges the sample is taken from, evenly spread over the 4096 partitions. */
    static final int CHUNKS = 16;
    private static final int PARTITIONS = 4096;
    private static final int WARM_UP_ROWS = 500;

    private Sampler() {
    }

    /**
     * @param expectedRecords the records the statistics report, to size the ranges (0 when unknown)
     */
    public static Sample take(AerospikeClient client, String namespace, List<String> sets, int size,
                              long expectedRecords, Duration socketTimeout) throws IOException {
        int partitions = partitionsFor(size, expectedRecords);
        int perChunk = Math.max(1, partitions / CHUNKS);
        int stride = PARTITIONS / CHUNKS;
        List<BackupRecord> rows = Collections.synchronizedList(new ArrayList<>(size));
        List<PartitionFilter> ranges = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            ranges.add(PartitionFilter.range(i * stride, perChunk));
        }
        long scanNanos = 0;
        // maxRecords is shared out over the nodes, so a range may give less than its quota: rounds go on,
        // each range resuming after its last record (the filter keeps its place), until the sample is full.
        while (rows.size() < size) {
            List<PartitionFilter> open = ranges.stream().filter(r -> !r.isDone()).toList();
            int before = rows.size();
            for (int i = 0; i < open.size() && rows.size() < size; i++) {
                int quota = (int) Math.ceil((size - rows.size()) / (double) (open.size() - i));
                long start = System.nanoTime();
                scan(client, namespace, sets, open.get(i), quota, socketTimeout, rows);
                scanNanos += System.nanoTime() - start;
            }
            if (rows.size() == before) {
                break; // every range is done: fewer records than the sample size
            }
        }
        List<BackupRecord> sample = rows.size() > size ? new ArrayList<>(rows.subList(0, size)) : new ArrayList<>(rows);
        long binBytes = sample.stream().mapToLong(RecordSizes::binBytes).sum();
        write(sample.subList(0, Math.min(WARM_UP_ROWS, sample.size())));
        long start = System.nanoTime();
        long output = write(sample);
        Duration writeTime = Duration.ofNanos(System.nanoTime() - start);
        return new Sample(sample, binBytes, output, Duration.ofNanos(scanNanos), writeTime, perChunk * CHUNKS);
    }

    /** Enough partitions to find the sample with room to spare, at least one per range. */
    static int partitionsFor(int size, long expectedRecords) {
        if (expectedRecords <= 0) {
            return PARTITIONS;
        }
        double perPartition = expectedRecords / (double) PARTITIONS;
        long needed = (long) Math.ceil(size * 2 / perPartition);
        return (int) Math.max(CHUNKS, Math.min(PARTITIONS, needed));
    }

    /** Reads the range's records (all of them when maxRecords is 0) into {@code into}, as a backup reads them. */
    static void scan(AerospikeClient client, String namespace, List<String> sets, PartitionFilter filter,
                     int maxRecords, Duration socketTimeout, List<BackupRecord> into) {
        ScanPolicy policy = new ScanPolicy();
        policy.maxRecords = maxRecords;
        policy.socketTimeout = (int) socketTimeout.toMillis();
        policy.maxRetries = 2;
        if (sets.size() > 1) {
            Exp[] anyOf = sets.stream().map(s -> Exp.eq(Exp.setName(), Exp.val(s))).toArray(Exp[]::new);
            policy.filterExp = Exp.build(Exp.or(anyOf));
        }
        String set = sets.size() == 1 ? sets.get(0) : null;
        new RawScan(client.getCluster(), policy, filter, namespace, set, null, record -> {
            if (!ScanOptions.TXN_MONITOR_SET.equals(record.setName())) {
                into.add(record);
            }
        }).run();
    }

    /** Writes the rows as one backup file and returns its size. */
    static long write(List<BackupRecord> rows) throws IOException {
        CountingStream out = new CountingStream();
        BackupFileWriter writer = new ParquetBackupWriterFactory(ParquetWriteOptions.defaults()).create(out);
        for (BackupRecord row : rows) {
            writer.addElement(row);
        }
        writer.finish();
        return out.getPos();
    }

    /** A Flink output stream that only counts what it is given. */
    static final class CountingStream extends FSDataOutputStream {
        private long position;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) {
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            position += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void sync() {
        }

        @Override
        public void close() {
        }
    }

}
