package io.aerobackup.execution;

/**
 * A job that ended in failure after its restarts were used up: the message is the one-line cause,
 * {@link #hint()} what to do, and {@link #restarts()} how often Flink tried again first.
 */
public final class JobFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String hint;
    private final int restarts;
    private final boolean badInput;

    public JobFailedException(FailureCauses.Explanation explanation, int restarts, Throwable cause) {
        super(explanation.line() + (restarts > 0 ? " (the job failed after " + restarts + " restart"
                + (restarts == 1 ? "" : "s") + ")" : ""), cause);
        this.hint = explanation.hint();
        this.badInput = explanation.badInput();
        this.restarts = restarts;
    }

    public String hint() {
        return hint;
    }

    /** True when the cause is input that cannot work (refused credentials, untrusted certificate). */
    public boolean badInput() {
        return badInput;
    }

    public int restarts() {
        return restarts;
    }
}
