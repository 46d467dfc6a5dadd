package io.aerobackup.cli;

import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.restore.RestoreJobOptions;
import io.aerobackup.restore.RestoreResult;
import io.aerobackup.restore.RestoreSpec;
import io.aerobackup.restore.RestoreRunner;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code aerobackup restore}: replays a backup (or a chain) into a cluster on a local Flink mini-cluster. */
@Command(name = "restore", mixinStandardHelpOptions = true, defaultValueProvider = RestoreCommand.Defaults.class,
        description = {"Restores a backup, a chain, or the state at a point in time into a cluster.",
            "Every file is checked against its manifest before anything is written.",
            "The same job runs on a Flink cluster: flink run -c io.aerobackup.job.RestoreJob <jar> <same options>."})
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RestoreOptionsMixin options;

    @Mixin
    RestartOptionsMixin restarts;

    @Mixin
    EncryptionOptionsMixin encryption;

    @ParentCommand
    AerobackupCli root;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    /** The defaults of {@link RestoreJobOptions#ALL}, which {@code flink run ... RestoreJob} reads too. */
    public static final class Defaults extends ConfigOptionDefaults {
        public Defaults() {
            super(RestoreJobOptions.ALL);
        }
    }

    @Override
    public Integer call() throws Exception {
        Configuration config = GivenOptions.of(spec, RestoreJobOptions.ALL);
        RestartPolicy.rejectFeedOptions(config);
        RestoreSpec restore = RestoreJobOptions.toSpec(config);
        StreamExecutionEnvironment env = LocalFlink.environment(root.flinkConfiguration(),
                RestartPolicy.from(config).flinkConfiguration(false));
        ProgressLine progress = ProgressLine.forTerminal(json, spec.commandLine().getErr());
        RestoreResult result;
        try {
            result = RestoreRunner.run(env, restore, progress);
        } finally {
            progress.finish();
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> summary = summary(result);
        progress.addTo(summary);
        out.println(json ? JsonOutput.write(summary) : text(result));
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> summary(RestoreResult result) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("backupId", result.chain().target().backupId());
        s.put("chain", result.chain().members().stream().map(m -> m.backupId()).toList());
        s.put("validateOnly", result.validateOnly());
        s.put("rowsRead", result.rowsRead());
        s.put("written", result.written());
        s.put("deleted", result.deleted());
        s.put("skipped", result.skipped());
        s.put("failed", result.failed());
        s.put("bytes", result.bytesWritten());
        s.put("indexesRestored", result.indexesRestored());
        s.put("udfsRestored", result.udfsRestored());
        s.put("seconds", result.elapsed().toMillis() / 1000.0);
        s.put("recordsPerSecond", Math.round(result.recordsPerSecond()));
        s.put("summary", result.summary());
        return s;
    }

    static String text(RestoreResult result) {
        if (result.validateOnly()) {
            return String.format("Validated %s (%d backup(s) in the chain): %,d rows read, every file matches its"
                    + " manifest; nothing was written", result.chain().target().backupId(),
                    result.chain().members().size(), result.rowsRead());
        }
        return String.format("Restored %s (%d backup(s) in the chain): %,d written, %,d deleted, skipped %s,"
                        + " failed %s; %d index(es), %d UDF(s)%n  D = %,d bytes%n  B = %.1f MB/s (%,.0f records/s)%n"
                        + "  T = %.2f s%n  summary: %s", result.chain().target().backupId(), result.chain().members().size(),
                result.written(), result.deleted(), result.skipped(), result.failed(), result.indexesRestored(),
                result.udfsRestored(), result.bytesWritten(), result.bandwidthBytesPerSecond() / 1e6,
                result.recordsPerSecond(), result.elapsed().toMillis() / 1000.0, result.summary());
    }
}
