package io.aerobackup.metrics;

import io.aerobackup.cli.CliTestSupport;
import io.aerobackup.cli.ExitCodes;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.demo.SampleData;
import io.aerobackup.job.changefeed.ChangeFeedRunner;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import io.aerobackup.testutils.PrometheusScrape;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus reporter of conf/config.yaml serves aerobackup's metrics (docs/METRICS.md) while
 * the jobs run. No MiniClusterExtension on purpose: the command line starts its own local cluster
 * with the reporter, as {@code bin/aerobackup backup -D metrics.reporter...} does. A finished job's
 * metrics leave the endpoint, so the jobs are rate-limited and scraped while they run.
 */
class PrometheusMetricsITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private static final int RECORDS = 600;

    @TempDir
    Path temp;

    @Test
    void backupAndRestoreServeTheirMetricsWhileTheyRun() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("prom");
        SampleData.load(CLUSTER.client(), "test", List.of(set), RECORDS, 7);
        String catalog = temp.resolve("catalog").toString();
        int port = freePort();

        StringWriter backupErr = new StringWriter();
        Future<Integer> backup = CompletableFuture.supplyAsync(() -> CliTestSupport.cli(backupErr,
                withReporter(port, "backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set,
                        "--to", catalog, "--parallelism", "1", "--records-per-second", "300")));
        PrometheusScrape scan = PrometheusScrape.lastWhile(backup, port, "_aerobackup_recordsRead",
                "_aerobackup_partitionsTotal", "_aerobackup_partitionsDone", "_aerobackup_binBytesRead");
        assertThat(backup.get()).as(backupErr.toString()).isEqualTo(ExitCodes.OK);
        assertThat(scan).as("no scrape while the backup ran").isNotNull();
        assertThat(scan.max("_aerobackup_partitionsTotal")).as(scan.toString()).isEqualTo(4096);
        assertThat(scan.sum("_aerobackup_partitionsDone")).as(scan.toString()).isBetween(1.0, 4096.0);
        assertThat(scan.sum("_aerobackup_recordsRead")).as(scan.toString()).isBetween(1.0, (double) RECORDS);
        assertThat(scan.sum("_aerobackup_binBytesRead")).as(scan.toString()).isPositive();

        StringWriter restoreErr = new StringWriter();
        Future<Integer> restore = CompletableFuture.supplyAsync(() -> CliTestSupport.cli(restoreErr,
                withReporter(port, "restore", "--from", catalog, "--namespace", "test,restore", "--hosts",
                        CLUSTER.hosts(), "--parallelism", "1", "--records-per-second", "300")));
        PrometheusScrape write = PrometheusScrape.lastWhile(restore, port, "_aerobackup_recordsWritten",
                "_aerobackup_binBytesWritten", "_aerobackup_filesVerified", "_aerobackup_recordsFailed",
                "_aerobackup_recordsSkipped", "_aerobackup_skipped_generation", "_aerobackup_skipped_exists");
        assertThat(restore.get()).as(restoreErr.toString()).isEqualTo(ExitCodes.OK);
        assertThat(write).as("no scrape while the restore ran").isNotNull();
        assertThat(write.sum("_aerobackup_recordsWritten")).as(write.toString()).isBetween(1.0, (double) RECORDS);
        assertThat(write.sum("_aerobackup_binBytesWritten")).as(write.toString()).isPositive();
        assertThat(write.max("_aerobackup_filesVerified")).as(write.toString()).isGreaterThanOrEqualTo(1);
        assertThat(write.sum("_aerobackup_recordsFailed")).as(write.toString()).isZero();
        assertThat(write.has("_aerobackup_recordsSkipped")).as(write.toString()).isTrue();
        assertThat(write.has("_aerobackup_skipped_generation")).as(write.toString()).isTrue();
        assertThat(write.has("_aerobackup_skipped_exists")).as(write.toString()).isTrue();
    }

    @Test
    void theChangeFeedServesItsLagAndCommittedRounds() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("promfeed");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 50, 8);
        int port = freePort();
        BackupSpec spec = BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set))
                .build(), temp.resolve("feed").toString(), 1, Duration.ofMillis(200));
        ChangeFeedOptions feed = new ChangeFeedOptions(spec.destination(), Duration.ofMillis(300), Duration.ZERO,
                false, FullSnapshotTriggers.none(), Clock.systemUTC());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(reporter(port));
        JobClient job = ChangeFeedRunner.start(env, spec, feed, UnaryOperator.identity());
        try {
            PrometheusScrape scrape = awaitScrape(port, s -> s.sum("_aerobackup_roundsCommitted") >= 2, job);
            assertThat(scrape.sum("_aerobackup_recordsCommitted")).as(scrape.toString()).isGreaterThanOrEqualTo(50);
            assertThat(scrape.sum("_aerobackup_fileBytesCommitted")).as(scrape.toString()).isPositive();
            // The covered time T trails now by about a round and the clock-skew margin (zero here).
            assertThat(scrape.max("_aerobackup_changeFeedLagMillis")).as(scrape.toString()).isBetween(0.0, 30_000.0);
            assertThat(scrape.max("_aerobackup_partitionsTotal")).as(scrape.toString()).isEqualTo(4096);
        } finally {
            job.cancel().get();
        }
    }

    /** Waits (up to 30 s) for a scrape that satisfies {@code done}. */
    private static PrometheusScrape awaitScrape(int port, Predicate<PrometheusScrape> done, JobClient job)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        PrometheusScrape last = null;
        while (System.currentTimeMillis() < deadline) {
            PrometheusScrape now = PrometheusScrape.fetch(port);
            if (now != null) {
                last = now;
                if (done.test(now)) {
                    return now;
                }
            }
            assertThat(job.getJobStatus().get().isTerminalState()).as("the change feed ended").isFalse();
            Thread.sleep(100);
        }
        throw new AssertionError("timed out; last scrape: " + last);
    }

    /** The reporter settings of conf/config.yaml, on {@code port} instead of the shipped range. */
    private static Configuration reporter(int port) {
        Configuration shipped = GlobalConfiguration.loadConfiguration(Path.of("conf").toAbsolutePath().toString());
        Configuration reporter = new Configuration();
        shipped.toMap().forEach((key, value) -> {
            if (key.startsWith("metrics.reporter.")) {
                reporter.setString(key, value);
            }
        });
        assertThat(reporter.toMap()).as("conf/config.yaml configures a Prometheus reporter")
                .containsEntry("metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .containsKey("metrics.reporter.prom.port");
        reporter.setString("metrics.reporter.prom.port", String.valueOf(port));
        return reporter;
    }

    /** The command line with the reporter passed as -D options, as a user would. */
    private static String[] withReporter(int port, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        for (Map.Entry<String, String> e : reporter(port).toMap().entrySet()) {
            all.add("-D");
            all.add(e.getKey() + "=" + e.getValue());
        }
        return all.toArray(String[]::new);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
