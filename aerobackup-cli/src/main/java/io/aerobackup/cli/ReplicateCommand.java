package io.aerobackup.cli;

import io.aerobackup.execution.JobWatch;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.replicate.ReplicateJobOptions;
import io.aerobackup.job.replicate.ReplicationRunner;
import io.aerobackup.job.replicate.ReplicationSpec;
import io.aerobackup.job.replicate.ReplicationStatus;
import io.aerobackup.job.replicate.StatusLocation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code aerobackup replicate}: keeps a standby cluster current with the source (what Community
 * Edition has no XDR for), on a local Flink mini-cluster: a full copy, then every interval the
 * changes and deletes since. Prints a line per applied round until stopped (Ctrl-C; the job is
 * cancelled, and a new run starts with a full copy again: for a resumable run, submit
 * {@code io.aerobackup.job.ReplicateJob} to a Flink cluster and stop it with a savepoint).
 */
@Command(name = "replicate", mixinStandardHelpOptions = true, defaultValueProvider = ReplicateCommand.Defaults.class,
        description = {"Replicates a namespace to another cluster: a full copy, then the changes and deletes of each"
                + " round, applied exactly once; the destination keeps the newer version of a record (docs/REPLICATION.md).",
            "Runs until stopped. The same job runs on a Flink cluster: flink run -c io.aerobackup.job.ReplicateJob <jar>"
                + " <same options>; `aerobackup status` shows its lag."})
public final class ReplicateCommand implements Callable<Integer> {
    private static final long CANCEL_WAIT_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptionsMixin source;

    @Mixin
    DestinationOptionsMixin destination;

    @Mixin
    ParallelismMixin parallelism;

    @Mixin
    ParquetFileOptionsMixin files;

    @Mixin
    EncryptionOptionsMixin encryption;

    @Mixin
    RestartOptionsMixin restarts;

    @ParentCommand
    AerobackupCli root;

    @Option(names = "--namespace", required = true, paramLabel = "NS[,DST_NS]",
            description = "Namespace to replicate, and optionally the destination's namespace (default: the same).")
    String namespace;

    @Option(names = "--set", split = ",", paramLabel = "SET", description = "Set(s) to replicate (default: all).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "SECONDS",
            description = "Rounds start this far apart (default ${DEFAULT-VALUE}).")
    long intervalSeconds;

    @Option(names = "--checkpoint-interval", paramLabel = "SECONDS",
            description = "A round counts as applied on the first checkpoint after it (default ${DEFAULT-VALUE}).")
    long checkpointSeconds;

    @Option(names = "--clock-skew-margin", paramLabel = "SECONDS",
            description = "Round windows overlap by this much, so node clock skew loses nothing (default ${DEFAULT-VALUE}).")
    long skewMarginSeconds;

    @Option(names = "--backup-to", paramLabel = "URI",
            description = "Also commit every round to this catalog as the change feed does: one job, a standby and backups.")
    String backupTo;

    @Option(names = "--status-to", paramLabel = "URI", description = "Where the job writes its status after every"
            + " applied round (default: <backup-to>/_replication/<ns>-to-<dst>.json, or"
            + " ~/.aerobackup/replication/<ns>-to-<dst>.json).")
    String statusTo;

    @Option(names = "--batch-size", description = "Records per batch write to the destination (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-in-flight", description = "Batches in flight per writer (default ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--max-retries", description = "Retries of a failed partition scan or a transient write error.")
    int maxRetries;

    @Option(names = "--ignore-record-errors", split = ",", paramLabel = "CODE",
            description = "Result codes to count and skip instead of failing, e.g. 13 (record too big).")
    List<Integer> ignoredCodes = new ArrayList<>();

    @Option(names = "--durable-deletes",
            description = "Apply deletes as durable deletes (Enterprise Edition; on by itself when the destination is one).")
    boolean durableDeletes;

    @Option(names = "--socket-timeout", paramLabel = "MS", description = "Socket timeout of the source's scans.")
    long socketTimeoutMs;

