package io.aerobackup.cli;

import io.aerobackup.execution.ProgressListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;

/** A one-line progress display on a terminal: partitions, records, MB/s and an ETA from the partitions left. */
final class ProgressLine implements ProgressListener {
    private final PrintStream out;
    private final boolean enabled;
    private final PrintWriter notices;
    private boolean printed;
    private int restarts;
    private String lastRestartCause;

    ProgressLine(PrintStream out, boolean enabled) {
        this(out, enabled, new PrintWriter(out, true));
    }

    ProgressLine(PrintStream out, boolean enabled, PrintWriter notices) {
        this.out = out;
        this.enabled = enabled;
        this.notices = notices;
    }

    /**
     * The progress line is shown only on an interactive terminal and not in JSON mode, so scripts
     * get clean output; notices (restarts) always go to the command's error stream.
     */
    static ProgressLine forTerminal(boolean json, PrintWriter err) {
        return new ProgressLine(System.err, !json && System.console() != null, err);
    }

    @Override
    public void progress(long records, long bytes, long partitionsDone, int partitionsTotal, Duration elapsed) {
        if (!enabled) {
            return;
        }
        out.print("\r" + format(records, bytes, partitionsDone, partitionsTotal, elapsed) + "   ");
        out.flush();
        printed = true;
    }

    /**
     * Restarts are shown also when the output is not a terminal (cron, orchestrators): a run that
     * retries should never look like a run that hangs.
     */
    @Override
    public void restarting(int restart, int maxRestarts, String cause) {
        restarts = restart;
        lastRestartCause = cause;
        if (printed) {
            out.println();
            printed = false;
        }
        notices.println("aerobackup: the job failed and restarts (" + (maxRestarts >= 0 ? "restart " + restart
                + " of " + maxRestarts : "restart " + restart) + "): " + cause);
        notices.flush();
    }

    static String format(long records, long bytes, long partitionsDone, int partitionsTotal, Duration elapsed) {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        String eta = "--:--";
        if (partitionsDone > 0 && partitionsDone < partitionsTotal) {
            long left = Math.round(seconds * (partitionsTotal - partitionsDone) / partitionsDone);
            eta = String.format("%d:%02d", left / 60, left % 60);
        } else if (partitionsDone >= partitionsTotal) {
            eta = "0:00";
        }
        if (partitionsTotal <= 0) {
            // Runs that do not scan partitions (restore) have no partition count and no ETA.
            return String.format("records %,d  %.1f MB/s", records, bytes / seconds / 1e6);
        }
        return String.format("partitions %d/%d  records %,d  %.1f MB/s  ETA %s", partitionsDone, partitionsTotal,
                records, bytes / seconds / 1e6, eta);
    }

    /** Adds the restart figures to a JSON summary. */
    void addTo(java.util.Map<String, Object> summary) {
        summary.put("restarts", restarts);
        summary.put("lastRestartCause", lastRestartCause);
    }

    void finish() {
        if (printed) {
            out.println();
        }
    }
}
