package io.aerobackup.job;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.demo.SampleData;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import io.aerobackup.testutils.JobJar;
import io.aerobackup.testutils.StandaloneFlinkCluster;
import io.aerobackup.testutils.StandaloneFlinkCluster.CliRun;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup and restore on a real standalone Flink 2.2 session cluster: a JobManager and two
 * TaskManagers as separate JVM processes ({@link StandaloneFlinkCluster}), the jobs submitted
 * detached with Flink's own command line ({@code flink run -d -c ... job.jar ...}, which uploads the
 * jar and the job graph through the REST API) from a process of its own, against the Aerospike
 * cluster of the test (embedded, or AEROSPIKE_HOSTS). The backup commits its manifest inside the
 * job; the test waits for it in the catalog, restores, and compares record by record.
 */
class FlinkClusterITCase {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final AerospikeTestCluster AEROSPIKE = AerospikeTestCluster.withNodes(2);

    @TempDir
    static java.nio.file.Path temp;

    private static StandaloneFlinkCluster flink;
    private static java.nio.file.Path jobJar;

    @BeforeAll
    static void startCluster() throws Exception {
        java.nio.file.Path runs = java.nio.file.Path.of("target", "flink-cluster").toAbsolutePath();
        deleteEarlierRuns(runs);
        java.nio.file.Path home = runs.resolve("run-" + System.currentTimeMillis());
        jobJar = JobJar.build(home.resolve("aerobackup-job.jar"));
        flink = StandaloneFlinkCluster.start(home, 2, Map.of(
                "taskmanager.numberOfTaskSlots", "2",
                "parallelism.default", "2",
                "cluster.evenly-spread-out-slots", "true",
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "5",
                "restart-strategy.fixed-delay.delay", "1 s",
                "execution.checkpointing.interval", "1 s",
                "execution.checkpointing.dir", temp.resolve("checkpoints").toUri().toString(),
                "heartbeat.interval", "1000",
                "heartbeat.timeout", "6000"));
    }

    /** Earlier runs' folders (logs and a 40 MB job jar each): only the latest run is kept for inspection. */
    private static void deleteEarlierRuns(java.nio.file.Path runs) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(runs)) {
            return;
        }
        try (var dirs = java.nio.file.Files.list(runs)) {
            for (java.nio.file.Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("run-")).toList()) {
                try (var walk = java.nio.file.Files.walk(dir)) {
                    for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @AfterAll
    static void stopCluster() {
        if (flink != null) {
            flink.close();
        }
    }

    @Test
    void aDetachedBackupCommitsOnTheClusterAndRestoresRecordByRecord() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("flink_rt");
        SampleData.load(AEROSPIKE.client(), "test", List.of(set), 3000, 41);
        String root = temp.resolve("rt").toUri().toString();

        BackupManifest manifest = backup("backup-rt", root, set);
        assertThat(manifest.recordCount()).isEqualTo(3000);

        restore("restore-rt", root, manifest.backupId());
        assertRestored(set);
    }

    private BackupManifest backup(String name, String root, String set, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "-c", BackupJob.class.getName(), jobJar.toString(),
                "--hosts", AEROSPIKE.hosts(), "--namespace", "test", "--set", set, "--to", root,
                "--parallelism", "2", "--checkpoint-interval", "1", "--restart-delay", "1"));
        args.addAll(List.of(extra));
        CliRun run = flink.flink(name, Duration.ofSeconds(60), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String jobId = run.jobId();
        flink.awaitFinished(jobId, JOB_TIMEOUT);
        Optional<BackupManifest> manifest = new Catalog(new Path(root)).latest("test");
        assertThat(manifest).as("the manifest the job committed in " + root).isPresent();
        return manifest.get();
    }

    private String restore(String name, String root, String backupId, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "-c", RestoreJob.class.getName(), jobJar.toString(),
                "--hosts", AEROSPIKE.hosts(), "--namespace", "test,restore", "--from", root, "--backup", backupId,
                "--parallelism", "2", "--restart-delay", "1"));
        args.addAll(List.of(extra));
        CliRun run = flink.flink(name, Duration.ofSeconds(90), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String jobId = run.jobId();
        flink.awaitFinished(jobId, JOB_TIMEOUT);
        return jobId;
    }

    private static void assertRestored(String set) {
        Map<String, BackupRecord> original = BackupTestSupport.clusterRecords(AEROSPIKE.client(), "test", List.of(set));
        Map<String, BackupRecord> restored = BackupTestSupport.clusterRecords(AEROSPIKE.client(), "restore",
                List.of(set));
        BackupTestSupport.assertSameRecords(original, restored);
    }

    private static Map<String, Integer> rowsPerDigest(String root, BackupManifest manifest) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (BackupRecord row : BackupTestSupport.readBackup(new Path(root), manifest)) {
            seen.merge(row.digestHex(), 1, Integer::sum);
        }
        return seen;
    }
}
