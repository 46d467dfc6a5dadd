package io.aerobackup.cli;

import io.aerobackup.job.BackupResult;
import io.aerobackup.job.BackupRunner;
import io.aerobackup.job.BackupSpec;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/** {@code aerobackup backup}: a full backup of a namespace, run on a local Flink mini-cluster. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Full backup of a namespace into Parquet files and a manifest, on a local Flink mini-cluster.",
            "The same job runs on a Flink cluster: flink run -c io.aerobackup.job.BackupJob <jar> <same options>."})
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackupOptionsMixin options;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BackupSpec spec = options.toSpec();
        ProgressLine progress = ProgressLine.forTerminal(json);
        BackupResult result;
        try {
            result = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(), spec, progress,
                    UnaryOperator.identity());
        } finally {
            progress.finish();
        }
        out().println(json ? JsonOutput.write(summary(result)) : text(result));
        return ExitCodes.OK;
    }

    static Map<String, Object> summary(BackupResult result) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("backupId", result.manifest().backupId());
        s.put("kind", result.manifest().kind());
        s.put("namespace", result.manifest().namespace());
        s.put("records", result.manifest().recordCount());
        s.put("files", result.manifest().files().size());
        s.put("fileBytes", result.manifest().fileBytes());
        s.put("dataBytes", result.dataBytes());
        s.put("seconds", result.elapsed().toMillis() / 1000.0);
        s.put("bytesPerSecond", Math.round(result.bandwidthBytesPerSecond()));
        s.put("recordsPerSecond", Math.round(result.recordsPerSecond()));
        return s;
    }

    static String text(BackupResult result) {
        return String.format("Backup %s of namespace %s committed: %,d records in %d file(s), %,d bytes on disk%n"
                        + "  D = %,d bytes of bin data%n  B = %.1f MB/s (%,.0f records/s)%n"
                        + "  T = %.2f s end to end (of which the Flink job ran %.2f s; the rest is start-up, checks"
                        + " and checksums)", result.manifest().backupId(), result.manifest().namespace(),
                result.manifest().recordCount(), result.manifest().files().size(), result.manifest().fileBytes(),
                result.dataBytes(), result.bandwidthBytesPerSecond() / 1e6, result.recordsPerSecond(),
                result.elapsed().toMillis() / 1000.0, result.jobRuntime().toMillis() / 1000.0);
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
