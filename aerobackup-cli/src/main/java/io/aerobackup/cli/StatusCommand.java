package io.aerobackup.cli;

import io.aerobackup.execution.BadInputException;
import io.aerobackup.job.replicate.ReplicateJobOptions;
import io.aerobackup.job.replicate.ReplicationStatus;
import io.aerobackup.job.replicate.StatusLocation;
import org.apache.flink.core.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code aerobackup status}: what a replication job last applied and how far the destination lags,
 * read from the status file the job writes after every applied round. Needs no connection to the
 * job or either cluster, so it works for jobs on a Flink cluster too (give their {@code --status-to}).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows a replication's lag and what it applied: rounds, records, deletes, conflicts skipped.",
            "Reads the status file the replication job writes after each applied round."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--namespace", paramLabel = "NS[,DST_NS]",
            description = "The replication's --namespace, to find its status file where replicate puts it by default.")
    String namespace;

    @Option(names = "--backup-to", paramLabel = "URI", description = "The replication's --backup-to, if it had one.")
    String backupTo;

    @Option(names = "--status-to", paramLabel = "URI", description = "The replication's --status-to, if it had one.")
    String statusTo;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path file = new Path(statusFile());
        ReplicationStatus status;
        try {
            status = ReplicationStatus.read(file);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        long now = System.currentTimeMillis();
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? JsonOutput.write(summary(status, now)) : text(status, now));
        out.flush();
        return ExitCodes.OK;
    }

    private String statusFile() {
        if (statusTo != null) {
            return statusTo;
        }
        if (namespace == null) {
            throw new ParameterException(spec.commandLine(),
                    "give --status-to URI, or the replication's --namespace (and --backup-to, if it had one)");
        }
        ReplicateJobOptions.Namespaces names;
        try {
            names = ReplicateJobOptions.namespaces(namespace);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return backupTo != null ? StatusLocation.inCatalog(backupTo, names.source(), names.destination())
                : StatusLocation.inHome(names.source(), names.destination());
    }

    /** The status as JSON fields; {@code lagMillisNow} is the lag at {@code nowMillis}, when nothing newer applied. */
    static Map<String, Object> summary(ReplicationStatus status, long nowMillis) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sourceNamespace", status.sourceNamespace());
        s.put("destinationNamespace", status.destinationNamespace());
        s.put("lastRound", status.lastRound());
        s.put("lastRoundKind", status.lastRoundKind());
        s.put("coveredUntil", Instant.ofEpochMilli(status.coveredUntilMillis()).toString());
        s.put("updatedAt", Instant.ofEpochMilli(status.updatedAtMillis()).toString());
        s.put("lagMillisAtUpdate", status.lagMillis());
        s.put("lagMillisNow", Math.max(0, nowMillis - status.coveredUntilMillis()));
        s.put("recordsApplied", status.recordsApplied());
        s.put("deletesApplied", status.deletesApplied());
        s.put("conflictsSkipped", status.conflictsSkipped());
        s.put("lastRoundRecordsPerSecond", status.lastRoundRecordsPerSecond());
        s.put("lastRoundDeletesPerSecond", status.lastRoundDeletesPerSecond());
        return s;
    }

    /** One line per applied round, as {@code aerobackup replicate} prints them. */
    static String roundLine(ReplicationStatus status) {
        return String.format("applied round %d (%s): covered until %s, lag %.1f s; %,d records and %,d deletes"
                        + " applied in all, %,d conflicts skipped", status.lastRound(), status.lastRoundKind(),
                Instant.ofEpochMilli(status.coveredUntilMillis()), status.lagMillis() / 1000.0, status.recordsApplied(),
                status.deletesApplied(), status.conflictsSkipped());
    }

    static String text(ReplicationStatus status, long nowMillis) {
        long sinceUpdate = Math.max(0, nowMillis - status.updatedAtMillis());
        return String.format("Replication of namespace %s to %s%n"
                        + "  last applied round %d (%s), every source write before %s is on the destination%n"
                        + "  lag %.1f s now (%.1f s when that round was applied, %.1f s ago)%n"
                        + "  applied %,d records and %,d deletes in all; %,d conflicts skipped (the destination held"
                        + " a newer version)%n"
                        + "  last round: %,.0f records/s, %,.0f deletes/s",
                status.sourceNamespace(), status.destinationNamespace(), status.lastRound(), status.lastRoundKind(),
                Instant.ofEpochMilli(status.coveredUntilMillis()),
                Math.max(0, nowMillis - status.coveredUntilMillis()) / 1000.0, status.lagMillis() / 1000.0,
                sinceUpdate / 1000.0, status.recordsApplied(), status.deletesApplied(), status.conflictsSkipped(),
                status.lastRoundRecordsPerSecond(), status.lastRoundDeletesPerSecond());
    }
}
