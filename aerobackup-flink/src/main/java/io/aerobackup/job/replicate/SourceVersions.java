package io.aerobackup.job.replicate;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.policy.BatchPolicy;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.restore.sink.RetryBackoff;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the current version of records on the SOURCE cluster: generation and last-update time, in
 * one batch (an expression read of {@code Exp.lastUpdate()}; scans do not return it). Used to
 * resolve a conflict exactly. Thread-safe: it keeps no state.
 */
final class SourceVersions {
    static final String LAST_UPDATE_BIN = "lut";
    private static final Operation[] READ_LAST_UPDATE = {
            ExpOperation.read(LAST_UPDATE_BIN, Exp.build(Exp.lastUpdate()), ExpReadFlags.DEFAULT)};

    /** A source record now: absent, or its generation and last-update time (ns since the Unix epoch). */
    record Version(boolean exists, int generation, long lastUpdateNanos) {
        static final Version ABSENT = new Version(false, 0, 0);
    }

    private final IAerospikeClient client;
    private final String namespace;
    private final BatchPolicy policy;
    private final int maxRetries;
    private final Duration backoff;

    SourceVersions(IAerospikeClient client, String namespace, Duration totalTimeout, int maxRetries,
                   Duration backoff) {
        this.client = client;
        this.namespace = namespace;
        this.policy = client.copyBatchPolicyDefault();
        if (!totalTimeout.isZero()) {
            this.policy.totalTimeout = (int) Math.min(Integer.MAX_VALUE, totalTimeout.toMillis());
        }
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    /** The versions of {@code records}, in their order; retries transient failures, then fails. */
    List<Version> read(List<BackupRecord> records) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            List<BatchRecord> reads = new ArrayList<>(records.size());
            for (BackupRecord r : records) {
                reads.add(new BatchRead(new Key(namespace, r.digest(), r.setName(), null), READ_LAST_UPDATE));
            }
            String problem;
            try {
                client.operate(policy, reads);
                problem = firstProblem(reads);
            } catch (AerospikeException e) {
                problem = e.getMessage();
            }
            if (problem == null) {
                List<Version> versions = new ArrayList<>(reads.size());
                for (BatchRecord read : reads) {
                    versions.add(read.resultCode == ResultCode.KEY_NOT_FOUND_ERROR ? Version.ABSENT
                            : new Version(true, read.record.generation, read.record.getLong(LAST_UPDATE_BIN)));
                }
                return versions;
            }
            if (attempt >= maxRetries) {
                throw new IOException("cannot read the source version of " + records.size() + " records to resolve"
                        + " conflicts (still failing after " + attempt + " retries): " + problem);
            }
            Thread.sleep(RetryBackoff.delayMillis(backoff, attempt + 1));
        }
    }

    private static String firstProblem(List<BatchRecord> reads) {
        for (BatchRecord read : reads) {
            if (read.resultCode != ResultCode.OK && read.resultCode != ResultCode.KEY_NOT_FOUND_ERROR) {
                return ResultCode.getResultString(read.resultCode) + " (result code " + read.resultCode + ")";
            }
        }
        return null;
    }
}
