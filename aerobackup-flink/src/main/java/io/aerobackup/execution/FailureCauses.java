package io.aerobackup.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the exception a failed job ends with (Flink wraps the real cause in several layers:
 * "Job execution failed", "Recovery is suppressed by ...", "One or more fetchers ...") into one
 * line that says what went wrong, and a hint that says what to do. It reads the chain of
 * exception classes and messages, from a Throwable or from a stack trace as Flink's REST API
 * reports a failure, so a restart's cause and the final one are told the same way.
 */
public final class FailureCauses {
    /** "Error -8: ..." / "Error 9,1,30000,0,0,BB9...: ..." as the Aerospike client words its exceptions. */
    private static final Pattern AEROSPIKE_CODE = Pattern.compile("^Error (-?\\d+)");
    /** aerobackup's own wording of a server answer, e.g. "... Server memory error (result code 8) ...". */
    private static final Pattern RESULT_CODE = Pattern.compile("\\(result code (-?\\d+)\\)");
    /** A stack trace's "Class: message" or "Caused by: Class: message" line. */
    private static final Pattern TRACE_LINE = Pattern.compile(
            "^(?:Caused by: )?([\\w.$]+(?:Exception|Error|Throwable|Terminated)[\\w$]*)(?:: ?(.*))?$");

    private FailureCauses() {
    }

    /**
     * What went wrong, in one line, and what to do about it; {@code badInput} when the user's input
     * cannot work (refused credentials, an untrusted certificate), which a rerun does not fix.
     */
    public record Explanation(String line, String hint, boolean badInput) {
        public Explanation(String line, String hint) {
            this(line, hint, false);
        }
    }

    /** One link of a cause chain: the exception's class name and message (may be null). */
    record Link(String className, String message) {
    }

