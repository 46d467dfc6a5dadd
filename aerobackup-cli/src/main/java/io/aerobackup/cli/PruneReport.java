package io.aerobackup.cli;

import io.aerobackup.catalog.retention.Decision;
import io.aerobackup.catalog.retention.Durations;
import io.aerobackup.catalog.retention.Pruner;
import io.aerobackup.catalog.retention.RetentionPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code prune} prints: a line per backup with the action and why, or JSON for scripts. */
final class PruneReport {
    private final String root;
    private final Pruner.Request request;
    private final Pruner.Result result;

    PruneReport(String root, Pruner.Request request, Pruner.Result result) {
        this.root = root;
        this.request = request;
        this.result = result;
    }

    String text() {
        RetentionPlan plan = result.plan();
        StringBuilder out = new StringBuilder();
        out.append(String.format("Prune of namespace %s under %s: %s, --incomplete-grace %s%s%n", request.namespace(),
                root, request.policy().describe(), Durations.format(request.grace()),
                request.dryRun() ? " (dry run: nothing is deleted)" : ""));
        String delete = request.dryRun() ? "DELETE" : "DELETED";
        for (Decision d : plan.kept()) {
            out.append(line("KEEP", d));
        }
        for (Decision d : plan.deleted()) {
            out.append(line(delete, d));
        }
        for (Decision d : plan.leftAlone()) {
            out.append(line("LEAVE", d));
        }
        out.append(String.format("%s: %d kept, %d %s (%,d bytes), %d left alone.%n",
                request.dryRun() ? "Dry run" : "Done", plan.kept().size(), plan.deleted().size(),
                request.dryRun() ? "to delete" : "deleted", plan.deletedBytes(), plan.leftAlone().size()));
        return out.toString();
    }

    private static String line(String action, Decision d) {
        return String.format("%-8s %-32s %-10s %-24s %s%n", action, d.backupId(),
                d.complete() ? d.kind() : "incomplete", d.pointInTime() == null ? "-" : d.pointInTime(),
                String.join(", ", d.reasons()));
    }

    Map<String, Object> json() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("root", root);
        summary.put("namespace", request.namespace());
        summary.put("dryRun", request.dryRun());
        summary.put("policy", request.policy().describe());
        summary.put("incompleteGrace", Durations.format(request.grace()));
        summary.put("kept", rows(result.plan().kept()));
        summary.put("deleted", rows(result.plan().deleted()));
        summary.put("leftAlone", rows(result.plan().leftAlone()));
        summary.put("deletedBytes", result.plan().deletedBytes());
        return summary;
    }

    private static List<Map<String, Object>> rows(List<Decision> decisions) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Decision d : decisions) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("backupId", d.backupId());
            row.put("status", d.complete() ? "complete" : "incomplete");
            row.put("kind", d.kind());
            row.put("parentId", d.parentId());
            row.put("time", d.pointInTime() == null ? null : d.pointInTime().toString());
            row.put("fileBytes", d.fileBytes());
            row.put("reasons", d.reasons());
            rows.add(row);
        }
        return rows;
    }
}
