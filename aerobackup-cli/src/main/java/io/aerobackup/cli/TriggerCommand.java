package io.aerobackup.cli;

import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.source.changefeed.ManualRequest;
import io.aerobackup.source.changefeed.ManualTriggerRequests;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code aerobackup trigger}: asks the running change-feed job for a full snapshot of a namespace
 * by leaving a request file in its catalog. The job picks it up at its next check, so this needs
 * no connection to the job or the cluster. Refuses a folder that is not an aerobackup catalog: a
 * request there would never be seen (exit 2).
 */
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = {"Requests a full snapshot from the running change-feed job.",
            "Leaves a request in the catalog (<root>/<namespace>/_triggers/); the job takes the snapshot at its"
                + " next check and records the request in the snapshot's manifest.",
            "Note: the change-feed job is not part of this release yet; requests wait in the catalog until it is."})
public final class TriggerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "URI", description = "Catalog root the job writes to.")
    String to;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Namespace to snapshot.")
    String namespace;

    @Option(names = "--requested-by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who asks, for the log and the manifest (default: ${DEFAULT-VALUE}).")
    String requestedBy;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path root = new Path(to);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(CatalogPaths.marker(root))) {
            throw new BadInputException(to + " is not an aerobackup catalog (it has no " + CatalogPaths.MARKER
                    + "); give the --to of the running change-feed job");
        }
        ManualRequest request;
        try {
            request = ManualTriggerRequests.request(root, namespace, requestedBy, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        // A typo in the namespace would leave a request nobody reads; a new namespace has no folder
        // before its first backup, though, so this is a warning.
        boolean knownNamespace = hasBackupFolder(fs, CatalogPaths.namespaceDir(root, namespace));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("namespace", request.namespace());
            summary.put("requestId", request.id());
            summary.put("requestedAt", request.requestedAt().toString());
            summary.put("requestedBy", request.requestedBy());
            summary.put("file", request.file());
            summary.put("namespaceHasBackups", knownNamespace);
            out.println(JsonOutput.write(summary));
        } else {
            out.println("Requested a full snapshot of namespace " + namespace + ": " + request.file());
            out.println("The running change-feed job takes it at its next check.");
        }
        out.flush();
        if (!knownNamespace) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: " + to + " holds no backups of namespace " + namespace
                    + " yet; check the name if a job already backs it up");
            err.flush();
        }
        return ExitCodes.OK;
    }

    private static boolean hasBackupFolder(FileSystem fs, Path namespaceDir) throws IOException {
        if (!fs.exists(namespaceDir)) {
            return false;
        }
        FileStatus[] statuses = fs.listStatus(namespaceDir);
        for (FileStatus status : statuses == null ? new FileStatus[0] : statuses) {
            String name = status.getPath().getName();
            if (status.isDir() && !name.startsWith(".") && !name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
