package io.aerobackup.estimate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.RecordExistsAction;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleValue;
import io.aerobackup.restore.sink.RestoreWriteOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures B of a restore: writes sampled records, in batches as the restore sends them and with as
 * many batches in flight as a default restore keeps ({@code writers x}
 * {@link RestoreWriteOptions.MAX_IN_FLIGHT.defaultValue()}), into a scratch set of the target
 * namespace under new keys (create-only, so no existing record can be touched), and deletes them
 * again. It writes in rounds and keeps the fastest: the first round pays for connections and
 * compilation that a restore of many records does not notice.
 */
public final class WriteTest {
    static final int ROUNDS = 5;
    private static final int DELETE_BATCH = 5_000;

    private WriteTest() {
    }

    /**
     * @param scratchSet where the records go; their keys are new, so nothing else is ever overwritten
     * @param records    records of one round, written in {@code time} (the fastest round)
     * @param inFlight   batches sent at once
     */
    public record Result(String scratchSet, int records, Duration time, int failed, int inFlight) {
        public double recordsPerSecond() {
            double seconds = time.toNanos() / 1e9;
            return seconds <= 0 ? 0 : (records - failed) / seconds;
        }
    }

    /**
     * One fixed name: a set name, once used, stays in the namespace's set list (which is bounded), so
     * every estimate shares it; the keys are new for each run.
     */
    public static final String SCRATCH_SET = "aerobackup-estimate";

    /**
     * @param writers the restore's parallel writers, each with the default batches in flight
     * @param timeout how long one batch may take (a loaded server must slow the test down, not fail it)
     */
    public static Result run(AerospikeClient client, String namespace, List<BackupRecord> sample, int max,
                             int writers, Duration timeout) throws InterruptedException {
        int n = sample.isEmpty() ? 0 : max;
        int threads = Math.max(1, writers) * RestoreWriteOptions.MAX_IN_FLIGHT.defaultValue();
        List<Key> keys = new ArrayList<>(n * ROUNDS);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        BatchPolicy policy = policy(client, timeout);
        long best = Long.MAX_VALUE;
        int failed = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String prefix = UUID.randomUUID() + "-";
                List<List<BatchRecord>> batches = batches(namespace, prefix, sample, n, keys);
                long start = System.nanoTime();
                int roundFailed = send(client, policy, pool, threads, batches);
                long time = System.nanoTime() - start;
                if (time < best) {
                    best = time;
                    failed = roundFailed;
                }
            }
            return new Result(SCRATCH_SET, n, Duration.ofNanos(best), failed, threads);
        } finally {
            pool.shutdownNow();
            // In pieces: servers before 6.0 refuse batches above batch-max-requests (5,000 by default).
            for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
                client.delete(policy, null, keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).toArray(new Key[0]));
            }
        }
    }

    /**
     * {@code n} create-only writes of the rows (again from the first when there are fewer) under new
     * keys, in the restore's batch size; the keys go to {@code keys}.
     */
    private static List<List<BatchRecord>> batches(String namespace, String prefix, List<BackupRecord> rows, int n,
                                                   List<Key> keys) {
        BatchWritePolicy policy = new BatchWritePolicy();
        policy.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        List<List<BatchRecord>> batches = new ArrayList<>();
        for (int from = 0; from < n; from += RestoreWriteOptions.BATCH_SIZE.defaultValue()) {
            List<BatchRecord> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + RestoreWriteOptions.BATCH_SIZE.defaultValue()); i++) {
                Key key = new Key(namespace, SCRATCH_SET, prefix + i);
                keys.add(key);
                batch.add(new BatchWrite(policy, key, operations(rows.get(i % rows.size()))));
            }
            batches.add(batch);
        }
        return batches;
    }

    private static BatchPolicy policy(AerospikeClient client, Duration timeout) {
        BatchPolicy policy = client.copyBatchParentPolicyWriteDefault();
        policy.totalTimeout = (int) timeout.toMillis();
        policy.socketTimeout = (int) timeout.toMillis();
        return policy;
    }

    /**
     * Sends the batches from {@code threads} threads, each taking the next unsent one; returns the
     * failed writes. A batch that fails as a whole (a timeout) counts all its rows as failed: its
     * keys are deleted with the others, whether or not they landed.
     */
    private static int send(AerospikeClient client, BatchPolicy policy, ExecutorService pool, int threads,
                            List<List<BatchRecord>> batches)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            senders.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                    try {
                        client.operate(policy, batches.get(i));
                        failed.addAndGet((int) batches.get(i).stream().filter(r -> r.resultCode != 0).count());
                    } catch (AerospikeException e) {
                        failed.addAndGet(batches.get(i).size());
                    }
                }
            }));
        }
        for (Future<?> sender : senders) {
            try {
                sender.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return failed.get();
    }

    private static Operation[] operations(BackupRecord record) {
        List<BackupBin> bins = record.bins();
        Operation[] ops = new Operation[bins.size()];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = new Operation(Operation.Type.WRITE, bins.get(i).name(), ParticleValue.of(bins.get(i)));
        }
        return ops;
    }
}