    /**
     * @param hosts       the cluster the run talks to, named in "cannot reach the cluster at ..." (may be null)
     * @param destination where the run writes files, named in disk errors (may be null)
     */
    public static Explanation explain(Throwable failure, String hosts, String destination) {
        List<Link> chain = new ArrayList<>();
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.size() < 32 && !seen.contains(t); t = t.getCause()) {
            seen.add(t);
            chain.add(new Link(t.getClass().getName(), t.getMessage()));
        }
        return explain(chain, hosts, destination);
    }

    /** The same from a stack trace's text (Flink's exception history). */
    public static Explanation explain(String stackTrace, String hosts, String destination) {
        List<Link> chain = new ArrayList<>();
        for (String line : stackTrace.split("\n")) {
            Matcher m = TRACE_LINE.matcher(line.strip());
            if (!line.startsWith("\t") && m.matches()) {
                chain.add(new Link(m.group(1), m.group(2)));
            }
        }
        return explain(chain, hosts, destination);
    }

    static Explanation explain(List<Link> chain, String hosts, String destination) {
        String root = deepestMessage(chain);
        String at = hosts == null ? "" : " at " + hosts;
        String writing = destination == null ? "" : " writing under " + destination;
        for (boolean ownWords : new boolean[] {true, false}) {
            for (int i = chain.size() - 1; i >= 0; i--) {
                String message = String.valueOf(chain.get(i).message());
                Explanation security = ownWords ? ownSecurityWords(message, at)
                        : security(chain.get(i).className(), message, at, root);
                if (security != null) {
                    return security;
                }
            }
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            String type = chain.get(i).className();
            String message = String.valueOf(chain.get(i).message());
            if (message.contains("No space left on device")) {
                return new Explanation("no space left on device" + writing + ": " + root,
                        "free space at the destination or choose another --to; no manifest was written");
            }
            if (type.endsWith("AccessDeniedException") || type.endsWith("ReadOnlyFileSystemException")
                    || message.contains("Permission denied") || message.contains("Read-only file system")) {
                return new Explanation("permission denied" + writing + ": " + root,
                        "make the destination writable for this user; no manifest was written");
            }
            if (type.endsWith("NoSuchFileException") || type.endsWith("FileNotFoundException")) {
                return new Explanation("a file or folder of the destination is gone" + writing + ": " + root,
                        "check that nothing deletes or unmounts the destination while the job runs");
            }
            boolean aerospike = type.startsWith("com.aerospike.client.AerospikeException");
            if (aerospike || RESULT_CODE.matcher(message).find()) {
                Explanation e = aerospike(type, message, aerospike ? AEROSPIKE_CODE : RESULT_CODE, at, root);
                if (e != null) {
                    return e;
                }
            }
        }
        return new Explanation(root, "set AEROBACKUP_DEBUG=1 for the stack trace");
    }

    /** Login refused, a session that cannot be renewed, TLS refused, or a secret that cannot be read. */
    private static Explanation ownSecurityWords(String message, String at) {
        if (message.startsWith("--password-file") || message.startsWith("--tls-")
                || (message.startsWith("environment variable") && message.contains("password"))
                || message.startsWith("the password typed at the prompt")) {
            return new Explanation("cannot read the credentials for the cluster" + at + ": " + message,
                    "the file or variable must exist where the job's tasks run (every TaskManager)", true);
        }
        if (message.startsWith("login to Aerospike") || message.startsWith("TLS connection to Aerospike")) {
            return new Explanation(message,
                    "fix the credentials or TLS options and run again (a password may have changed while the job"
                            + " ran)", true);
        }
        return null;
    }

    private static Explanation security(String type, String message, String at, String root) {
        boolean aerospike = type.startsWith("com.aerospike.client.AerospikeException");
        Matcher code = AEROSPIKE_CODE.matcher(message);
        int resultCode = aerospike && code.find() ? Integer.parseInt(code.group(1)) : Integer.MIN_VALUE;
        if ((resultCode >= 60 && resultCode <= 66) || resultCode == 80 || resultCode == 82
                || (aerospike && (message.contains("Authentication failed") || message.contains("Login failed")))) {
            return new Explanation("the cluster" + at + " refused the login: " + root
                    + (resultCode == 66 ? " (the session expired and could not be renewed)" : ""),
                    "check --user and the password (it may have changed while the job ran)", true);
        }
        if (type.startsWith("javax.net.ssl.") || message.startsWith("Invalid TLS name")
                || message.contains("PKIX path")) {
            return new Explanation("TLS connection to the cluster" + at + " failed: " + root,
                    "check --tls-cafile (the CA that signed the servers' certificates), --tls-name and"
                            + " --tls-protocols", true);
        }
        return null;
    }

    private static Explanation aerospike(String type, String message, Pattern codePattern, String at, String root) {
        Matcher code = codePattern.matcher(message);
        int resultCode = code.find() ? Integer.parseInt(code.group(1)) : Integer.MIN_VALUE;
        if (type.endsWith("$Connection") || resultCode == -8 || resultCode == -3 || resultCode == -7) {
            // SERVER_NOT_AVAILABLE, INVALID_NODE_ERROR, NO_MORE_CONNECTIONS
            return new Explanation("cannot reach the cluster" + at + ": " + root,
                    "check that the Aerospike nodes are up and reachable, and --hosts");
        }
        if (type.endsWith("$Timeout") || resultCode == 9 || resultCode == 212 || resultCode == -11) {
            // TIMEOUT, QUERY_TIMEOUT, MAX_RETRIES_EXCEEDED
            return new Explanation("the cluster" + at + " does not answer in time: " + root,
                    "check the cluster's health and load, or raise --socket-timeout/--total-timeout");
        }
        if (resultCode == 11) {
            return new Explanation("partitions of the namespace are unavailable" + at + ": " + root,
                    "wait until every node is up and migrations are done, then run again");
        }
        if (resultCode == 8 || resultCode == 18) {
            // SERVER_MEM_ERROR (stop-writes), DEVICE_OVERLOAD
            return new Explanation("the target namespace cannot take more writes (stop-writes, out of space or "
                    + "device overload)" + at + ": " + root,
                    "free space in the namespace or slow the restore with --records-per-second");
        }
        return null;
    }

    /** The innermost message that says something (Flink's wrappers only say that something failed). */
    private static String deepestMessage(List<Link> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = chain.get(i).message();
            if (message != null && !message.isBlank()) {
                return message.strip().replace('\n', ' ');
            }
        }
        if (chain.isEmpty()) {
            return "unknown failure";
        }
        String name = chain.get(chain.size() - 1).className();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
