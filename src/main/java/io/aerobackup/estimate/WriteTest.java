package io.aerobackup.estimate;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
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

/**
 * Measures B of a restore: writes sampled records, in batches as the restore sends them, into a
 * scratch set of the target namespace under new keys (create-only, so no existing record can be
 * touched), times it, and deletes them again.
 */
public final class WriteTest {
    private WriteTest() {
    }

    /** @param scratchSet where the records go; their keys are new, so nothing else is ever overwritten */
    public record Result(String scratchSet, int records, Duration time, int failed) {
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

    public static Result run(AerospikeClient client, String namespace, List<BackupRecord> sample, int max) {
        String set = SCRATCH_SET;
        String prefix = UUID.randomUUID() + "-";
        int n = Math.min(max, sample.size());
        List<Key> keys = new ArrayList<>(n);
        BatchWritePolicy policy = new BatchWritePolicy();
        policy.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        int failed = 0;
        long start = System.nanoTime();
        try {
            for (int from = 0; from < n; from += RestoreWriteOptions.BATCH_SIZE.defaultValue()) {
                List<BatchRecord> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + RestoreWriteOptions.BATCH_SIZE.defaultValue()); i++) {
                    Key key = new Key(namespace, set, prefix + i);
                    keys.add(key);
                    batch.add(new BatchWrite(policy, key, operations(sample.get(i))));
                }
                client.operate(null, batch);
                failed += (int) batch.stream().filter(r -> r.resultCode != 0).count();
            }
            return new Result(set, n, Duration.ofNanos(System.nanoTime() - start), failed);
        } finally {
            if (!keys.isEmpty()) {
                client.delete(null, null, keys.toArray(new Key[0]));
            }
        }
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
