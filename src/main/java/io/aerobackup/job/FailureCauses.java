package io.aerobackup.job;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the exception a failed job ends with (Flink wraps the real cause in several layers:
 * "Job execution failed", "Recovery is suppressed by ...", "One or more fetchers ...") into one
 * line that says what went wrong, and a hint that says what to do.
 */
public final class FailureCauses {
    private FailureCauses() {
    }

    /** What went wrong, in one line, and what to do about it. */
    public record Explanation(String line, String hint) {
    }

    /** The one-line cause alone ("no space left on device: ..."), for progress lines and logs. */
    public static String oneLine(Throwable failure) {
        return explain(failure, null, null).line();
    }

    /**
     * @param hosts       the cluster the run talks to, named in "cannot reach the cluster at ..." (may be null)
     * @param destination where the run writes files, named in disk errors (may be null)
     */
    public static Explanation explain(Throwable failure, String hosts, String destination) {
        List<Throwable> chain = chain(failure);
        String root = deepestMessage(chain);
        String at = hosts == null ? "" : " at " + hosts;
        String writing = destination == null ? "" : " writing under " + destination;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable t = chain.get(i);
            String message = String.valueOf(t.getMessage());
            if (message.contains("No space left on device")) {
                return new Explanation("no space left on device" + writing + ": " + root,
                        "free space at the destination or choose another --to; no manifest was written");
            }
            if (t instanceof AccessDeniedException || t instanceof ReadOnlyFileSystemException
                    || message.contains("Permission denied") || message.contains("Read-only file system")) {
                return new Explanation("permission denied" + writing + ": " + root,
                        "make the destination writable for this user; no manifest was written");
            }
            if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
                return new Explanation("a file or folder of the destination is gone" + writing + ": " + root,
                        "check that nothing deletes or unmounts the destination while the job runs");
            }
            if (t instanceof AerospikeException) {
                Explanation e = aerospike((AerospikeException) t, at, root);
                if (e != null) {
                    return e;
                }
            }
        }
        return new Explanation(root, "set AEROBACKUP_DEBUG=1 for the stack trace");
    }

    private static Explanation aerospike(AerospikeException e, String at, String root) {
        switch (e.getResultCode()) {
            case ResultCode.SERVER_NOT_AVAILABLE:
            case ResultCode.INVALID_NODE_ERROR:
            case ResultCode.NO_MORE_CONNECTIONS:
                return new Explanation("cannot reach the cluster" + at + ": " + root,
                        "check that the Aerospike nodes are up and reachable, and --hosts");
            case ResultCode.TIMEOUT:
            case ResultCode.QUERY_TIMEOUT:
            case ResultCode.MAX_RETRIES_EXCEEDED:
                return new Explanation("the cluster" + at + " does not answer in time: " + root,
                        "check the cluster's health and load, or raise --socket-timeout/--total-timeout");
            case ResultCode.PARTITION_UNAVAILABLE:
                return new Explanation("partitions of the namespace are unavailable" + at + ": " + root,
                        "wait until every node is up and migrations are done, then run again");
            case ResultCode.SERVER_MEM_ERROR:
            case ResultCode.DEVICE_OVERLOAD:
                return new Explanation("the target namespace cannot take more writes (stop-writes, out of space or "
                        + "device overload)" + at + ": " + root,
                        "free space in the namespace or slow the restore with --records-per-second");
            default:
                if (e instanceof AerospikeException.Connection) {
                    return new Explanation("cannot reach the cluster" + at + ": " + root,
                            "check that the Aerospike nodes are up and reachable, and --hosts");
                }
                return null;
        }
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 32 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The innermost message that says something (Flink's wrappers only say that something failed). */
    private static String deepestMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = chain.get(i).getMessage();
            if (message != null && !message.isBlank()) {
                return message.strip().replace('\n', ' ');
            }
        }
        return chain.isEmpty() ? "unknown failure" : chain.get(chain.size() - 1).getClass().getSimpleName();
    }
}
