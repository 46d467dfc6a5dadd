package io.aerobackup.restore.sink;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.BatchPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one batch with {@code client.operate(BatchPolicy, List<BatchRecord>)} and classifies every
 * row. Rows with a transient code are re-sent (only those) after an exponential back-off, up to
 * maxRetries; a batch-level exception gives its code to the rows it left unanswered. Re-sending an
 * in-doubt write is safe: the same data is written again, and under the generation check or
 * create-only a write that did land comes back as a skip. Rows sent with a filter expression that
 * the target record did not match come back in {@link RestoreTally#filteredOut()} (replication
 * resolves them; a restore sends no filter). Thread-safe: it keeps no state.
 */
public final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    private final IAerospikeClient client;
    private final BatchPolicy policy;
    /** The same with sendKey on, for rows that carry a user key (see {@link #send}). */
    private final BatchPolicy keyedPolicy;
    private final RestoreWriteOptions options;
    private final ResultClassifier classifier;

    BatchSender(IAerospikeClient client, RestoreWriteOptions options) {
        this(client, options, Duration.ZERO);
    }

    /** {@code totalTimeout}: of one batch; zero keeps the client's default. */
    public BatchSender(IAerospikeClient client, RestoreWriteOptions options, Duration totalTimeout) {
        this.client = client;
        this.options = options;
        this.classifier = new ResultClassifier(options);
        // We retry per row ourselves; the client's batch-write default (no retries) stays.
        this.policy = client.copyBatchParentPolicyWriteDefault();
        this.policy.respondAllKeys = true;
        if (!totalTimeout.isZero()) {
            this.policy.totalTimeout = (int) Math.min(Integer.MAX_VALUE, totalTimeout.toMillis());
        }
        this.keyedPolicy = new BatchPolicy(policy);
        this.keyedPolicy.sendKey = true;
    }

    ResultClassifier classifier() {
        return classifier;
    }

    /**
     * Sends rows with and without a user key as separate batches. The client sends a node's share
     * of a batch as a single-record command when it holds one row, and that command takes sendKey
     * from the batch policy, not from the row's policy: without this split such a record would be
     * restored without its key.
     */
    public RestoreTally send(List<WriteRow> rows) throws InterruptedException {
        List<WriteRow> keyed = new ArrayList<>(rows.size());
        List<WriteRow> keyless = new ArrayList<>();
        for (WriteRow row : rows) {
            (row.key().userKey != null ? keyed : keyless).add(row);
        }
        RestoreTally tally = new RestoreTally();
        if (!keyed.isEmpty()) {
            send(keyed, keyedPolicy, tally);
        }
        if (!keyless.isEmpty()) {
            send(keyless, policy, tally);
        }
        return tally;
    }

    private void send(List<WriteRow> rows, BatchPolicy policy, RestoreTally tally) throws InterruptedException {
        List<WriteRow> pending = rows;
        for (int attempt = 0; ; attempt++) {
            List<BatchRecord> batch = new ArrayList<>(pending.size());
            for (WriteRow row : pending) {
                batch.add(row.newBatchRecord());
            }
            AerospikeException batchError = null;
            try {
                client.operate(policy, batch);
            } catch (AerospikeException e) {
                batchError = e;
            }
            List<WriteRow> retry = new ArrayList<>();
            int lastCode = ResultCode.OK;
            for (int i = 0; i < pending.size(); i++) {
                WriteRow row = pending.get(i);
                int code = batch.get(i).resultCode;
                if (code == ResultCode.NO_RESPONSE && batchError != null) {
                    code = batchError.getResultCode();
                }
                if (classifier.classify(code, row.isDelete()) == ResultClassifier.Kind.RETRY
                        && attempt < options.maxRetries()) {
                    retry.add(row);
                    lastCode = code;
                } else {
                    record(tally, row, batch.get(i).record, code, attempt);
                }
            }
            if (retry.isEmpty()) {
                return;
            }
            long wait = RetryBackoff.delayMillis(options.retryBackoff(), attempt + 1);
            LOG.debug("retrying {} of {} rows in {} ms after {}", retry.size(), pending.size(), wait,
                    ResultCode.getResultString(lastCode));
            Thread.sleep(wait);
            pending = retry;
        }
    }

    /**
     * Counts a row's final outcome (keeping what a written row read back: {@code answer}, its batch
     * record's record); a failure also becomes the tally's error.
     */
    void record(RestoreTally tally, WriteRow row, Record answer, int code, int retries) {
        switch (classifier.finalKind(code, row.isDelete())) {
            case WRITTEN:
                tally.written(row, answer);
                return;
            case SKIPPED:
                tally.skipped(classifier.skipReason(code, row.isDelete()));
                return;
            case IGNORED:
                tally.failed(code);
                return;
            case FILTERED:
                tally.filteredOut(row);
                return;
            default:
                tally.failed(code);
                String reason = ResultClassifier.reason(code);
                if (retries > 0) {
                    reason += ", still failing after " + retries + " retries";
                }
                tally.error(failure(row.digestHex(), row.sourceFile(), code, reason));
        }
    }

    static IOException failure(String digestHex, String sourceFile, int code, String reason) {
        return new IOException("cannot restore record " + digestHex + " from " + sourceFile + ": " + reason
                + " (to skip such records, ignore result code " + code + ")");
    }
}
