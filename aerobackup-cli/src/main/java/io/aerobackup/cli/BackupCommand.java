package io.aerobackup.cli;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.execution.JobWatch;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.BackupJobOptions;
import io.aerobackup.job.changefeed.ChangeFeedJobOptions;
import io.aerobackup.job.changefeed.ChangeFeedRunner;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import java.util.HashSet;
import java.util.Set;

import io.aerobackup.job.BackupResult;
import io.aerobackup.job.BackupRunner;
import io.aerobackup.job.spec.BackupSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/** {@code aerobackup backup}: a full or incremental backup (or the change feed), run on a local Flink mini-cluster. */
@Command(name = "backup", mixinStandardHelpOptions = true, defaultValueProvider = BackupCommand.Defaults.class,
        description = {"Full backup of a namespace into Parquet files and a manifest, on a local Flink mini-cluster.",
            "The same job runs on a Flink cluster: flink run -c io.aerobackup.job.BackupJob <jar> <same options>."})
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackupOptionsMixin options;

    @Mixin
    ChangeFeedOptionsMixin feed;

    @Mixin
    RestartOptionsMixin restarts;

    @Mixin
    EncryptionOptionsMixin encryption;

    @ParentCommand
    AerobackupCli root;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    /** The defaults of {@link BackupJobOptions#ALL}, which {@code flink run ... BackupJob} reads too. */
    public static final class Defaults extends ConfigOptionDefaults {
        public Defaults() {
            super(BackupJobOptions.ALL);
        }
    }

    @Override
    public Integer call() throws Exception {
        Configuration config = GivenOptions.of(this.spec, BackupJobOptions.ALL);
        BackupSpec spec = BackupJobOptions.toSpec(config);
        ChangeFeedOptions feedOptions = ChangeFeedJobOptions.toOptions(config, spec);
        RestartPolicy restarts = RestartPolicy.from(config);
        if (ChangeFeedJobOptions.continuous(config)) {
            StreamExecutionEnvironment env = LocalFlink.environment(root.flinkConfiguration(),
                    restarts.flinkConfiguration(true));
            return follow(spec, env, ChangeFeedRunner.start(env, spec, feedOptions, UnaryOperator.identity()));
        }
        RestartPolicy.rejectFeedOptions(config);
        ProgressLine progress = ProgressLine.forTerminal(json, this.spec.commandLine().getErr());
        BackupResult result;
        try {
            result = BackupRunner.run(LocalFlink.environment(root.flinkConfiguration(),
                    restarts.flinkConfiguration(false)), spec, progress, UnaryOperator.identity());
        } finally {
            progress.finish();
        }
        Map<String, Object> summary = summary(result);
        progress.addTo(summary);
        out().println(json ? JsonOutput.write(summary) : text(result));
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
                        + "  T = %.2f s end to end (of which the Flink job, commit included, ran %.2f s; the rest is"
                        + " start-up and checks)", result.manifest().backupId(), result.manifest().namespace(),
                result.manifest().recordCount(), result.manifest().files().size(), result.manifest().fileBytes(),
                result.dataBytes(), result.bandwidthBytesPerSecond() / 1e6, result.recordsPerSecond(),
                result.elapsed().toMillis() / 1000.0, result.jobRuntime().toMillis() / 1000.0);
    }

    /** Prints each backup the change feed commits until the job ends (Ctrl-C stops it; a rerun continues). */
    private int follow(BackupSpec spec, StreamExecutionEnvironment env, JobClient job) throws Exception {
        Catalog catalog = new Catalog(new Path(spec.destination()));
        Set<String> seen = new HashSet<>();
        catalog.list(spec.scan().namespace()).forEach(e -> seen.add(e.backupId()));
        out().println("change feed of namespace " + spec.scan().namespace() + " running as Flink job " + job.getJobID()
                + "; Ctrl-C stops it (a new run continues after the last committed backup)");
        JobWatch watch = new JobWatch(job, env.getConfiguration(),
                ProgressLine.forTerminal(json, this.spec.commandLine().getErr()), spec.connection().hosts(),
                spec.destination());
        while (!job.getJobStatus().get().isTerminalState()) {
            Thread.sleep(1000);
            watch.poll();
            for (Catalog.CatalogEntry entry : catalog.list(spec.scan().namespace())) {
                if (entry.complete() && seen.add(entry.backupId())) {
                    BackupManifest m = entry.manifest();
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("backupId", m.backupId());
                    line.put("kind", m.kind());
                    line.put("records", m.recordCount());
                    line.put("coveredUntil", java.time.Instant.ofEpochMilli(m.coverageEndMillis()).toString());
                    out().println(json ? JsonOutput.write(line) : String.format("committed %s %s: %,d records,"
                            + " covered until %s", m.kind(), m.backupId(), m.recordCount(), line.get("coveredUntil")));
                }
            }
        }
        watch.await(() -> { });
        return ExitCodes.OK;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
