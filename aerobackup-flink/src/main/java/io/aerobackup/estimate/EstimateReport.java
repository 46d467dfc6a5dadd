package io.aerobackup.estimate;

import io.aerobackup.catalog.retention.Durations;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.aerobackup.estimate.Schedules.bytes;
import static io.aerobackup.estimate.Schedules.duration;

/** Prints an estimate and its advice for people, or as a map for {@code --json}. */
public final class EstimateReport {
    private final Estimate estimate;
    private final Figures f;
    private final Goals goals;
    private final Advice advice;
    private final Duration window;

    public EstimateReport(Estimate estimate, Goals goals, Advice advice) {
        this.estimate = estimate;
        this.f = estimate.figures();
        this.goals = goals;
        this.advice = advice;
        this.window = advice.incrementalEvery() != null ? advice.incrementalEvery() : goals.rpoOrDefault();
    }

    public void print(PrintWriter out) {
        EstimateRequest r = estimate.request();
        Sample s = estimate.sample();
        out.printf("Namespace %s%s: %,d records (%s used in the cluster, one copy; fullest node %s)%n", r.namespace(),
                r.sets().isEmpty() ? "" : " sets " + String.join(",", r.sets()), f.records(),
                bytes(estimate.statistics().usedBytes()), estimate.statistics().usedSpacePercent() < 0 ? "unknown"
                        : estimate.statistics().usedSpacePercent() + " % used");
        out.printf("Sample: %,d records from %d partitions: %.0f bytes of bin data and %.0f bytes of backup file per"
                        + " record; scan %d ms, write %d ms%n", s.size(), s.partitions(), f.binBytesPerRecord(),
                f.outputBytesPerRecord(), s.scanTime().toMillis(), s.writeTime().toMillis());
        out.printf("Change rate: %s/day, %s%n", StrategyAdvisor.pct(f.changePerDay()), estimate.changeSource());
        out.printf("Backup B: %s%n", estimate.backupSource());
        out.printf("Restore B: %s%n%n", estimate.restoreSource());
        out.printf("%-28s %14s %22s %12s %14s%n", "", "D (bin data)", "B", "T", "output");
        row(out, "full backup", f.fullBytes(), f.backupRecordsPerSecond(), f.fullBackupTime(), f.fullOutputBytes());
        row(out, "incremental, " + duration(window) + " of changes", f.changedRecords(window) * f.binBytesPerRecord(),
                f.backupRecordsPerSecond(), f.incrementalTime(window), f.incrementalOutputBytes(window));
        row(out, "restore of a full", f.fullBytes(), f.restoreRecordsPerSecond(), f.fullRestoreTime(), -1);
        out.printf("(T = D / B plus %s per run; %s)%n%n", duration(f.runOverhead()), estimate.pastBackup() != null
                ? "B as the catalog's last full backup achieved it"
                : "B modelled from whole partitions read and written here, under this machine's present load");
        out.printf("Goals: RPO %s, RTO %s, max storage %s, retention %s%n",
                goals.rpo() != null ? duration(goals.rpo()) : duration(goals.rpoOrDefault()) + " (default)",
                goals.rto() != null ? duration(goals.rto()) : "none",
                goals.maxStorage() != null ? bytes(goals.maxStorage()) : "none",
                goals.retention() != null ? duration(goals.retention())
                        : duration(goals.retentionOrDefault()) + " (default)");
        out.printf("Advice: %s: %s%n", advice.strategy().label(), advice.strategy().how());
        for (String line : commands()) {
            out.println("  " + line);
        }
        out.printf("Event triggers: a full when the deltas since the last full reach %d %% of its records; a full"
                + " when the fullest node reaches %d %% used space%n", advice.changeTriggerPercent(),
                advice.usedSpaceTriggerPercent());
        out.println("Why:");
        advice.reasons().forEach(reason -> out.println("  - " + reason));
        if (advice.allGoalsMet()) {
            out.println("All goals can be met.");
        } else {
            out.println("Goals that cannot be met:");
            advice.unmet().forEach(u -> out.println("  ! " + u));
        }
        out.flush();
    }

    private static void row(PrintWriter out, String what, double d, double recordsPerSecond, Duration t, double output) {
        out.printf(Locale.ROOT, "%-28s %14s %22s %12s %14s%n", what, bytes(d),
                String.format(Locale.ROOT, "%.0f rec/s", recordsPerSecond), duration(t), output < 0 ? "-" : bytes(output));
    }

