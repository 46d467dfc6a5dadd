package io.aerobackup.estimate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.record.BackupRecord;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures what one record costs a backup's reader and writer: {@link io.aerobackup.source.rawscan.RawScan}
 * over a few WHOLE partitions (no maxRecords cap, so each scan's setup is spread over thousands of
 * records, as in a backup), then the backup's Parquet writer over those rows. The sample's capped
 * scans cannot give this: their per-scan latency dominates and makes B many times too low.
 */
public final class ScanProbe {
    /** Records a round reads: enough to amortize each scan's setup, few enough for a round of about a second. */
    static final int TARGET_RECORDS = 50_000;
    /** Contiguous partition ranges the probe reads, one at the start of each quarter of the 4096. */
    static final int RANGES = 4;
    private static final int PARTITIONS = 4096;
    static final int MAX_ROUNDS = 5;
    static final Duration BUDGET = Duration.ofSeconds(3);

    private ScanProbe() {
    }

    /** @param records rows read per round, from {@code partitions} whole partitions, and each step's fastest round */
    public record Result(int records, int partitions, Duration scanTime, Duration writeTime) {
        /** Per-record cost of reading plus writing on one thread, in seconds. */
        public double secondsPerRecord() {
            return records == 0 ? 0 : (scanTime.toNanos() + writeTime.toNanos()) / 1e9 / records;
        }
    }

    /**
     * Reads and writes the same partitions in rounds and keeps each step's fastest round: a fresh
     * JVM compiles the scan and the writer while the first rounds run, and a backup of many records
     * spends nearly all its time in the compiled code. Stops after {@link #MAX_ROUNDS} rounds, or
     * after {@link #BUDGET} once two rounds are in.
     *
     * @param expectedRecords the records the statistics report, to size the ranges
     */
    public static Result run(AerospikeClient client, String namespace, List<String> sets, long expectedRecords,
                             Duration socketTimeout) throws IOException {
        int partitions = partitionsFor(expectedRecords);
        int perRange = partitions / RANGES;
        int stride = PARTITIONS / RANGES;
        long begin = System.nanoTime();
        long bestScan = Long.MAX_VALUE;
        long bestWrite = Long.MAX_VALUE;
        int records = 0;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            List<BackupRecord> rows = Collections.synchronizedList(new ArrayList<>(records));
            long start = System.nanoTime();
            for (int i = 0; i < RANGES; i++) {
                // A partition's records are a random share (by digest), so where the range starts does not matter.
                Sampler.scan(client, namespace, sets, PartitionFilter.range(i * stride, perRange), 0, socketTimeout,
                        rows);
            }
            bestScan = Math.min(bestScan, System.nanoTime() - start);
            start = System.nanoTime();
            Sampler.write(rows);
            bestWrite = Math.min(bestWrite, System.nanoTime() - start);
            records = rows.size();
            if (round >= 2 && System.nanoTime() - begin > BUDGET.toNanos()) {
                break;
            }
        }
        return new Result(records, partitions, Duration.ofNanos(bestScan), Duration.ofNanos(bestWrite));
    }

    /** Whole partitions holding about {@link #TARGET_RECORDS} records: at least one per range, at most half the namespace. */
    static int partitionsFor(long expectedRecords) {
        if (expectedRecords <= 0) {
            return RANGES;
        }
        double perPartition = expectedRecords / (double) PARTITIONS;
        long needed = (long) Math.ceil(TARGET_RECORDS / perPartition);
        int perRange = (int) Math.max(1, Math.min(PARTITIONS / RANGES / 2, Math.ceil(needed / (double) RANGES)));
        return perRange * RANGES;
    }
}
