package io.aerobackup.job;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.restore.summary.RestoreSummaries;
import io.aerobackup.restore.summary.RestoreSummary;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern SUMMARY = Pattern.compile("writes its summary to (\\S+) when");

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
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("taskmanager.numberOfTaskSlots", "2");
        settings.put("parallelism.default", "2");
        settings.put("cluster.evenly-spread-out-slots", "true");
        settings.put("restart-strategy.type", "fixed-delay");
        settings.put("restart-strategy.fixed-delay.attempts", "5");
        settings.put("restart-strategy.fixed-delay.delay", "1 s");
        settings.put("execution.checkpointing.interval", "1 s");
        settings.put("execution.checkpointing.dir", temp.resolve("checkpoints").toUri().toString());
        settings.put("heartbeat.interval", "1000");
        settings.put("heartbeat.timeout", "6000");
        // The REST API caches a job's details this long (default 3 s): the recovery times need less.
        settings.put("web.refresh-interval", "200");
        flink = StandaloneFlinkCluster.start(home, 2, settings);
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
        load(set, 3000, 41);
        String root = temp.resolve("rt").toUri().toString();

        BackupManifest manifest = backup("backup-rt", root, set);
        assertThat(manifest.recordCount()).isEqualTo(3000);

        RestoreSummary summary = restore("restore-rt", root, manifest);
        assertThat(summary.recordsWritten()).isEqualTo(3000);
        assertThat(summary.recordsSkipped()).isEmpty();
        assertThat(summary.binBytesWritten()).isPositive();
        assertRestored(set);
    }

    /**
     * SIGKILL of a TaskManager that runs the backup, once a checkpoint completed, then of one that
     * runs the restore's writers, once a part of the records is written: both jobs recover through
     * their restart strategy on the spare slots of the other TaskManager, the backup holds every
     * record exactly once, and the restore equals the original record by record.
     */
    @Test
    void killingATaskManagerDuringABackupAndARestoreLosesAndRepeatsNothing() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("flink_kill");
        int records = 4000;
        load(set, records, 43);
        String root = temp.resolve("kill").toUri().toString();

        String backupJob = submit("backup-kill", BackupJob.class, "--namespace", "test", "--set", set, "--to", root,
                "--checkpoint-interval", "1", "--records-per-second", "1000").jobId();
        flink.await("a completed checkpoint of the backup", JOB_TIMEOUT, () -> flink.rest("/jobs/" + backupJob
                + "/checkpoints").path("counts").path("completed").asInt() > 0);
        Recovery backupRecovery = killBusyTaskManager(backupJob);
        // A replacement for the restore's turn, started while the backup finishes on the spare slots.
        String replacement = flink.startTaskManager();
        flink.awaitFinished(backupJob, JOB_TIMEOUT);
        System.out.println("FlinkClusterITCase: backup " + backupRecovery);
        BackupManifest manifest = new Catalog(new Path(root)).latest("test").orElseThrow();
        Map<String, Integer> rows = rowsPerDigest(root, manifest);
        assertThat(rows.keySet()).as("digests in the backup")
                .isEqualTo(BackupTestSupport.clusterRecords(AEROSPIKE.client(), "test", List.of(set)).keySet());
        assertThat(rows.values()).as("rows per record").allMatch(n -> n == 1);
        assertThat(manifest.recordCount()).isEqualTo(records);

        flink.await("the replacement TaskManager " + replacement, JOB_TIMEOUT,
                () -> flink.registeredTaskManagers() == 2);
        CliRun restore = submit("restore-kill", RestoreJob.class, "--namespace", "test,restore", "--from", root,
                "--backup", manifest.backupId(), "--records-per-second", "1000", "--restart-attempts", "5");
        flink.await("1000 restored records", JOB_TIMEOUT, () -> countRecords("restore", set) >= 1000);
        Recovery restoreRecovery = killBusyTaskManager(restore.jobId());
        flink.awaitFinished(restore.jobId(), JOB_TIMEOUT);
        System.out.println("FlinkClusterITCase: restore " + restoreRecovery);
        assertRestored(set);
        RestoreSummary summary = summaryOf(restore, manifest);
        // Records the killed attempt wrote are written again and skipped by the generation check.
        assertThat(summary.recordsWritten() + summary.recordsSkipped().getOrDefault("generation", 0L))
                .as("records written or found restored already: %s", summary).isEqualTo(records);
    }

    /** When a killed TaskManager's job failed, and when it ran again (every task running or finished). */
    private record Recovery(String taskManager, long failedAfterMillis, long recoveredAfterMillis) {
        @Override
        public String toString() {
            return "recovered from SIGKILL of TaskManager " + taskManager + ": failure noticed after "
                    + failedAfterMillis + " ms, all tasks running again after " + recoveredAfterMillis + " ms";
        }
    }

    private Recovery killBusyTaskManager(String jobId) throws Exception {
        List<String> busy = flink.busyTaskManagers();
        assertThat(busy).as("TaskManagers running tasks of " + jobId).isNotEmpty();
        assertThat(flink.jobState(jobId)).as("the job is still running when the TaskManager is killed")
                .isEqualTo("RUNNING");
        String victim = busy.get(0);
        long killedAt = System.currentTimeMillis();
        flink.kill(victim);
        long[] failedAt = {0};
        flink.await("job " + jobId + " to notice the lost TaskManager", JOB_TIMEOUT, () -> {
            for (var entry : flink.rest("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
                failedAt[0] = entry.path("timestamp").asLong();
                return true;
            }
            return flink.jobState(jobId).equals("FINISHED");
        });
        flink.await("job " + jobId + " to run again", JOB_TIMEOUT, () -> running(jobId));
        long recoveredAt = System.currentTimeMillis();
        return new Recovery(victim, failedAt[0] - killedAt, recoveredAt - killedAt);
    }

    /**
     * Every started task of the job is running or done: none waits for a slot, deploys, is being
     * cancelled or failed. A stage whose tasks have not started at all (a batch job's later stages,
     * waiting for their input) does not count.
     */
    private static boolean running(String jobId) {
        var job = flink.rest("/jobs/" + jobId);
        if (job.path("state").asText().equals("FINISHED")) {
            return true;
        }
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        int active = 0;
        for (var vertex : job.path("vertices")) {
            var tasks = vertex.path("tasks");
            if (tasks.path("CREATED").asInt() == vertex.path("parallelism").asInt()) {
                continue;
            }
            for (String waiting : List.of("CREATED", "SCHEDULED", "DEPLOYING", "INITIALIZING", "CANCELING",
                    "CANCELED", "FAILED")) {
                if (tasks.path(waiting).asInt() > 0) {
                    return false;
                }
            }
            active += tasks.path("RUNNING").asInt();
        }
        return active > 0;
    }

    private static long countRecords(String namespace, String set) {
        com.aerospike.client.policy.ScanPolicy policy = new com.aerospike.client.policy.ScanPolicy();
        policy.includeBinData = false;
        java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        AEROSPIKE.client().scanAll(policy, namespace, set, (key, record) -> count.incrementAndGet());
        return count.get();
    }

    /** Submits a job with {@code flink run -d}; returns what the command line printed. */
    private static CliRun submit(String name, Class<?> main, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "-c", main.getName(), jobJar.toString(),
                "--hosts", AEROSPIKE.hosts(), "--parallelism", "2", "--restart-delay", "1"));
        args.addAll(List.of(options));
        CliRun run = flink.flink(name, Duration.ofSeconds(60), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    private BackupManifest backup(String name, String root, String set) throws Exception {
        String jobId = submit(name, BackupJob.class, "--namespace", "test", "--set", set, "--to", root,
                "--checkpoint-interval", "1").jobId();
        flink.awaitFinished(jobId, JOB_TIMEOUT);
        Optional<BackupManifest> manifest = new Catalog(new Path(root)).latest("test");
        assertThat(manifest).as("the manifest the job committed in " + root).isPresent();
        return manifest.get();
    }

    /** Restores and returns the summary the job wrote, checked against the job and the backup. */
    private RestoreSummary restore(String name, String root, BackupManifest backup) throws Exception {
        CliRun run = submit(name, RestoreJob.class, "--namespace", "test,restore", "--from", root, "--backup",
                backup.backupId());
        flink.awaitFinished(run.jobId(), JOB_TIMEOUT);
        return summaryOf(run, backup);
    }

    private static RestoreSummary summaryOf(CliRun run, BackupManifest backup) throws Exception {
        Matcher m = SUMMARY.matcher(run.output());
        assertThat(m.find()).as("the summary's path in: " + run.output()).isTrue();
        RestoreSummary summary = RestoreSummaries.read(new Path(m.group(1)));
        assertThat(summary.flinkJobId()).isEqualTo(run.jobId());
        assertThat(summary.outcome()).isEqualTo(RestoreSummary.SUCCEEDED);
        assertThat(summary.sourceBackupIds()).containsExactly(backup.backupId());
        assertThat(summary.backupId()).isEqualTo(backup.backupId());
        assertThat(summary.sourceNamespace()).isEqualTo("test");
        assertThat(summary.targetNamespace()).isEqualTo("restore");
        assertThat(summary.rowsInBackup()).isEqualTo(backup.recordCount());
        assertThat(summary.filesVerified()).isEqualTo(backup.files().size());
        assertThat(summary.recordsFailed()).isEmpty();
        assertThat(Instant.parse(summary.finishedAt())).isAfterOrEqualTo(Instant.parse(summary.startedAt()));
        return summary;
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

    /** {@code count} records of varied bins (integer, double, string, blob, list, map; a user key on some). */
    private static void load(String set, int count, long seed) {
        Random random = new Random(seed);
        WritePolicy policy = new WritePolicy();
        for (int i = 0; i < count; i++) {
            policy.sendKey = i % 3 == 0;
            byte[] blob = new byte[random.nextInt(40)];
            random.nextBytes(blob);
            List<Bin> bins = new ArrayList<>(List.of(new Bin("n", random.nextLong()), new Bin("d", random.nextDouble()),
                    new Bin("s", "name-" + Long.toString(random.nextLong(), 36)), new Bin("b", blob)));
            if (i % 4 == 0) {
                bins.add(new Bin("l", List.of(i, "x" + i, random.nextDouble())));
            }
            if (i % 5 == 0) {
                bins.add(new Bin("m", Map.of("k" + i, (long) i, "z", "v")));
            }
            AEROSPIKE.client().put(policy, new Key("test", set, i), bins.toArray(new Bin[0]));
        }
    }
}
