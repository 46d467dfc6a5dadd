package io.aerobackup.cli;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.demo.SampleData;
import io.aerobackup.job.changefeed.ChangeFeedRunner;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.objectstore.ObjectStoreFileSystems;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import io.aerobackup.testutils.LocalS3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.aerobackup.catalog.Compacted;

import io.aerobackup.source.changefeed.ManualTriggerRequests;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups on object storage: every command against a real S3-compatible server (S3Proxy) through
 * Flink's S3 plugin, configured as a user does it (endpoint and path-style access with -D, credentials
 * in the environment); and a missing bucket or wrong credentials fail at once, naming bucket and
 * endpoint, with exit code 2 and nothing written.
 */
class ObjectStorageITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<JobClient> feeds = new ArrayList<>();

    @AfterEach
    void secretsNeverShowAndFeedsStop() throws Exception {
        for (JobClient feed : feeds) {
            if (!feed.getJobStatus().get().isTerminalState()) {
                feed.cancel().get();
            }
        }
        String secret = S3.environment().get("AWS_SECRET_ACCESS_KEY");
        assertThat(out.toString()).doesNotContain(secret);
        assertThat(err.toString()).doesNotContain(secret);
    }

    /** Runs the command line in an environment holding the server's credentials, with its -D options. */
    private int cli(String... args) {
        return cli(S3.environment(), args);
    }

    private int cli(Map<String, String> environment, String... args) {
        return cli(environment, S3.flinkOptions(), args);
    }

    private int cli(Map<String, String> environment, List<String> flinkOptions, String... args) {
        CommandLine cli = AerobackupCli.newCommandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(Stream.concat(Stream.of(args), flinkOptions.stream()).toArray(String[]::new));
    }

    private int backup(String to, String set, String... extra) {
        String[] base = {"backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--to", to,
            "--parallelism", "1", "--checkpoint-interval", "1"};
        return cli(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    @Test
    void fullAndIncrementalBackupsAreListedVerifiedRestoredAndPruned() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("s3");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 300, 5);
        String to = S3.uri("chain");
        Catalog catalog = new Catalog(new Path(to));

        assertThat(backup(to, set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest full = catalog.latest("test").orElseThrow();
        Thread.sleep(20);
        write(set, 0, 25, "changed-");
        assertThat(backup(to, set, "--incremental", "--clock-skew-margin", "0")).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        BackupManifest delta = catalog.latest("test").orElseThrow();
        assertThat(full.recordCount()).isEqualTo(300);
        assertThat(delta.kind()).isEqualTo(BackupManifest.DELTA);
        assertThat(delta.parentId()).isEqualTo(full.backupId());
        assertThat(delta.recordCount()).isEqualTo(25);

        assertThat(cli("list", "--from", to)).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains(full.backupId()).contains(delta.backupId()).doesNotContain("incomplete");
        assertThat(cli("verify", "--from", to)).as(err.toString() + out).isEqualTo(ExitCodes.OK);
        assertThat(cli("restore", "--from", to, "--namespace", "test,restore", "--hosts", CLUSTER.hosts(),
                "--parallelism", "1")).as(err.toString()).isEqualTo(ExitCodes.OK);
        Map<String, BackupRecord> source = BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(set));
        Map<String, BackupRecord> restored = BackupTestSupport.clusterRecords(CLUSTER.client(), "restore",
                List.of(set));
        assertThat(restored.keySet()).isEqualTo(source.keySet());
        source.forEach((digest, record) -> assertThat(restored.get(digest).bins())
                .containsExactlyInAnyOrderElementsOf(record.bins()));

        assertThat(backup(to, set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest newest = catalog.latest("test").orElseThrow();
        assertThat(cli("prune", "--to", to, "--namespace", "test", "--keep-last", "1")).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        assertThat(catalog.list("test")).extracting(Catalog.CatalogEntry::backupId)
                .containsExactly(newest.backupId());
    }

    @Test
    void compactExportAndTriggerWorkOnObjectStorage(@TempDir java.nio.file.Path local) throws Exception {
        String set = AerospikeTestCluster.uniqueSet("s3tools");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 120, 5);
        String to = S3.uri("tools");
        Catalog catalog = new Catalog(new Path(to));
        assertThat(backup(to, set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        Thread.sleep(20);
        write(set, 0, 15, "changed-");
        assertThat(backup(to, set, "--incremental", "--clock-skew-margin", "0")).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        BackupManifest delta = catalog.latest("test").orElseThrow();

        assertThat(cli("compact", "--to", to, "--namespace", "test", "--parallelism", "1")).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        BackupManifest compacted = catalog.latest("test").orElseThrow();
        assertThat(compacted.kind()).isEqualTo(BackupManifest.FULL);
        assertThat(compacted.options()).containsEntry(Compacted.FROM, delta.backupId());
        assertThat(compacted.recordCount()).as("the chain merged: every record of the set once")
                .isEqualTo(BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(set)).size());
        assertThat(cli("verify", "--from", to)).as(err.toString() + out).isEqualTo(ExitCodes.OK);

        java.nio.file.Path asb = local.resolve("asb");
        assertThat(cli("export-asb", "--from", to, "--namespace", "test", "--to", asb.toString()))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(asb)) {
            long bytes = files.mapToLong(f -> f.toFile().length()).sum();
            assertThat(bytes).as("asb files exported from object storage").isPositive();
        }

        assertThat(cli("trigger", "--to", to, "--namespace", "test", "--requested-by", "ci")).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        assertThat(ManualTriggerRequests.pending(new Path(to), "test")).singleElement()
                .satisfies(r -> assertThat(r.requestedBy()).isEqualTo("ci"));
    }

    @Test
    void theChangeFeedCommitsItsRoundsToObjectStorage() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("s3feed");
        write(set, 0, 50, "first-");
        String to = S3.uri("feed");
        ObjectStoreFileSystems.initialize(s3Configuration(), S3.environment(), true);
        BackupSpec spec = BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set))
                .build(), to, 1, Duration.ofMillis(300));
        ChangeFeedOptions feed = new ChangeFeedOptions(to, Duration.ofMillis(300), Duration.ZERO, false,
                FullSnapshotTriggers.none(), Clock.systemUTC());
        feeds.add(ChangeFeedRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(), spec, feed,
                UnaryOperator.identity()));
        awaitCommitted(to, list -> list.stream().anyMatch(m -> m.kind().equals(BackupManifest.FULL)));
        write(set, 0, 10, "second-");
        long written = System.currentTimeMillis();
        List<BackupManifest> chain = awaitCommitted(to, list -> list.stream().anyMatch(m -> m.recordCount() > 0
                && m.kind().equals(BackupManifest.DELTA) && m.windowToMillis() != null && m.windowToMillis() > written));
        assertThat(chain.stream().filter(m -> m.kind().equals(BackupManifest.DELTA)).mapToLong(
                BackupManifest::recordCount).sum()).isGreaterThanOrEqualTo(10);
        feeds.get(0).cancel().get();
        assertThat(cli("verify", "--from", to)).as(err.toString() + out).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aMissingBucketIsNamedWithItsEndpointAndNothingIsWritten() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("nobucket");
        write(set, 0, 5, "x");
        assertThat(backup("s3://no-such-bucket/x", set)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("bucket 'no-such-bucket' at endpoint " + S3.endpoint())
                .contains("does not exist").contains("create the bucket");
        assertThat(cli("list", "--from", "s3://no-such-bucket/x")).isEqualTo(ExitCodes.USAGE);
        assertThat(S3.bucketExists("no-such-bucket")).isFalse();
    }

    @Test
    void wrongCredentialsAreNamedWithTheBucketAndNothingIsWritten() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("denied");
        write(set, 0, 5, "x");
        Map<String, String> wrong = new HashMap<>(S3.environment());
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        String to = S3.uri("denied");
        assertThat(cli(wrong, "backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--to", to))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("access to bucket '" + LocalS3.BUCKET + "' at endpoint " + S3.endpoint())
                .contains("denied").contains("AWS_ACCESS_KEY_ID").doesNotContain("not-the-secret");
        assertThat(S3.holdsAnythingUnder("denied")).isFalse();
    }

    @Test
    void anEndpointThatRefusesConnectionsIsNamedAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        long start = System.nanoTime();
        assertThat(cli(S3.environment(), List.of("-Ds3.endpoint=" + endpoint, "-Ds3.path.style.access=true"), "list",
                "--from", S3.uri("x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot reach endpoint " + endpoint).contains("s3.endpoint");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }

    @Test
    void credentialsOnTheCommandLineAreRefused() {
        assertThat(cli("list", "--from", S3.uri("any"), "-Ds3.secret-key=typed-on-the-command-line"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("-Ds3.secret-key").contains("AWS_SECRET_ACCESS_KEY")
                .doesNotContain("typed-on-the-command-line");
    }

    private static Configuration s3Configuration() {
        Configuration config = new Configuration();
        config.setString("s3.endpoint", S3.endpoint());
        config.setString("s3.path.style.access", "true");
        return config;
    }

    private static void write(String set, int from, int to, String value) {
        for (int i = from; i < to; i++) {
            CLUSTER.client().put(null, new Key("test", set, i), new Bin("v", value + i));
        }
    }

    private static List<BackupManifest> awaitCommitted(String to, java.util.function.Predicate<List<BackupManifest>>
            done) throws Exception {
        Catalog catalog = new Catalog(new Path(to));
        long deadline = System.currentTimeMillis() + 30_000;
        List<BackupManifest> committed = List.of();
        while (System.currentTimeMillis() < deadline) {
            committed = catalog.list("test").stream().filter(Catalog.CatalogEntry::complete)
                    .map(Catalog.CatalogEntry::manifest).toList();
            if (done.test(committed)) {
                return committed;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out; committed: " + committed.stream().map(m -> m.kind() + " "
                + m.recordCount()).toList());
    }
}
