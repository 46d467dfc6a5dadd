package io.aerobackup.restore;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CatalogFixture;
import io.aerobackup.cli.AerobackupCli;
import io.aerobackup.cli.ExitCodes;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.demo.SampleData;
import io.aerobackup.job.BackupRunner;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import io.aerobackup.restore.summary.RestoreSummaries;
import io.aerobackup.restore.summary.RestoreSummary;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backup then restore into another namespace; generation policies; a chain with deltas; damaged input. */
class RestoreITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(2);

    @TempDir
    java.nio.file.Path temp;

    private BackupManifest backup(String set, Path root) throws Exception {
        return BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set)).build(),
                        root.toString(), 2, Duration.ofSeconds(1)), ProgressListener.NONE, UnaryOperator.identity())
                .manifest();
    }

    private static RestoreSpec spec(Path root, String backupId, RestoreWriteOptions write, boolean validate) {
        return new RestoreSpec(new ConnectionOptions(CLUSTER.hosts(), Duration.ofSeconds(5)), root.toString(), "test",
                backupId, null, write, 2, validate, false, true);
    }

    @Test
    void roundTripIntoAnotherNamespaceEqualsTheOriginalRecordByRecord() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("rt");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 1500, 21);
        Path root = new Path(temp.resolve("rt").toUri());
        BackupManifest manifest = backup(set, root);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("restore", "--from", root.toString(), "--namespace", "test,restore", "--backup",
                manifest.backupId(), "--hosts", CLUSTER.hosts(), "--json", "--parallelism", "2");
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"written\" : 1500");
        // The job's final step wrote the restore's summary into the catalog; the command line names it.
        java.nio.file.Path summaries = temp.resolve("rt").resolve(RestoreSummaries.FOLDER);
        List<java.nio.file.Path> files;
        try (var list = Files.list(summaries)) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(out.toString()).contains(files.get(0).getFileName().toString());
        RestoreSummary summary = RestoreSummaries.read(new Path(files.get(0).toUri()));
        assertThat(summary.outcome()).isEqualTo(RestoreSummary.SUCCEEDED);
        assertThat(summary.recordsWritten()).isEqualTo(1500);
        assertThat(summary.rowsInBackup()).isEqualTo(1500);
        assertThat(summary.recordsSkipped()).isEmpty();
        assertThat(summary.recordsFailed()).isEmpty();
        assertThat(summary.sourceBackupIds()).containsExactly(manifest.backupId());
        assertThat(summary.sourceNamespace()).isEqualTo("test");
        assertThat(summary.targetNamespace()).isEqualTo("restore");
        assertThat(summary.filesVerified()).isEqualTo(manifest.files().size());

        Map<String, BackupRecord> original = BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(set));
        Map<String, BackupRecord> backedUp = new HashMap<>();
        for (BackupRecord row : BackupTestSupport.readBackup(root, manifest)) {
            backedUp.put(row.digestHex(), row);
        }
        long keyless = original.keySet().stream().filter(d -> original.get(d).userKey() != null
                && backedUp.get(d).userKey() == null).count();
        assertThat(keyless).as("rows whose key the backup lost").isZero();
        Map<String, BackupRecord> restored = BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set));
        BackupTestSupport.assertSameRecords(original, restored);
    }

    /**
     * A batch share of one record goes out as a single-record command, which takes sendKey from the
     * batch policy: with batches of one, every record exercises that path, and must keep its key.
     */
    @Test
    void userKeysSurviveSingleRecordBatches() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("onekey");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 60, 31);
        Path root = new Path(temp.resolve("onekey").toUri());
        BackupManifest manifest = backup(set, root);
        RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                spec(root, manifest.backupId(), RestoreWriteOptions.builder("restore").batchSize(1).build(), false),
                ProgressListener.NONE);
        Map<String, BackupRecord> original = BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(set));
        Map<String, BackupRecord> restored = BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set));
        assertThat(original.values()).filteredOn(r -> r.userKey() != null).hasSize(45);
        original.forEach((digest, record) ->
                assertThat(restored.get(digest).userKey()).as("key of %s", digest).isEqualTo(record.userKey()));
    }

    @Test
    void generationCheckKeepsNewerTargetRecordsUnlessToldOtherwise() throws Exception {
        AerospikeClient client = CLUSTER.client();
        String set = AerospikeTestCluster.uniqueSet("gen");
        for (int i = 0; i < 40; i++) {
            for (int version = 0; version < 3; version++) {
                client.put(null, new Key("test", set, i), new Bin("v", "source-" + version));
            }
        }
        Path root = new Path(temp.resolve("gen").toUri());
        String id = backup(set, root).backupId();
        RestoreWriteOptions.Builder write = RestoreWriteOptions.builder("restore");
        RestoreResult first = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                spec(root, id, write.build(), false), ProgressListener.NONE);
        assertThat(first.written()).isEqualTo(40);
        for (int i = 0; i < 10; i++) {
            for (int version = 0; version < 4; version++) {
                client.put(null, new Key("restore", set, i), new Bin("v", "target-" + version));
            }
        }
        RestoreResult second = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                spec(root, id, write.build(), false), ProgressListener.NONE);
        assertThat(second.written()).as("records at generation 1 in the target are older than the backup's 3").isEqualTo(30);
        assertThat(second.skipped()).containsEntry("generation", 10L);
        assertThat(client.get(null, new Key("restore", set, 3)).getString("v")).isEqualTo("target-3");

        RestoreResult createOnly = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                spec(root, id, RestoreWriteOptions.builder("restore").mode(RestoreWriteOptions.Mode.CREATE_ONLY).build(),
                        false), ProgressListener.NONE);
        assertThat(createOnly.written()).isZero();
        assertThat(createOnly.skipped()).containsEntry("exists", 40L);
        assertThat(client.get(null, new Key("restore", set, 3)).getString("v")).isEqualTo("target-3");

        RestoreResult forced = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                spec(root, id, RestoreWriteOptions.builder("restore").generationCheck(false).build(), false),
                ProgressListener.NONE);
        assertThat(forced.written()).isEqualTo(40);
        assertThat(client.get(null, new Key("restore", set, 3)).getString("v")).isEqualTo("source-2");
    }

    @Test
    void aChainRestoresTheNewestVersionOfEachRecordOnceAndAppliesDeletes() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("chain");
        CatalogFixture fixture = new CatalogFixture(temp.resolve("chain"));
        // Digests differ per run: a real server refuses a digest it kept from an earlier run in another set.
        Random random = new Random(set.hashCode());
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] digest = new byte[20];
            random.nextBytes(digest);
            digests.add(digest);
        }
        Map<String, String> expected = new HashMap<>();
        List<BackupRecord> full = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            full.add(row(set, digests.get(i), 1, "v0-" + i));
            expected.put(hex(digests.get(i)), "v0-" + i);
        }
        List<BackupRecord> delta1 = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delta1.add(row(set, digests.get(i), 2, "v1-" + i));
            expected.put(hex(digests.get(i)), "v1-" + i);
        }
        for (int i = 40; i < 45; i++) {
            delta1.add(delete(set, digests.get(i)));
            expected.remove(hex(digests.get(i)));
        }
        List<BackupRecord> delta2 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delta2.add(row(set, digests.get(i), 3, "v2-" + i));
            expected.put(hex(digests.get(i)), "v2-" + i);
        }
        for (int i = 20; i < 23; i++) {
            delta2.add(delete(set, digests.get(i)));
            expected.remove(hex(digests.get(i)));
        }
        for (int i = 50; i < 60; i++) {
            delta2.add(row(set, digests.get(i), 1, "new-" + i));
            expected.put(hex(digests.get(i)), "new-" + i);
        }
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        fixture.backupOf("test", "20261101T000000Z-full-aaaa", BackupManifest.FULL, null, t0, full);
        fixture.backupOf("test", "20261102T000000Z-delta-bbbb", BackupManifest.DELTA, "20261101T000000Z-full-aaaa",
                t0.plusSeconds(86400), delta1);
        fixture.backupOf("test", "20261103T000000Z-delta-cccc", BackupManifest.DELTA, "20261102T000000Z-delta-bbbb",
                t0.plusSeconds(2 * 86400), delta2);

        RestoreResult result = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                spec(fixture.catalog().root(), "20261103T000000Z-delta-cccc", RestoreWriteOptions.builder("restore")
                        .build(), false), ProgressListener.NONE);

        assertThat(result.chain().members()).hasSize(3);
        assertThat(result.written()).as("each record written once").isEqualTo(expected.size());
        assertThat(result.failed()).isEmpty();
        Map<String, BackupRecord> restored = BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set));
        Map<String, String> actual = new HashMap<>();
        restored.forEach((digest, record) -> actual.put(digest, (String) record.bins().get(0).value()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void indexesAndUdfsOfTheBackupAreRestoredIntoTheTarget() throws Exception {
        AerospikeClient client = CLUSTER.client();
        String set = AerospikeTestCluster.uniqueSet("meta");
        SampleData.load(client, "test", List.of(set), 50, 4);
        String index = "ix_" + set;
        String udf = "m_" + set + ".lua";
        client.createIndex(null, "test", set, index, "id", com.aerospike.client.query.IndexType.NUMERIC)
                .waitTillComplete();
        client.registerUdfString(null, "function f(r)\n  return 1\nend\n", udf, com.aerospike.client.Language.LUA)
                .waitTillComplete();
        Path root = new Path(temp.resolve("meta").toUri());
        BackupManifest manifest = backup(set, root);
        client.removeUdf(null, udf);
        try {
            RestoreResult result = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    spec(root, manifest.backupId(), RestoreWriteOptions.builder("restore").build(), false),
                    ProgressListener.NONE);
            assertThat(result.indexesRestored()).isGreaterThanOrEqualTo(1);
            assertThat(result.udfsRestored()).isGreaterThanOrEqualTo(1);
            String list = com.aerospike.client.Info.request(null, client.getNodes()[0], "sindex-list:namespace=restore");
            assertThat(list).contains("indexname=" + index).contains("set=" + set).contains("bin=id");
            assertThat(com.aerospike.client.Info.request(null, client.getNodes()[0], "udf-list")).contains(udf);
            assertThat(result.written()).isEqualTo(50);
        } finally {
            client.dropIndex(null, "test", set, index).waitTillComplete();
            client.dropIndex(null, "restore", set, index).waitTillComplete();
            client.removeUdf(null, udf);
        }
    }

    @Test
    void aDamagedBackupIsRefusedBeforeAnyWriteNamingTheFile() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("bad");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 300, 9);
        Path root = new Path(temp.resolve("bad").toUri());
        BackupManifest manifest = backup(set, root);
        java.nio.file.Path file = java.nio.file.Path.of(new Path(new Path(root, "test/" + manifest.backupId()),
                manifest.files().get(0).path()).toUri());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);

        for (boolean validate : new boolean[] {true, false}) {
            assertThatThrownBy(() -> RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    spec(root, manifest.backupId(), RestoreWriteOptions.builder("restore").build(), validate),
                    ProgressListener.NONE))
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("nothing was written");
        }
        assertThat(BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set))).isEmpty();
        Files.delete(file);
        assertThatThrownBy(() -> RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                spec(root, manifest.backupId(), RestoreWriteOptions.builder("restore").build(), false),
                ProgressListener.NONE)).hasMessageContaining(file.getFileName().toString());
    }

    private static BackupRecord row(String set, byte[] digest, int generation, String value) {
        return new BackupRecord(digest, set, null, generation, 0, RecordOperation.UPSERT,
                List.of(new BackupBin("v", 3, value)));
    }

    private static BackupRecord delete(String set, byte[] digest) {
        return new BackupRecord(digest, set, null, 0, 0, RecordOperation.DELETE, List.of());
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
