package io.aerobackup.execution;

/**
 * A job that ended in failure after its restarts were used up: the message is the one-line cause,
 * {@link #hint()} what to do, and {@link #restarts()} how often Flink tried again first.
 */
public final class JobFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String hint;
    private final int restarts;

    public JobFailedException(FailureCauses.Explanation explanation, int restarts, Throwable cause) {
        super(explanation.line() + (restarts > 0 ? " (the job failed after " + restarts + " restart"
                + (restarts == 1 ? "" : "s") + ")" : ""), cause);
        this.hint = explanation.hint();
        this.restarts = restarts;
    }

    public String hint() {
        return hint;
    }

    public int restarts() {
        return restarts;
    }
}
