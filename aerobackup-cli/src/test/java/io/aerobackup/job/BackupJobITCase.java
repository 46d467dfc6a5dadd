package io.aerobackup.job;

import com.aerospike.client.Language;
import com.aerospike.client.query.IndexType;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.DataFiles;
import io.aerobackup.config.PartitionRange;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.crypto.EncryptionKey;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.demo.SampleData;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A full backup of the varied sample data reproduces every record, in standard Parquet files. */
class BackupJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    @TempDir
    java.nio.file.Path temp;

    @Test
    void backupReproducesEveryRecordAndCommitsAManifest() throws Exception {
        List<String> sets = List.of(AerospikeTestCluster.uniqueSet("bk_a"), AerospikeTestCluster.uniqueSet("bk_b"));
        SampleData.load(CLUSTER.client(), "test", sets, 3000, 7);
        Path root = new Path(temp.resolve("catalog").toUri());

        BackupResult result = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(sets).build(),
                        root.toString(), 2, Duration.ofSeconds(1)),
                ProgressListener.NONE, UnaryOperator.identity());

        BackupManifest manifest = result.manifest();
        Map<String, BackupRecord> expected = BackupTestSupport.clusterRecords(CLUSTER.client(), "test", sets);
        List<BackupRecord> rows = BackupTestSupport.readBackup(root, manifest);
        Map<String, BackupRecord> actual = new HashMap<>();
        for (BackupRecord row : rows) {
            assertThat(actual.put(row.digestHex(), row)).as("digest %s appears once", row.digestHex()).isNull();
        }
        assertThat(expected).hasSize(3000);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, BackupRecord> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as("record %s", e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(manifest.recordCount()).isEqualTo(3000);
        assertThat(manifest.kind()).isEqualTo(BackupManifest.FULL);
        assertThat(manifest.binBytes()).isPositive();
        assertThat(manifest.files()).isNotEmpty();
        Path dir = CatalogPaths.backupDir(root, "test", manifest.backupId());
        for (BackupManifest.DataFile file : manifest.files()) {
            Path path = new Path(dir, file.path());
            assertThat(DataFiles.sha256(path)).isEqualTo(file.sha256());
            assertThat(path.getFileSystem().getFileStatus(path).getLen()).isEqualTo(file.bytes());
        }
        List<Catalog.CatalogEntry> listed = new Catalog(root).list("test");
        assertThat(listed).singleElement().satisfies(entry -> {
            assertThat(entry.complete()).isTrue();
            assertThat(entry.backupId()).isEqualTo(manifest.backupId());
        });
    }

    /**
     * As {@code flink run -d}: the job is submitted and nobody waits for it. It commits its backup
     * by itself at the end of its input, with counts and checksums from its writers.
     */
    @Test
    void aDetachedBackupJobCommitsItsManifestByItself() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("bk_detached");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 2000, 17);
        Path root = new Path(temp.resolve("detached").toUri());

        BackupRunner.Submitted submitted = BackupRunner.submit(StreamExecutionEnvironment.getExecutionEnvironment(),
                BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set)).build(),
                        root.toString(), 2, Duration.ofSeconds(10)), java.time.Instant.now(),
                UnaryOperator.identity());
        submitted.progress().release();
        Path manifestPath = CatalogPaths.manifest(root, "test", submitted.backupId());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!manifestPath.getFileSystem().exists(manifestPath)) {
            assertThat(System.nanoTime()).as("the job committed within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }

        BackupManifest manifest = new Catalog(root).readManifest(manifestPath);
        assertThat(manifest.recordCount()).isEqualTo(2000);
        assertThat(manifest.binBytes()).isPositive();
        Path dir = CatalogPaths.backupDir(root, "test", manifest.backupId());
        for (BackupManifest.DataFile file : manifest.files()) {
            Path path = new Path(dir, file.path());
            assertThat(DataFiles.sha256(path)).as("sha256 of %s", file.path()).isEqualTo(file.sha256());
        }
        assertThat(BackupTestSupport.readBackup(root, manifest)).hasSize(2000);
        submitted.job().getJobExecutionResult().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void manifestHoldsIndexAndUdfDefinitionsAndAPartitionListLimitsTheScan() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("bk_meta");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 2000, 13);
        String index = "idx_" + set;
        String udf = set + ".lua";
        String source = "function hello(rec)\n  return 'hello'\nend\n";
        CLUSTER.client().createIndex(null, "test", set, index, "id", IndexType.NUMERIC).waitTillComplete();
        CLUSTER.client().registerUdfString(null, source, udf, Language.LUA).waitTillComplete();
        try {
            Path root = new Path(temp.resolve("meta").toUri());
            List<PartitionRange> partitions = PartitionRange.parseList("0-99,1000,2000-2499");
            BackupManifest manifest = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set))
                            .partitions(partitions).build(), root.toString(), 2, Duration.ofSeconds(1)),
                    ProgressListener.NONE, UnaryOperator.identity()).manifest();

            assertThat(manifest.secondaryIndexes()).anySatisfy(def -> {
                assertThat(def.name()).isEqualTo(index);
                assertThat(def.set()).isEqualTo(set);
                assertThat(def.bin()).isEqualTo("id");
                assertThat(def.type()).isEqualTo("numeric");
            });
            assertThat(manifest.udfs()).anySatisfy(module -> {
                assertThat(module.name()).isEqualTo(udf);
                assertThat(new String(Base64.getDecoder().decode(module.contentBase64()), StandardCharsets.UTF_8))
                        .isEqualTo(source);
            });
            assertThat(manifest.partitions()).containsExactly("0-99", "1000", "2000-2499");
            Map<String, BackupRecord> all = BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(set));
            long inRanges = all.values().stream().filter(r -> inRanges(r.partitionId(), partitions)).count();
            List<BackupRecord> rows = BackupTestSupport.readBackup(root, manifest);
            assertThat(rows).allMatch(r -> inRanges(r.partitionId(), partitions));
            assertThat(rows).hasSize((int) inRanges);
            assertThat(inRanges).isPositive().isLessThan(all.size());
        } finally {
            CLUSTER.client().dropIndex(null, "test", set, index).waitTillComplete();
            CLUSTER.client().removeUdf(null, udf);
        }
    }

    private static boolean inRanges(int partition, List<PartitionRange> ranges) {
        return ranges.stream().anyMatch(r -> partition >= r.begin() && partition < r.end());
    }

    @Test
    void theFlinkRunEntryPointTakesTheSameOptions() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("bk_main");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 100, 17);
        java.nio.file.Path to = temp.resolve("main");
        int exit = BackupJob.run("--hosts", CLUSTER.hosts(), "--namespace", "test",
                "--set", set, "--to", to.toString());
        assertThat(exit).isZero();
        assertThat(to.resolve("test")).isDirectory();
        assertThat(to.resolve("test").toFile().listFiles()).singleElement()
                .satisfies(dir -> assertThat(new java.io.File(dir, "manifest.json")).exists());
    }

    @Test
    void duckDbReadsTheBackupFilesDirectly() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("bk_duck");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 500, 11);
        Path root = new Path(temp.resolve("duck").toUri());
        BackupManifest manifest = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set)).build(),
                        root.toString(), 1, Duration.ofSeconds(1)),
                ProgressListener.NONE, UnaryOperator.identity()).manifest();
        String glob = CatalogPaths.dataDir(root, "test", manifest.backupId()).getPath() + "/*.parquet";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duck.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT digest), min(set_name), max(set_name)"
                    + " FROM read_parquet('" + glob + "', union_by_name=true)")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(500);
                assertThat(rs.getLong(2)).isEqualTo(500);
                assertThat(rs.getString(3)).isEqualTo(set);
                assertThat(rs.getString(4)).isEqualTo(set);
            }
            // Format 2.0: one typed column per bin; files of one backup may differ in columns.
            try (ResultSet rs = sql.executeQuery("SELECT sum(id), count(id) FROM read_parquet('" + glob
                    + "', union_by_name=true)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("sum of the id bins 0..499").isEqualTo(499L * 500 / 2);
                assertThat(rs.getLong(2)).isEqualTo(500);
            }
        }
    }

    @Test
    void duckDbCannotReadAnEncryptedBackupWithoutTheKey() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("bk_duck_enc");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 200, 12);
        Path root = new Path(temp.resolve("duck-enc").toUri());
        java.nio.file.Path key = temp.resolve("backup.key");
        java.nio.file.Files.write(key, Base64.getEncoder().encode(new byte[32])); // a test key
        BackupSpec plain = BackupTestSupport.spec(CLUSTER.hosts(), ScanOptions.builder("test").sets(List.of(set))
                .build(), root.toString(), 1, Duration.ofSeconds(1));
        BackupSpec spec = new BackupSpec(plain.connection(), plain.scan(), plain.destination(),
                ParquetWriteOptions.builder().encryption(EncryptionOptions.of(List.of(key.toString()), null)).build(),
                plain.maxFileBytes(), 1, plain.checkpointInterval(), plain.optionsUsed(), plain.incremental());
        BackupManifest manifest = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(), spec,
                ProgressListener.NONE, UnaryOperator.identity()).manifest();
        assertThat(manifest.encryptionKeyId()).isEqualTo(EncryptionKey.of(new byte[32]).id());
        String glob = CatalogPaths.dataDir(root, "test", manifest.backupId()).getPath() + "/*.parquet";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duck.createStatement()) {
            assertThatThrownBy(() -> sql.executeQuery("SELECT count(*) FROM read_parquet('" + glob + "')").next())
                    .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("encrypt");
        }
        assertThat(BackupTestSupport.readBackup(root, manifest, KeyRing.of(EncryptionKey.of(new byte[32]))))
                .hasSize(200);
    }
}
