package io.aerobackup.restore.sink;

import com.aerospike.client.ResultCode;

import java.util.Set;

/**
 * Classifies a row's result code under the restore options: written, skipped on purpose,
 * retried (transient), ignored (the user listed the code) or failed.
 */
final class ResultClassifier {
    /** Codes worth another attempt: the cluster is busy, slow or changing, not refusing the record. */
    static final Set<Integer> TRANSIENT = Set.of(
            ResultCode.TIMEOUT,               // 9
            ResultCode.DEVICE_OVERLOAD,       // 18
            ResultCode.KEY_BUSY,              // 14
            ResultCode.SERVER_NOT_AVAILABLE,  // -8: node down or connection lost
            ResultCode.MAX_RETRIES_EXCEEDED,  // -11
            // Also seen while a node leaves and the partition map catches up.
            ResultCode.INVALID_NODE_ERROR,    // -3
            ResultCode.PARTITION_UNAVAILABLE, // 11
            ResultCode.NO_RESPONSE);          // -15: the batch ended before this row was answered

    /** FILTERED: the row's filter expression did not match (restore sends none; replication does). */
    enum Kind { WRITTEN, SKIPPED, RETRY, IGNORED, FAILED, FILTERED }

    private final RestoreWriteOptions options;

    ResultClassifier(RestoreWriteOptions options) {
        this.options = options;
    }

    Kind classify(int code, boolean delete) {
        if (code == ResultCode.OK) {
            return Kind.WRITTEN;
        }
        if (code == ResultCode.FILTERED_OUT) {
            return Kind.FILTERED;
        }
        if (skipReason(code, delete) != null) {
            return Kind.SKIPPED;
        }
        if (TRANSIENT.contains(code)) {
            return Kind.RETRY;
        }
        return options.ignoredResultCodes().contains(code) ? Kind.IGNORED : Kind.FAILED;
    }

    /** Like {@link #classify}, for a row that will not be retried again: a transient code becomes ignored or failed. */
    Kind finalKind(int code, boolean delete) {
        Kind kind = classify(code, delete);
        if (kind != Kind.RETRY) {
            return kind;
        }
        return options.ignoredResultCodes().contains(code) ? Kind.IGNORED : Kind.FAILED;
    }

    /** The skip reason for a code that means "deliberately not written", else null. */
    SkipReason skipReason(int code, boolean delete) {
        if (delete) {
            return code == ResultCode.KEY_NOT_FOUND_ERROR ? SkipReason.NOT_FOUND : null;
        }
        if (code == ResultCode.GENERATION_ERROR && options.generationCheck()) {
            return SkipReason.GENERATION;
        }
        if (code == ResultCode.KEY_EXISTS_ERROR && options.mode() == RestoreWriteOptions.Mode.CREATE_ONLY) {
            return SkipReason.EXISTS;
        }
        return null;
    }

    /** The reason for a failure, with a hint where the code has a usual cause. */
    static String reason(int code) {
        String text = ResultCode.getResultString(code) + " (result code " + code + ")";
        switch (code) {
            case ResultCode.FAIL_FORBIDDEN:
                return text + "; a namespace without expiration (nsup-period 0) refuses records with a TTL";
            case ResultCode.ENTERPRISE_ONLY:
                return text + "; durable deletes need Aerospike Enterprise, restore without them";
            case ResultCode.PARAMETER_ERROR:
                // What a real server answers for both; the embedded one checks only the TTL.
                return text + "; the target may hold this digest in another set (a record's set cannot change),"
                        + " or the TTL is over the server's 10-year limit";
            case ResultCode.RECORD_TOO_BIG:
                return text + "; the target namespace's max record size is smaller than the record";
            default:
                return text;
        }
    }
}
