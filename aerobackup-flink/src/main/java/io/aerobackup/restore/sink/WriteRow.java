package io.aerobackup.restore.sink;

import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.policy.BatchDeletePolicy;
import com.aerospike.client.policy.BatchWritePolicy;

import java.util.HexFormat;

/**
 * One record ready to send: key, operations and policy, plus what an error message needs (digest
 * and source file). A fresh {@link BatchRecord} is built per attempt because the client stores
 * each attempt's result in it.
 */
public final class WriteRow {
    /** The backup's digest of the record; made readable only for an error message. */
    private final byte[] digest;
    private final String sourceFile;
    private final Key key;
    private final Operation[] ops;
    private final BatchWritePolicy writePolicy;
    private final BatchDeletePolicy deletePolicy;
    private final long bytes;
    /** Whether the last op reads something back (see {@link #alsoReading}). */
    private final boolean readsBack;

    private WriteRow(byte[] digest, String sourceFile, Key key, Operation[] ops, BatchWritePolicy writePolicy,
                     BatchDeletePolicy deletePolicy, long bytes) {
        this(digest, sourceFile, key, ops, writePolicy, deletePolicy, bytes, false);
    }

    private WriteRow(byte[] digest, String sourceFile, Key key, Operation[] ops, BatchWritePolicy writePolicy,
                     BatchDeletePolicy deletePolicy, long bytes, boolean readsBack) {
        this.digest = digest;
        this.sourceFile = sourceFile;
        this.key = key;
        this.ops = ops;
        this.writePolicy = writePolicy;
        this.deletePolicy = deletePolicy;
        this.bytes = bytes;
        this.readsBack = readsBack;
    }

    static WriteRow put(byte[] digest, String sourceFile, Key key, Operation[] ops, BatchWritePolicy policy,
                        long bytes) {
        return new WriteRow(digest, sourceFile, key, ops, policy, null, bytes);
    }

    static WriteRow delete(byte[] digest, String sourceFile, Key key, BatchDeletePolicy policy) {
        return new WriteRow(digest, sourceFile, key, null, null, policy, 0);
    }

    /** The same row sent only where {@code filter} matches an existing target record (null: no filter). */
    public WriteRow withFilter(Expression filter) {
        if (isDelete()) {
            BatchDeletePolicy policy = new BatchDeletePolicy(deletePolicy);
            policy.filterExp = filter;
            return new WriteRow(digest, sourceFile, key, null, null, policy, 0);
        }
        BatchWritePolicy policy = new BatchWritePolicy(writePolicy);
        policy.filterExp = filter;
        return new WriteRow(digest, sourceFile, key, ops, policy, null, bytes, readsBack);
    }

    /**
     * The same write with {@code read} (a read operation) appended: its answer comes back in
     * {@link RestoreTally#readBacks()} once the row is written. Not for deletes.
     */
    public WriteRow alsoReading(Operation read) {
        if (isDelete()) {
            throw new IllegalStateException("a delete reads nothing back");
        }
        Operation[] more = java.util.Arrays.copyOf(ops, ops.length + 1);
        more[ops.length] = read;
        return new WriteRow(digest, sourceFile, key, more, writePolicy, null, bytes, true);
    }

    boolean readsBack() {
        return readsBack;
    }

    BatchRecord newBatchRecord() {
        return isDelete() ? new BatchDelete(deletePolicy, key) : new BatchWrite(writePolicy, key, ops);
    }

    public boolean isDelete() {
        return deletePolicy != null;
    }

    /** Formatted on demand: formatting every row's digest cost ~7 % of a restore's CPU. */
    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    String sourceFile() {
        return sourceFile;
    }

    public Key key() {
        return key;
    }

    Operation[] ops() {
        return ops;
    }

    BatchWritePolicy writePolicy() {
        return writePolicy;
    }

    BatchDeletePolicy deletePolicy() {
        return deletePolicy;
    }

    /** Bin bytes written (approximate, as the backup counts them); 0 for deletes. */
    long bytes() {
        return bytes;
    }
}