    /** Command lines that run the advice. */
    List<String> commands() {
        EstimateRequest r = estimate.request();
        String base = "aerobackup backup --hosts " + r.connection().hosts() + " --namespace " + r.namespace()
                + (r.sets().isEmpty() ? "" : " --set " + String.join(",", r.sets()))
                + " --to " + (r.catalogRoot() != null ? r.catalogRoot() : "ROOT");
        List<String> lines = new ArrayList<>();
        switch (advice.strategy()) {
            case FULL_ONLY -> lines.add(advice.fullCron() + "  " + base);
            case INCREMENTAL, CUMULATIVE -> {
                lines.add(advice.fullCron() + "  " + base);
                lines.add(Schedules.cron(advice.incrementalEvery()) + "  " + base + " --incremental --full-if-missing"
                        + (advice.strategy() == Advice.Strategy.CUMULATIVE ? " --cumulative" : ""));
            }
            case CHANGE_FEED -> lines.add(base + " --continuous --interval " + advice.incrementalEvery().toSeconds()
                    + " --full-schedule \"" + advice.fullCron() + "\" --full-after-change-percent "
                    + advice.changeTriggerPercent() + " --full-at-used-space-percent " + advice.usedSpaceTriggerPercent());
            default -> throw new IllegalStateException();
        }
        lines.add("aerobackup prune --to " + (r.catalogRoot() != null ? r.catalogRoot() : "ROOT") + " --namespace "
                + r.namespace() + " --keep-within " + Durations.format(goals.retentionOrDefault())
                + "  (after each backup: keeps the retention, never breaks a chain)");
        return lines;
    }

    /** All figures and the advice, for --json. */
    public Map<String, Object> json() {
        EstimateRequest r = estimate.request();
        Sample s = estimate.sample();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", r.namespace());
        m.put("sets", r.sets());
        m.put("records", f.records());
        m.put("clusterUsedBytes", estimate.statistics().usedBytes());
        m.put("usedSpacePercent", estimate.statistics().usedSpacePercent());
        m.put("sample", map("records", s.size(), "partitions", s.partitions(), "binBytesPerRecord", f.binBytesPerRecord(),
                "outputBytesPerRecord", f.outputBytesPerRecord(), "scanMillis", s.scanTime().toMillis(),
                "writeMillis", s.writeTime().toMillis()));
        ScanProbe.Result probe = estimate.probe();
        m.put("probe", probe == null ? null : map("records", probe.records(), "partitions", probe.partitions(),
                "scanMillis", probe.scanTime().toMillis(), "writeMillis", probe.writeTime().toMillis(),
                "efficiency", JobThroughput.BACKUP_EFFICIENCY));
        m.put("parallelism", estimate.parallelism());
        m.put("changeRate", map("percentPerDay", f.changePerDay() * 100, "source", estimate.changeSource(),
                "changedSinceLastBackup", estimate.changedSince()));
        m.put("runOverheadSeconds", f.runOverhead().toMillis() / 1000.0);
        Map<String, Object> full = model(f.fullBytes(), f.backupRecordsPerSecond(), f.fullBackupTime(),
                f.fullOutputBytes(), f.records());
        full.put("source", estimate.backupSource());
        m.put("full", full);
        Map<String, Object> inc = model(f.changedRecords(window) * f.binBytesPerRecord(), f.backupRecordsPerSecond(),
                f.incrementalTime(window), f.incrementalOutputBytes(window), f.changedRecords(window));
        inc.put("windowSeconds", window.toSeconds());
        m.put("incremental", inc);
        Map<String, Object> restore = model(f.fullBytes(), f.restoreRecordsPerSecond(), f.fullRestoreTime(), -1, f.records());
        restore.remove("outputBytes");
        restore.put("source", estimate.restoreSource());
        restore.put("measured", estimate.scratchSet() != null);
        restore.put("scratchSet", estimate.scratchSet());
        m.put("restore", restore);
        m.put("goals", map("rpoSeconds", seconds(goals.rpo()), "rtoSeconds", seconds(goals.rto()),
                "maxStorageBytes", goals.maxStorage(), "retentionSeconds", seconds(goals.retention())));
        m.put("advice", map("strategy", advice.strategy().name(), "label", advice.strategy().label(),
                "incrementalEverySeconds", seconds(advice.incrementalEvery()), "fullCron", advice.fullCron(),
                "fullEverySeconds", seconds(advice.fullEvery()),
                "triggers", map("changeVolumePercent", advice.changeTriggerPercent(),
                        "usedSpacePercent", advice.usedSpaceTriggerPercent()),
                "worstRestoreSeconds", seconds(advice.worstRestoreTime()), "storageBytes", Math.round(advice.storageBytes()),
                "commands", commands(), "reasons", advice.reasons(), "unmet", advice.unmet(),
                "allGoalsMet", advice.allGoalsMet()));
        return m;
    }

    private static Map<String, Object> model(double d, double recordsPerSecond, Duration t, double output, long records) {
        return map("records", records, "dBytes", Math.round(d), "bRecordsPerSecond", recordsPerSecond,
                "bBytesPerSecond", records == 0 ? 0.0 : recordsPerSecond * d / records, "tSeconds", seconds(t),
                "outputBytes", Math.round(output));
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
