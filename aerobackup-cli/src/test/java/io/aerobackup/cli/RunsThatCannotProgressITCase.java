package io.aerobackup.cli;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.demo.SampleData;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.FailingFileSystem;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A run that cannot make progress ends within bounded time with exit code 1 and its cause in one
 * line, says so while Flink restarts it, and leaves no manifest (list shows the backup incomplete).
 * Each run gets one restart with a short delay so the suite stays fast; the bound asserted is what
 * a user with the defaults would wait for, scaled to these settings.
 */
class RunsThatCannotProgressITCase {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String[] ONE_QUICK_RESTART = {"--restart-attempts", "1", "--restart-delay", "1",
        "--max-retries", "1", "--parallelism", "1"};

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    @TempDir
    java.nio.file.Path temp;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    /** Runs the command line, keeping its output and errors. */
    private int cli(String... args) {
        picocli.CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theClusterGoingAwayForGoodEndsTheBackupWithItsCause() throws Exception {
        assumeTrue(CLUSTER.isEmbedded(), "stops the embedded server");
        EmbeddedAerospike server = EmbeddedAerospike.builder().build().start();
        String hosts = server.hosts();
        load(hosts, 20_000);
        String to = temp.resolve("gone").toString();
        CompletableFuture<Integer> run = backupAsync(hosts, to, "--records-per-second", "4000");
        waitForDataUnder(to);
        server.close();
        assertEnds(run, ExitCodes.RUN_FAILED);
        assertThat(err.toString()).contains("cannot reach the cluster at " + hosts)
                .contains("the job failed and restarts (restart 1 of 1)").contains("hint: ");
        assertIncomplete(to);
    }

    @Test
    void aFullDiskEndsTheBackupWithItsCause() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("full");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 5_000, 7);
        String to = FailingFileSystem.root("nospace", 100_000, temp.resolve("small"));
        CompletableFuture<Integer> run = backupAsync(CLUSTER.hosts(), to, "--set", set, "--json");
        assertEnds(run, ExitCodes.RUN_FAILED);
        assertThat(err.toString()).contains("no space left on device writing under " + to)
                .contains("the job failed and restarts (restart 1 of 1)");
        assertThat(out.toString()).contains("\"error\"").contains("no space left on device")
                .contains("\"restarts\" : 1");
        assertIncomplete(to);
    }

    @Test
    void theChangeFeedEndsWhenItFailsFasterThanItsFailureRateAllows() throws Exception {
        assumeTrue(CLUSTER.isEmbedded(), "stops the embedded server");
        EmbeddedAerospike server = EmbeddedAerospike.builder().build().start();
        load(server.hosts(), 20_000);
        String to = temp.resolve("feed").toString();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli("backup", "--hosts", server.hosts(),
                "--namespace", "test", "--to", to, "--continuous", "--interval", "1", "--checkpoint-interval", "1",
                "--records-per-second", "4000", "--max-failures", "1", "--failure-interval", "10",
                "--restart-delay", "1", "--max-retries", "1", "--parallelism", "1"));
        waitForDataUnder(to);
        server.close();
        assertEnds(run, ExitCodes.RUN_FAILED);
        assertThat(err.toString()).contains("the job failed and restarts (restart 1)")
                .contains("cannot reach the cluster at " + server.hosts());
    }

    @Test
    void aDestinationThatTurnsReadOnlyEndsTheBackupWithItsCause() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("ro");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 5_000, 8);
        String to = FailingFileSystem.root("readonly", 50_000, temp.resolve("ro"));
        CompletableFuture<Integer> run = backupAsync(CLUSTER.hosts(), to, "--set", set);
        assertEnds(run, ExitCodes.RUN_FAILED);
        assertThat(err.toString()).contains("permission denied writing under " + to).contains("Read-only file system");
        assertIncomplete(to);
    }

    @Test
    void aDestinationDeletedMidRunEndsTheBackupWithItsCause() throws Exception {
        assumeTrue(CLUSTER.isEmbedded(), "needs a server that paces the scan");
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().build().start()) {
            load(server.hosts(), 20_000);
            java.nio.file.Path root = temp.resolve("deleted");
            CompletableFuture<Integer> run = backupAsync(server.hosts(), root.toString(), "--records-per-second",
                    "4000", "--checkpoint-interval", "1");
            waitForCommittedFileUnder(root);
            org.apache.commons.io.FileUtils.deleteDirectory(root.toFile());
            assertEnds(run, ExitCodes.RUN_FAILED);
            // Either the job trips over its missing files, or the commit finds rows missing: never a manifest.
            assertThat(err.toString()).containsPattern("(a file or folder of the destination is gone writing under "
                    + java.util.regex.Pattern.quote(root.toString()) + "|files were deleted or changed while the backup ran)");
            assertThat(root.resolve("test")).as("nothing was committed").satisfiesAnyOf(
                    p -> assertThat(p).doesNotExist(),
                    p -> assertThat(java.nio.file.Files.walk(p).noneMatch(f -> f.endsWith("manifest.json"))).isTrue());
        }
    }

    @Test
    void aClusterThatAnswersNothingInTimeEndsTheBackupWithItsCause() throws Exception {
        assumeTrue(CLUSTER.isEmbedded(), "delays the embedded server's answers");
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().build().start()) {
            load(server.hosts(), 20_000);
            String to = temp.resolve("slow").toString();
            CompletableFuture<Integer> run = backupAsync(server.hosts(), to, "--records-per-second", "4000",
                    "--socket-timeout", "2000");
            waitForDataUnder(to);
            server.delayResponses(Duration.ofSeconds(10));
            assertEnds(run, ExitCodes.RUN_FAILED);
            // The client's cluster tending times out too, so the node may count as gone rather than slow.
            assertThat(err.toString()).containsPattern("(does not answer in time|cannot reach the cluster) at "
                    + server.hosts());
            assertIncomplete(to);
            server.clearFaults();
        }
    }

    @Test
    void unavailablePartitionsEndTheBackupWithItsCause() throws Exception {
        assumeTrue(CLUSTER.isEmbedded(), "fails the embedded server's answers");
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().build().start()) {
            load(server.hosts(), 20_000);
            String to = temp.resolve("unavailable").toString();
            CompletableFuture<Integer> run = backupAsync(server.hosts(), to, "--records-per-second", "4000");
            waitForDataUnder(to);
            server.failNext(Integer.MAX_VALUE, ResultCode.PARTITION_UNAVAILABLE);
            assertEnds(run, ExitCodes.RUN_FAILED);
            assertThat(err.toString()).contains("partitions of the namespace are unavailable");
            assertIncomplete(to);
            server.clearFaults();
        }
    }

    @Test
    void aRestoreTargetThatStopsWritesEndsTheRestoreWithItsCause() throws Exception {
        assumeTrue(CLUSTER.isEmbedded(), "fails the embedded server's answers");
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().build().start()) {
            load(server.hosts(), 5_000);
            String to = temp.resolve("restore").toString();
            assertThat(CliTestSupport.cli(err, "backup", "--hosts", server.hosts(), "--namespace", "test", "--to", to,
                    "--parallelism", "1")).as(err.toString()).isEqualTo(ExitCodes.OK);
            server.failNext(Integer.MAX_VALUE, ResultCode.SERVER_MEM_ERROR);
            long start = System.nanoTime();
            int code = CompletableFuture.supplyAsync(() -> CliTestSupport.cli(err, "restore", "--hosts",
                    server.hosts(), "--from", to, "--namespace", "test,restore", "--restart-attempts", "1",
                    "--restart-delay", "0.2", "--parallelism", "1")).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
            assertThat(err.toString()).contains("cannot take more writes");
            server.clearFaults();
        }
    }

    private CompletableFuture<Integer> backupAsync(String hosts, String to, String... extra) {
        String[] base = {"backup", "--hosts", hosts, "--namespace", "test", "--to", to};
        String[] args = new String[base.length + ONE_QUICK_RESTART.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(ONE_QUICK_RESTART, 0, args, base.length, ONE_QUICK_RESTART.length);
        System.arraycopy(extra, 0, args, base.length + ONE_QUICK_RESTART.length, extra.length);
        return CompletableFuture.supplyAsync(() -> cli(args));
    }

    private void assertEnds(CompletableFuture<Integer> run, int expectedCode) throws Exception {
        long start = System.nanoTime();
        int code = run.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(code).as(err.toString()).isEqualTo(expectedCode);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    private static void assertIncomplete(String root) throws Exception {
        Catalog catalog = new Catalog(new Path(root));
        List<Catalog.CatalogEntry> entries = catalog.list("test");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).complete()).as("no manifest after a failed run").isFalse();
    }

    private static void load(String hosts, int records) {
        try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(hosts, 3000))) {
            SampleData.load(client, "test", records, 5);
        }
    }

    /** Waits until a checkpoint has committed a data file of the backup. */
    private void waitForCommittedFileUnder(java.nio.file.Path root) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            java.nio.file.Path dir = root.resolve("test");
            if (java.nio.file.Files.isDirectory(dir)) {
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
                    if (files.anyMatch(f -> f.getFileName().toString().startsWith("part")
                            && f.getFileName().toString().endsWith(".parquet"))) {
                        return;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no data file was committed within 30 s: " + err);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the backup job has started writing (its backup folder exists). */
    private void waitForDataUnder(String root) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(root, "test");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(java.nio.file.Files.isDirectory(dir) && java.nio.file.Files.list(dir).findAny().isPresent())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the backup did not start within 30 s: " + err);
            }
            Thread.sleep(50);
        }
        Thread.sleep(500);
    }
}
