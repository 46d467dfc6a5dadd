package io.aerobackup.restore.sink;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.BatchDeletePolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.BinValueCodec;
import io.aerobackup.record.ParticleValue;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.RecordSizes;
import io.aerobackup.restore.record.RestoreRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Turns a backup record into the row that writes it back, as asrestore would.
 *
 * <p>Keys: a record with a stored user key is written with {@code new Key(ns, targetSet, userKey)}
 * and {@code sendKey}, so the key is stored again (under the backup's digest, or the new set's
 * digest when the set is remapped). A record without a user key is written under its backup digest
 * ({@code new Key(ns, digest, targetSet, null)}). A digest hashes the set name, so <b>a set remap
 * of a record without a user key cannot recompute its digest</b>: it is written under the backup
 * digest anyway, which the target files under the new set name but whose digest still hashes the
 * old one; a later write by user key into the new set would not find it.
 *
 * <p>Policies: generation check = {@code EXPECT_GEN_GT} with the backup's generation (write only
 * when the backup is newer); modes map onto RecordExistsAction; TTL from {@link RestoreTtl}.
 */
public final class RecordWriteMapper {
    private final RestoreWriteOptions options;

    public RecordWriteMapper(RestoreWriteOptions options) {
        this.options = options;
    }

    /** The plan for one record, with TTLs computed against {@code nowUnixSeconds}. */
    public WritePlan map(RestoreRecord input, long nowUnixSeconds) {
        BackupRecord record = input.record();
        if (!options.setFilter().isEmpty() && !options.setFilter().contains(record.setName())) {
            return WritePlan.skip(SkipReason.FILTERED);
        }
        String targetSet = options.targetSet(record.setName());
        Key key = key(record, targetSet);
        if (record.operation() == RecordOperation.DELETE) {
            return WritePlan.send(WriteRow.delete(record.digest(), input.sourceFile(), key, deletePolicy(record)));
        }
        OptionalInt expiration = RestoreTtl.expiration(record.voidTime(), nowUnixSeconds, options.extraTtlSeconds());
        if (expiration.isEmpty()) {
            return WritePlan.skip(SkipReason.EXPIRED);
        }
        Operation[] ops = operations(record);
        if (ops.length == 0) {
            return WritePlan.skip(SkipReason.FILTERED);
        }
        return WritePlan.send(WriteRow.put(record.digest(), input.sourceFile(), key, ops,
                writePolicy(record, expiration.getAsInt()), RecordSizes.binBytes(record)));
    }

    /**
     * The key to write under. Without a set remap the backup's digest is used as it is (the file's
     * SHA-256 was checked, so the row is what was scanned; hashing every user key again cost ~3%
     * of a restore's CPU). A remap of a record with a user key needs the digest of the new set.
     */
    Key key(BackupRecord record, String targetSet) {
        String ns = options.namespace();
        if (record.userKey() == null) {
            return new Key(ns, record.digest(), targetSet, null);
        }
        Value userKey = BinValueCodec.toClientValue(record.userKey());
        boolean remapped = targetSet != null && !targetSet.equals(record.setName());
        return remapped ? new Key(ns, targetSet, userKey) : new Key(ns, record.digest(), targetSet, userKey);
    }

    /**
     * One put per bin, in the backup's order, restricted to the bin filter. Each put sends the
     * bin's stored particle bytes as they are (see {@link ParticleValue}).
     */
    Operation[] operations(BackupRecord record) {
        List<BackupBin> bins = record.bins();
        if (options.binFilter().isEmpty()) {
            Operation[] ops = new Operation[bins.size()];
            for (int i = 0; i < ops.length; i++) {
                ops[i] = put(bins.get(i));
            }
            return ops;
        }
        List<Operation> ops = new ArrayList<>(bins.size());
        for (BackupBin bin : bins) {
            if (options.binFilter().contains(bin.name())) {
                ops.add(put(bin));
            }
        }
        return ops.toArray(new Operation[0]);
    }

    /** What {@code Operation.put(new Bin(name, value))} builds, without the Bin in between. */
    private static Operation put(BackupBin bin) {
        return new Operation(Operation.Type.WRITE, bin.name(), ParticleValue.of(bin));
    }

    BatchWritePolicy writePolicy(BackupRecord record, int expiration) {
        BatchWritePolicy policy = new BatchWritePolicy();
        policy.recordExistsAction = existsAction(options.mode());
        // Create-only never meets an existing record, so a generation check has nothing to compare.
        if (options.generationCheck() && options.mode() != RestoreWriteOptions.Mode.CREATE_ONLY) {
            policy.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
            policy.generation = record.generation();
        }
        policy.expiration = expiration;
        policy.sendKey = record.userKey() != null;
        return policy;
    }

    BatchDeletePolicy deletePolicy(BackupRecord record) {
        BatchDeletePolicy policy = new BatchDeletePolicy();
        // Durable deletes are Enterprise-only: a CE server answers 25, so only when asked for.
        policy.durableDelete = options.durableDeletes();
        policy.sendKey = record.userKey() != null;
        return policy;
    }

    static RecordExistsAction existsAction(RestoreWriteOptions.Mode mode) {
        switch (mode) {
            case REPLACE: return RecordExistsAction.REPLACE;
            case CREATE_ONLY: return RecordExistsAction.CREATE_ONLY;
            default: return RecordExistsAction.UPDATE;
        }
    }
}
