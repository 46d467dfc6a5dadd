package io.aerobackup.cli;

import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.ChainException;
import io.aerobackup.catalog.retention.Durations;
import io.aerobackup.catalog.retention.Pruner;
import io.aerobackup.catalog.retention.RetentionPolicy;
import io.aerobackup.execution.BadInputException;
import org.apache.flink.core.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code aerobackup prune}: deletes the backups of a namespace that no retention policy keeps, never
 * one that a kept backup's chain needs, plus incomplete backups older than a grace period. Only
 * parses the options; {@link Pruner} plans and deletes, {@link PruneReport} prints.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deletes old backups of a namespace by retention policy, never breaking a restore chain.",
            "A backup is kept when any policy keeps it; every backup a kept one needs (its full and the deltas up to"
                + " it) is kept too. Times are each backup's point in time, UTC (its covered time, else its finish).",
            "Incomplete backups (no manifest) idle longer than --incomplete-grace are deleted; younger ones may still"
                + " be running and are left alone. Give at least one --keep-* option."})
public final class PruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "URI", description = "Catalog root.")
    String to;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Namespace to prune.")
    String namespace;

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest backups.")
    Integer keepLast;

    @Option(names = "--keep-daily", paramLabel = "N",
            description = "Keep the newest backup of each of the last N days (UTC) that have backups.")
    Integer keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N",
            description = "Keep the newest backup of each of the last N ISO weeks (Monday-Sunday, UTC)"
                    + " that have backups.")
    Integer keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N",
            description = "Keep the newest backup of each of the last N months (UTC) that have backups.")
    Integer keepMonthly;

    @Option(names = "--keep-within", paramLabel = "DURATION",
            description = "Keep every backup within DURATION of the newest backup (e.g. 12h, 7d, 2w, 1d12h).")
    String keepWithin;

    @Option(names = "--incomplete-grace", paramLabel = "DURATION", defaultValue = "24h",
            description = "Delete incomplete backups idle at least this long (default: ${DEFAULT-VALUE}).")
    String incompleteGrace;

    @Option(names = "--dry-run",
            description = "Print the plan (what is kept and why, what is deleted); delete nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RetentionPolicy policy = policy();
        Duration grace = duration("--incomplete-grace", incompleteGrace);
        Pruner.Request request = new Pruner.Request(namespace, policy, grace, dryRun, Instant.now());
        Pruner.Result result;
        try {
            result = Pruner.run(new Catalog(new Path(to)), request);
        } catch (ChainException e) {
            if (e.isBadRequest()) {
                throw new BadInputException(e.getMessage(), e);
            }
            throw e;
        } catch (Pruner.PruneException e) {
            if (json) {
                // Scripts reading --json learn what is gone, as from a success.
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("error", e.getMessage());
                failure.put("deletedBeforeFailure", e.deleted());
                spec.commandLine().getOut().println(JsonOutput.write(failure));
                spec.commandLine().getOut().flush();
            }
            throw e;
        }
        PruneReport report = new PruneReport(to, request, result);
        String text = json ? JsonOutput.write(report.json()) + System.lineSeparator() : report.text();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private RetentionPolicy policy() {
        Duration within = keepWithin == null ? null : duration("--keep-within", keepWithin);
        if (within != null && within.isZero()) {
            throw new ParameterException(spec.commandLine(), "--keep-within must be longer than 0, e.g. 7d");
        }
        RetentionPolicy policy = new RetentionPolicy(count("--keep-last", keepLast), count("--keep-daily", keepDaily),
                count("--keep-weekly", keepWeekly), count("--keep-monthly", keepMonthly), within);
        if (policy.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no retention policy given: add at least one of"
                    + " --keep-last, --keep-daily, --keep-weekly, --keep-monthly, --keep-within");
        }
        return policy;
    }

    private int count(String option, Integer value) {
        if (value != null && value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, not " + value
                    + " (leave the option out to not use it)");
        }
        return value == null ? 0 : value;
    }

    private Duration duration(String option, String value) {
        try {
            return Durations.parse(option, value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
