package io.aerobackup.cli;

import io.aerobackup.catalog.retention.Durations;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.estimate.Advice;
import io.aerobackup.estimate.ByteSizes;
import io.aerobackup.estimate.Estimate;
import io.aerobackup.estimate.EstimateReport;
import io.aerobackup.estimate.EstimateRequest;
import io.aerobackup.estimate.Estimator;
import io.aerobackup.estimate.Goals;
import io.aerobackup.estimate.StrategyAdvisor;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code aerobackup estimate}: measures D, B and T for a full backup, an incremental and a restore
 * on the user's own cluster, and recommends a strategy for the given RPO, RTO, storage and
 * retention. Only parses the options; {@link Estimator} measures, {@link StrategyAdvisor} advises,
 * {@link EstimateReport} prints.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = EstimateCommand.Defaults.class,
        description = {"Estimates backup and restore times (T = D / B) on this cluster and recommends a strategy.",
            "Reads record counts and sizes from the namespace (or set) statistics, samples --sample records as the"
                + " backup reads them (spread over the partitions) and writes them through the backup's Parquet writer"
                + " to measure bytes per record. B is modelled from whole partitions read and written the same way"
                + " (x the parallelism). A restore's B is measured by writing the sampled records with a restore's"
                + " batches in flight into a scratch set of the target namespace under new keys and deleting them"
                + " again (--no-write-test: a"
                + " ratio of the backup's B instead). The change rate is measured against the latest backup under --to,"
                + " or given with --change-rate.",
            "With --rpo/--rto/--max-storage/--retention it recommends full only, full + incrementals, cumulative"
                + " incrementals or the continuous change feed, a full schedule (cron, UTC) and event triggers, says"
                + " why with the numbers, and names every goal that cannot be met.",
            "Durations: 30s, 15m, 4h, 1d, 2w, 1d12h. Sizes: 500G, 2TiB, 1.5T (powers of 1024)."})
public final class EstimateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptionsMixin connection;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Namespace to estimate.")
    String namespace;

    @Option(names = "--set", split = ",", paramLabel = "SET", description = "Set(s) to estimate (default: the whole namespace).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--sample", defaultValue = "10000", paramLabel = "N",
            description = "Records to sample (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--to", paramLabel = "URI",
            description = "Catalog root: the change rate is measured as the records updated since its latest backup.")
    String to;

    @Option(names = "--change-rate", paramLabel = "PERCENT_PER_DAY",
            description = "Records updated per day, in % (default: measured with --to, else assumed "
                    + EstimateRequest.ASSUMED_CHANGE_PERCENT + ").")
    Double changeRate;

    @Option(names = "--no-write-test", description = "Do not write to the cluster; a restore's B is --restore-ratio x the backup's.")
    boolean noWriteTest;

    @Option(names = "--write-test-records", defaultValue = "30000", paramLabel = "N",
            description = "Records each round of the write test writes: the sampled ones, reused under new keys (default: ${DEFAULT-VALUE}).")
    int writeTestRecords;

    @Option(names = "--restore-namespace", paramLabel = "NS",
            description = "Namespace the write test writes its scratch set into (default: --namespace).")
    String restoreNamespace;

    @Option(names = "--restore-ratio", defaultValue = "0.5", paramLabel = "RATIO",
            description = "With --no-write-test: a restore's B as this fraction of the backup's (default: ${DEFAULT-VALUE}).")
    double restoreRatio;

    @Option(names = "--rpo", paramLabel = "DURATION",
            description = "Recovery point objective: the most recent writes you may lose (default for the advice: 1d).")
    String rpo;

    @Option(names = "--rto", paramLabel = "DURATION", description = "Recovery time objective: the longest a restore may take.")
    String rto;

    @Option(names = "--max-storage", paramLabel = "SIZE", description = "Space the backups may take at the destination.")
    String maxStorage;

    @Option(names = "--retention", paramLabel = "DURATION", description = "How long backups are kept (default for the advice: 7d).")
    String retention;

    @Option(names = "--run-overhead", defaultValue = "3", paramLabel = "SECONDS",
            description = "Fixed cost of each backup or restore run: JVM and job start, checks, commit (default: ${DEFAULT-VALUE}).")
    long runOverheadSeconds;

    @Option(names = "--parallelism", defaultValue = "0", paramLabel = "N",
            description = "Parallelism the backups and restores will run with (0, the default: theirs, the cores).")
    int parallelism;

    @Option(names = "--socket-timeout", paramLabel = "MS", description = "Socket timeout of the scans.")
    long socketTimeoutMs;

    @Option(names = "--json", description = "Print every figure and the advice as JSON.")
    boolean json;

    /** The options an estimate shares with a backup: the connection's and the scans' socket timeout. */
    static final List<ConfigOption<?>> OPTIONS = Stream.concat(ConnectionOptions.OPTIONS.stream(),
            Stream.of(ScanOptions.SOCKET_TIMEOUT)).toList();

    /** The defaults of {@link #OPTIONS}. */
    public static final class Defaults extends ConfigOptionDefaults {
        public Defaults() {
            super(OPTIONS);
        }
    }

    @Override
    public Integer call() throws Exception {
        Goals goals = goals();
        EstimateRequest request = request();
        Estimate estimate = Estimator.run(request);
        Advice advice = StrategyAdvisor.advise(estimate.figures(), goals);
        EstimateReport report = new EstimateReport(estimate, goals, advice);
        if (json) {
            spec.commandLine().getOut().println(JsonOutput.write(report.json()));
            spec.commandLine().getOut().flush();
        } else {
            report.print(spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    /** Validates the goals first: a malformed one fails before the cluster is touched. */
    Goals goals() {
        return new Goals(positive("--rpo", rpo), positive("--rto", rto),
                maxStorage == null ? null : ByteSizes.parse("--max-storage", maxStorage), positive("--retention", retention));
    }

    private EstimateRequest request() {
        if (sample < 1) {
            throw new IllegalArgumentException("--sample must be at least 1, was " + sample);
        }
        if (changeRate != null && (changeRate < 0 || changeRate.isNaN() || changeRate.isInfinite())) {
            throw new IllegalArgumentException("--change-rate must be 0 or more % per day, was " + changeRate);
        }
        if (!(restoreRatio > 0)) {
            throw new IllegalArgumentException("--restore-ratio must be above 0, was " + restoreRatio);
        }
        if (writeTestRecords < 1) {
            throw new IllegalArgumentException("--write-test-records must be at least 1, was " + writeTestRecords);
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism must be 0 or more, was " + parallelism);
        }
        if (runOverheadSeconds < 0) {
            throw new IllegalArgumentException("--run-overhead must be 0 or more, was " + runOverheadSeconds);
        }
        Configuration config = GivenOptions.of(spec, OPTIONS);
        ConnectionOptions connection = ConnectionOptions.from(config);
        return new EstimateRequest(connection, namespace, List.copyOf(sets), sample, to, changeRate,
                noWriteTest ? 0 : writeTestRecords, restoreRatio, restoreNamespace != null ? restoreNamespace : namespace,
                Duration.ofSeconds(runOverheadSeconds), Duration.ofMillis(config.get(ScanOptions.SOCKET_TIMEOUT)),
                parallelism);
    }

    private static Duration positive(String option, String value) {
        if (value == null) {
            return null;
        }
        Duration d = Durations.parse(option, value);
        if (d.isZero()) {
            throw new IllegalArgumentException(option + " must be longer than 0");
        }
        return d;
    }
}
