package io.aerobackup.cli;

import io.aerobackup.catalog.Catalog;
import org.apache.flink.core.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code aerobackup list}: the backups under a catalog root, incomplete ones marked as such. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the backups under a catalog root.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URI", description = "Catalog root.")
    String from;

    @Option(names = "--namespace", paramLabel = "NS", description = "Only this namespace.")
    String namespace;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Catalog.CatalogEntry> entries = new Catalog(new Path(from)).list(namespace);
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Catalog.CatalogEntry e : entries) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("namespace", e.namespace());
                row.put("backupId", e.backupId());
                row.put("status", e.complete() ? "complete" : "incomplete");
                if (e.complete()) {
                    row.put("kind", e.manifest().kind());
                    row.put("finishedAt", e.manifest().finishedAt());
                    row.put("records", e.manifest().recordCount());
                    row.put("fileBytes", e.manifest().fileBytes());
                    io.aerobackup.catalog.Compacted.source(e.manifest()).ifPresent(id -> row.put("compactedFrom", id));
                }
                rows.add(row);
            }
            out().println(JsonOutput.write(rows));
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            out().println("No backups under " + from);
            return ExitCodes.OK;
        }
        out().printf("%-12s %-32s %-6s %-24s %12s %14s  %s%n", "NAMESPACE", "BACKUP", "KIND", "FINISHED",
                "RECORDS", "BYTES", "STATUS");
        for (Catalog.CatalogEntry e : entries) {
            if (e.complete()) {
                out().printf("%-12s %-32s %-6s %-24s %,12d %,14d  complete%n", e.namespace(), e.backupId(),
                        e.manifest().kind(), e.manifest().finishedAt(), e.manifest().recordCount(),
                        e.manifest().fileBytes());
            } else {
                out().printf("%-12s %-32s %-6s %-24s %12s %14s  incomplete (no manifest)%n", e.namespace(),
                        e.backupId(), "-", "-", "-", "-");
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
