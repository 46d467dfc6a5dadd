package io.aerobackup.cli;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.query.PartitionFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.demo.SampleData;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code aerobackup estimate} against a 3-node embedded cluster (statistics are summed over the nodes): its figures agree with a real backup's
 * manifest, the change rate is measured against that backup, the write test leaves nothing behind,
 * and bad input is exit code 2 naming the input.
 */
class EstimateCommandITCase {
    /** Sizes of a sample against the whole set, on SampleData's uniformly drawn records. */
    private static final double SIZE_TOLERANCE = 0.20;
    private static final int RECORDS = 3000;
    /** Records of the B/T prediction test, and how far the estimate may be off (a factor, either way). */
    private static final int PREDICTED_RECORDS = 200_000;
    private static final double TIME_TOLERANCE = 2.5;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theEstimateAgreesWithARealBackupAndMeasuresTheChangesSinceIt() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("estimate");
        load(List.of(set), RECORDS, 7);
        String root = temp.resolve("cat").toString();

        assertThat(run("estimate", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set,
                "--sample", "1000", "--rpo", "1h", "--rto", "4h", "--json")).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode estimate = new ObjectMapper().readTree(out.toString());
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--to", root,
                "--parallelism", "1")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest manifest = new Catalog(new org.apache.flink.core.fs.Path(root)).latest("test").orElseThrow();

        assertThat(estimate.get("records").asLong()).isEqualTo(manifest.recordCount()).isEqualTo(RECORDS);
        assertThat(estimate.at("/sample/records").asInt()).isEqualTo(1000);
        assertThat(estimate.at("/full/dBytes").asDouble())
                .isCloseTo(manifest.binBytes(), within(manifest.binBytes() * SIZE_TOLERANCE));
        assertThat(estimate.at("/full/outputBytes").asDouble())
                .isCloseTo(manifest.fileBytes(), within(manifest.fileBytes() * SIZE_TOLERANCE));
        assertThat(estimate.at("/full/bRecordsPerSecond").asDouble()).isPositive();
        assertThat(estimate.at("/full/tSeconds").asDouble()).isPositive();
        assertThat(estimate.at("/incremental/windowSeconds").asLong()).isPositive();
        assertThat(estimate.at("/restore/measured").asBoolean()).isTrue();
        assertThat(estimate.at("/restore/bRecordsPerSecond").asDouble()).isPositive();
        assertThat(estimate.at("/changeRate/source").asText()).startsWith("assumed");
        assertThat(estimate.at("/goals/rpoSeconds").asDouble()).isEqualTo(3600.0);
        assertThat(estimate.at("/advice/strategy").asText()).isIn("FULL_ONLY", "INCREMENTAL", "CUMULATIVE", "CHANGE_FEED");
        assertThat(estimate.at("/advice/fullCron").asText()).isNotBlank();
        assertThat(estimate.at("/advice/triggers/usedSpacePercent").asInt()).isBetween(1, 100);
        assertThat(estimate.at("/advice/reasons").size()).isPositive();
        assertThat(estimate.at("/advice/unmet").isArray()).isTrue();
        assertThat(objectsIn(estimate.at("/restore/scratchSet").asText())).as("the write test cleans up").isZero();

        com.aerospike.client.policy.WritePolicy patient = new com.aerospike.client.policy.WritePolicy();
        patient.totalTimeout = 10_000;
        for (int i = 0; i < 300; i++) {
            CLUSTER.client().put(patient, SampleData.key("test", set, i), new Bin("id", -i));
        }
        assertThat(run("estimate", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--sample", "200",
                "--to", root, "--no-write-test", "--json")).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode second = new ObjectMapper().readTree(out.toString());
        assertThat(second.at("/changeRate/changedSinceLastBackup").asLong()).isEqualTo(300);
        assertThat(second.at("/changeRate/source").asText()).startsWith("measured").contains(manifest.backupId());
        assertThat(second.at("/restore/measured").asBoolean()).isFalse();
        assertThat(second.at("/restore/source").asText()).contains("--no-write-test");
        // With a full backup in the catalog, B is what that backup job achieved, not the sample's rate.
        double seconds = java.time.Duration.between(java.time.Instant.parse(manifest.startedAt()),
                java.time.Instant.parse(manifest.finishedAt())).toMillis() / 1000.0;
        assertThat(second.at("/full/source").asText()).contains("measured by full backup " + manifest.backupId());
        assertThat(second.at("/full/bRecordsPerSecond").asDouble())
                .isCloseTo(manifest.recordCount() / seconds, within(manifest.recordCount() / seconds * 0.01));
        assertThat(estimate.at("/full/source").asText()).as("without --to, the model").startsWith("modelled");
    }

    /**
     * Without a catalog, B and T come from the probe and the model, not from a past run: they must
     * predict the backup that follows within {@link #TIME_TOLERANCE}. 200,000 records make the run
     * long enough (a few seconds) for the per-record cost, not the start-up, to dominate both the
     * estimate and the backup; a factor of 2.5 holds on a loaded 2-core machine where the embedded
     * servers, the probe and the job share the cores and one JVM, and timings vary by +-50 %.
     * Both run with parallelism 1 (the test's Flink cluster has one slot); in-process a run starts
     * no JVM and no Flink cluster, so its overhead (a tenth of a second) is left out: --run-overhead 0.
     */
    @Test
    void withoutACatalogTheEstimatedBAndTPredictTheBackup() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("estimate_bt");
        load(List.of(set), PREDICTED_RECORDS, 11);
        assertThat(run("estimate", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set,
                "--parallelism", "1", "--run-overhead", "0", "--no-write-test", "--json"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode estimate = new ObjectMapper().readTree(out.toString());
        assertThat(estimate.at("/full/source").asText()).startsWith("modelled");
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set,
                "--to", temp.resolve("bt").toString(), "--parallelism", "1")).as(err.toString()).isEqualTo(ExitCodes.OK);
        java.util.regex.Matcher measured = java.util.regex.Pattern
                .compile("T = ([0-9.]+) s end to end \\(of which the Flink job(?:, commit included,)? ran ([0-9.]+) s").matcher(out.toString());
        assertThat(measured.find()).as(out.toString()).isTrue();
        double measuredT = Double.parseDouble(measured.group(1));
        double measuredB = PREDICTED_RECORDS / Double.parseDouble(measured.group(2));
        double estimatedT = estimate.at("/full/tSeconds").asDouble();
        double estimatedB = estimate.at("/full/bRecordsPerSecond").asDouble();
        String figures = String.format("estimated B %.0f rec/s, T %.2f s; measured B %.0f rec/s (job), T %.2f s",
                estimatedB, estimatedT, measuredB, measuredT);
        System.out.println("estimate against the backup: " + figures);
        assertThat(estimatedB / measuredB).as(figures).isBetween(1 / TIME_TOLERANCE, TIME_TOLERANCE);
        assertThat(estimatedT / measuredT).as(figures).isBetween(1 / TIME_TOLERANCE, TIME_TOLERANCE);
    }

    @Test
    void theTextReportShowsDBAndTAndTheAdvice() {
        String a = AerospikeTestCluster.uniqueSet("estimate_a");
        String b = AerospikeTestCluster.uniqueSet("estimate_b");
        load(List.of(a, b), 300, 3);
        assertThat(run("estimate", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", a + "," + b,
                "--sample", "100", "--rto", "1s", "--no-write-test")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains(": 300 records").contains("Sample: 100 records").contains("full backup").contains("restore of a full").contains("Advice:")
                .contains("Why:").contains("Goals: RPO 1d (default), RTO 1s").contains("aerobackup prune --to ROOT")
                .contains("Goals that cannot be met").contains("RTO 1s is below");
    }

    @Test
    void theSampleResumesEachRangeUntilItIsFullAndNeverRepeatsARecord() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("estimate_sample");
        load(List.of(set), 300, 5);
        for (int size : new int[] {290, 500}) {
            io.aerobackup.estimate.Sample sample = io.aerobackup.estimate.Sampler.take(CLUSTER.client(), "test",
                    List.of(set), size, 300, java.time.Duration.ofSeconds(10));
            assertThat(sample.size()).isEqualTo(Math.min(size, 300));
            assertThat(sample.rows().stream().map(io.aerobackup.record.BackupRecord::digestHex).distinct().count())
                    .isEqualTo(sample.size());
        }
    }

    @Test
    void badInputIsExitCodeTwoNamingTheInput() {
        String hosts = CLUSTER.hosts();
        assertThat(run("estimate", "--hosts", hosts, "--namespace", "nosuch")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("namespace 'nosuch' not found");
        assertThat(run("estimate", "--hosts", hosts, "--namespace", "test", "--set", "nosuchset")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("set 'nosuchset' not found");
        assertThat(run("estimate", "--hosts", hosts, "--namespace", "test", "--rpo", "an hour")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--rpo 'an hour' is not a duration");
        assertThat(run("estimate", "--hosts", hosts, "--namespace", "test", "--max-storage", "lots")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--max-storage 'lots' is not a size");
        assertThat(run("estimate", "--hosts", "127.0.0.1:1", "--connect-timeout", "1000", "--namespace", "test"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("127.0.0.1:1").contains("--hosts");
        assertThat(run("estimate", "--hosts", hosts, "--namespace", "test", "--to", temp.resolve("none").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--to").contains("does not exist");
    }

    /**
     * SampleData's puts have a 1 s total timeout; on a machine shared with other builds one can time
     * out. The load is idempotent (same keys, same values), so it is simply run again.
     */
    private static void load(List<String> sets, int count, long seed) {
        for (int attempt = 1; ; attempt++) {
            try {
                SampleData.load(CLUSTER.client(), "test", sets, count, seed);
                return;
            } catch (com.aerospike.client.AerospikeException.Timeout e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static long objectsIn(String set) {
        AtomicLong n = new AtomicLong();
        CLUSTER.client().scanPartitions(null, PartitionFilter.all(), "test", set, (Key k, com.aerospike.client.Record r) -> n.incrementAndGet());
        return n.get();
    }
}