    @Option(names = "--total-timeout", paramLabel = "MS", description = "Total timeout of a source scan (0: none).")
    long totalTimeoutMs;

    @Option(names = "--write-timeout", paramLabel = "MS",
            description = "Total timeout of one batch to the destination (0: the client's default).")
    long writeTimeoutMs;

    @Option(names = "--json", description = "Print each applied round as a JSON line.")
    boolean json;

    /** The defaults of {@link ReplicateJobOptions#ALL}, which {@code flink run ... ReplicateJob} reads too. */
    public static final class Defaults extends ConfigOptionDefaults {
        public Defaults() {
            super(ReplicateJobOptions.ALL);
        }
    }

    @Override
    public Integer call() throws Exception {
        Configuration config = GivenOptions.of(spec, ReplicateJobOptions.ALL);
        ReplicationSpec replication = ReplicateJobOptions.toSpec(withDefaultStatus(config));
        StreamExecutionEnvironment env = LocalFlink.environment(root.flinkConfiguration(),
                RestartPolicy.from(config).flinkConfiguration(true));
        JobClient job = ReplicationRunner.start(env, replication);
        PrintWriter out = spec.commandLine().getOut();
        out.println("replicating namespace " + replication.scan().namespace() + " to " + replication.destinationNamespace()
                + " at " + replication.destination().hosts() + " as Flink job " + job.getJobID()
                + "; status in " + replication.statusTo() + "; Ctrl-C stops it");
        out.flush();
        try {
            follow(replication, env, job, out);
        } catch (InterruptedException e) {
            // Stopped from this JVM (tests, an embedding program): the local job must not outlive the command.
            job.cancel().get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            throw e;
        }
        return ExitCodes.OK;
    }

    /** A local run without --status-to or --backup-to keeps its status in the home folder (the job's own default is none). */
    private static Configuration withDefaultStatus(Configuration config) {
        if (config.get(ReplicateJobOptions.STATUS_TO) != null || config.get(ReplicateJobOptions.BACKUP_TO) != null
                || config.get(ReplicateJobOptions.NAMESPACE) == null) {
            return config;
        }
        ReplicateJobOptions.Namespaces namespaces = ReplicateJobOptions.namespaces(
                config.get(ReplicateJobOptions.NAMESPACE));
        Configuration completed = new Configuration(config);
        completed.set(ReplicateJobOptions.STATUS_TO, StatusLocation.inHome(namespaces.source(), namespaces.destination()));
        return completed;
    }

    /** Prints each applied round from the status file until the job ends; a failure ends the command with its cause. */
    private void follow(ReplicationSpec replication, StreamExecutionEnvironment env, JobClient job, PrintWriter out)
            throws Exception {
        JobWatch watch = new JobWatch(job, env.getConfiguration(),
                ProgressLine.forTerminal(json, spec.commandLine().getErr()), replication.source().hosts(),
                replication.backupTo());
        Path statusFile = new Path(replication.statusTo());
        long lastPrinted = -1;
        long startedAt = System.currentTimeMillis();
        while (!job.getJobStatus().get().isTerminalState()) {
            Thread.sleep(1000);
            watch.poll();
            ReplicationStatus status = current(statusFile, startedAt);
            if (status != null && status.lastRound() != lastPrinted) {
                lastPrinted = status.lastRound();
                out.println(json ? JsonOutput.write(StatusCommand.summary(status, System.currentTimeMillis()))
                        : StatusCommand.roundLine(status));
                out.flush();
            }
        }
        watch.await(() -> { });
    }

    /** This run's status (a file left by an earlier run is older than this one's start), or null. */
    private static ReplicationStatus current(Path statusFile, long startedAt) {
        try {
            if (!statusFile.getFileSystem().exists(statusFile)) {
                return null;
            }
            ReplicationStatus status = ReplicationStatus.read(statusFile);
            return status.updatedAtMillis() >= startedAt ? status : null;
        } catch (IOException e) {
            return null; // being replaced right now: the next look finds it
        }
    }
}
