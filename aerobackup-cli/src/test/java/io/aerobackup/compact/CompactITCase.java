package io.aerobackup.compact;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogFixture;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.catalog.Compacted;
import io.aerobackup.cli.CliTestSupport;
import io.aerobackup.cli.ExitCodes;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aerobackup compact} on a real chain (full, incrementals with updates and new records, a
 * delta of DELETE rows, records whose TTL runs out): the compacted full holds exactly the records a
 * restore of the chain writes, and restoring it gives the same state as restoring the chain.
 */
class CompactITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    @TempDir
    java.nio.file.Path temp;

    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return CliTestSupport.cli(err, args);
    }

    private int backup(String to, String set, String... extra) {
        List<String> args = new ArrayList<>(List.of("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test",
                "--set", set, "--to", to, "--parallelism", "1", "--clock-skew-margin", "0"));
        args.addAll(List.of(extra));
        return cli(args.toArray(new String[0]));
    }

    private static void write(String set, int from, int to, String value) {
        for (int i = from; i < to; i++) {
            CLUSTER.client().put(null, new Key("test", set, i), new Bin("v", value + i), new Bin("n", i));
        }
    }

    private static void tick() throws InterruptedException {
        Thread.sleep(20);
    }

    @Test
    void aChainCompactsToExactlyTheRecordsItsRestoreWrites() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("compact");
        String to = temp.resolve("cat").toString();
        Catalog catalog = new Catalog(new Path(to));
        AerospikeClient client = CLUSTER.client();
        write(set, 0, 100, "a");
        WritePolicy longLived = new WritePolicy();
        longLived.expiration = 86_400;
        client.put(longLived, new Key("test", set, "day"), new Bin("v", "stays"));
        client.createIndex(null, "test", set, "idx_" + set, "n", com.aerospike.client.query.IndexType.NUMERIC)
                .waitTillComplete();
        // Long enough to be in the full backup, gone by the time the chain is compacted.
        WritePolicy shortLived = new WritePolicy();
        shortLived.expiration = 10;
        for (int i = 0; i < 5; i++) {
            client.put(shortLived, new Key("test", set, "ttl" + i), new Bin("v", "soon gone"));
        }
        tick();
        assertThat(backup(to, set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(catalog.latest("test").orElseThrow().recordCount()).as("the full holds the expiring records")
                .isEqualTo(100 + 1 + 5);
        tick();
        write(set, 0, 20, "b");       // updates
        write(set, 100, 110, "new");  // new records
        tick();
        assertThat(backup(to, set, "--incremental")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest delta1 = catalog.latest("test").orElseThrow();

        // Deletes: 10..15 were updated in delta1, 50..55 only in the full, 105 is new since the full.
        List<BackupRecord> deleteRows = new ArrayList<>();
        for (int i : new int[] {10, 11, 12, 13, 14, 50, 51, 52, 53, 54, 105}) {
            Key key = new Key("test", set, i);
            client.delete(null, key);
            deleteRows.add(new BackupRecord(key.digest, set, null, 0, 0, RecordOperation.DELETE, List.of()));
        }
        BackupManifest deletes = new CatalogFixture(temp.resolve("cat")).backupOf("test",
                io.aerobackup.catalog.BackupIds.newId(Instant.now(), BackupManifest.DELTA), BackupManifest.DELTA,
                delta1.backupId(), Instant.now(), deleteRows);
        tick();
        write(set, 50, 52, "back");   // deleted, then written again
        write(set, 0, 5, "c");        // a second update
        tick();
        assertThat(backup(to, set, "--incremental")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest target = catalog.latest("test").orElseThrow();
        assertThat(ChainResolver.resolve(catalog, "test", target.backupId()).members()).hasSize(4);
        assertThat(target.parentId()).isEqualTo(deletes.backupId());
        awaitExpiry(client, set);

        assertThat(cli("compact", "--to", to, "--namespace", "test", "--parallelism", "2"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest compacted = catalog.latest("test").orElseThrow();
        assertThat(compacted.backupId()).isNotEqualTo(target.backupId());
        assertThat(compacted.kind()).isEqualTo(BackupManifest.FULL);
        assertThat(compacted.parentId()).isNull();
        assertThat(compacted.windowToMillis()).isEqualTo(target.windowToMillis());
        assertThat(compacted.sets()).isEqualTo(target.sets());
        assertThat(compacted.secondaryIndexes()).isEqualTo(target.secondaryIndexes())
                .extracting(BackupManifest.SecondaryIndex::name).contains("idx_" + set);
        assertThat(compacted.udfs()).isEqualTo(target.udfs());
        assertThat(compacted.options()).containsEntry(Compacted.FROM, target.backupId())
                .containsEntry("expiredDropped", "5").containsEntry("deletesApplied", "9");
        assertThat(ChainResolver.latest(catalog, "test").members()).containsExactly(compacted);
        assertThat(ChainResolver.atTime(catalog, "test", Instant.ofEpochMilli(target.windowToMillis()))
                .members()).containsExactly(compacted);

        // Record by record: the compacted full is the source's current state (deletes and expiries applied).
        Map<String, BackupRecord> rows = byDigest(BackupTestSupport.readBackup(catalog.root(), compacted));
        Map<String, BackupRecord> source = BackupTestSupport.clusterRecords(client, "test", List.of(set));
        assertThat(source).hasSize(100 + 10 - 11 + 2 + 1);
        assertThat(rows).isEqualTo(source);
        assertThat(compacted.recordCount()).isEqualTo(source.size());
        assertThat(cli("verify", "--from", to, "--namespace", "test", "--backup", compacted.backupId()))
                .as("sizes, SHA-256 and row counts match the manifest: " + err).isEqualTo(ExitCodes.OK);

        // Restoring the compacted full and restoring the chain give the same state.
        Map<String, List<?>> fromFull = restored(to, set, compacted.backupId());
        Map<String, List<?>> fromChain = restored(to, set, target.backupId());
        assertThat(fromFull).hasSize(source.size()).isEqualTo(fromChain);
    }

    @Test
    void aFullAloneCompactsToTheSameRecords() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("compactfull");
        String to = temp.resolve("full").toString();
        Catalog catalog = new Catalog(new Path(to));
        write(set, 0, 50, "x");
        assertThat(backup(to, set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest full = catalog.latest("test").orElseThrow();
        assertThat(cli("compact", "--to", to, "--namespace", "test", "--backup", full.backupId(), "--json"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest compacted = catalog.latest("test").orElseThrow();
        assertThat(compacted.options()).containsEntry(Compacted.FROM, full.backupId());
        assertThat(byDigest(BackupTestSupport.readBackup(catalog.root(), compacted)))
                .isEqualTo(byDigest(BackupTestSupport.readBackup(catalog.root(), full))).hasSize(50);
        assertThat(compacted.coverageEndMillis()).as("an incremental after it misses nothing the full missed")
                .isEqualTo(full.coverageEndMillis());

        // Retention prefers the compacted full for the point they share: the original can go.
        assertThat(cli("prune", "--to", to, "--namespace", "test", "--keep-last", "1")).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        assertThat(catalog.list("test")).extracting(Catalog.CatalogEntry::backupId)
                .containsExactly(compacted.backupId());
    }

    @Test
    void aChainWithoutDataFilesCompactsAndRestores() throws Exception {
        CatalogFixture fixture = new CatalogFixture(temp.resolve("empty"));
        BackupManifest files = fixture.build("test", "20260101T000000000Z-full-0e0e", BackupManifest.FULL, null, null,
                null, Instant.parse("2026-01-01T00:00:00Z"));
        fixture.commit(files);
        String to = temp.resolve("empty").toString();
        assertThat(cli("compact", "--to", to, "--namespace", "test")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest compacted = new Catalog(new Path(to)).latest("test").orElseThrow();
        assertThat(compacted.options()).containsEntry(Compacted.FROM, files.backupId());
        assertThat(compacted.recordCount()).isZero();
        assertThat(compacted.files()).isEmpty();
        assertThat(cli("restore", "--from", to, "--namespace", "test,restore", "--hosts", CLUSTER.hosts()))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void badInputIsExitTwoAndWritesNothing() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("compactbad");
        String to = temp.resolve("bad").toString();
        write(set, 0, 5, "y");
        assertThat(backup(to, set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        List<String> before = listing(to);

        assertThat(cli("compact", "--to", to, "--namespace", "test", "--backup", "20991231T000000000Z-full-ffff"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown backup '20991231T000000000Z-full-ffff'");
        assertThat(cli("compact", "--to", to, "--namespace", "nosuchns")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no backups of namespace 'nosuchns'");
        assertThat(cli("compact", "--to", temp.resolve("nothing").toString(), "--namespace", "test"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli("compact", "--to", to, "--namespace", "test", "--file-size", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(listing(to)).isEqualTo(before);
        assertThat(temp.resolve("nothing")).doesNotExist();
    }

    @Test
    void aFailedJobCommitsNothingAndADamagedChainIsRefused() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("compactfail");
        java.nio.file.Path folder = temp.resolve("fail");
        write(set, 0, 200, "z");
        assertThat(backup(folder.toString(), set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        Catalog catalog = new Catalog(new Path(folder.toString()));
        BackupManifest full = catalog.latest("test").orElseThrow();

        String failing = io.aerobackup.testutils.FailingFileSystem.root("nospace", 2_000, folder);
        assertThat(cli("compact", "--to", failing, "--namespace", "test", "--restart-attempts", "0"))
                .isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(err.toString()).contains("No space left on device");
        List<Catalog.CatalogEntry> entries = catalog.list("test");
        assertThat(entries).filteredOn(Catalog.CatalogEntry::complete).extracting(Catalog.CatalogEntry::backupId)
                .containsExactly(full.backupId());
        assertThat(catalog.latest("test").orElseThrow().backupId()).isEqualTo(full.backupId());

        java.nio.file.Path file = folder.resolve("test").resolve(full.backupId()).resolve(full.files().get(0).path());
        java.nio.file.Files.write(file, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        List<String> before = listing(folder.toString());
        assertThat(cli("compact", "--to", folder.toString(), "--namespace", "test")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is damaged; nothing was written");
        assertThat(listing(folder.toString())).isEqualTo(before);
    }

    private Map<String, List<?>> restored(String to, String set, String backupId) {
        CLUSTER.client().truncate(null, "restore", set, null);
        assertThat(cli("restore", "--from", to, "--namespace", "test,restore", "--backup", backupId, "--hosts",
                CLUSTER.hosts(), "--parallelism", "1")).as(err.toString()).isEqualTo(ExitCodes.OK);
        Map<String, List<?>> state = new HashMap<>();
        BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set))
                .forEach((digest, r) -> state.put(digest, r.bins()));
        return state;
    }

    private static void awaitExpiry(AerospikeClient client, String set) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (client.exists(null, new Key("test", set, "ttl4")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1100); // the void-time counts whole seconds
    }

    private static Map<String, BackupRecord> byDigest(List<BackupRecord> rows) {
        Map<String, BackupRecord> map = new HashMap<>();
        for (BackupRecord row : rows) {
            assertThat(row.operation()).isEqualTo(RecordOperation.UPSERT);
            assertThat(map.put(row.digestHex(), row)).as("digest %s once", row.digestHex()).isNull();
        }
        return map;
    }

    private static List<String> listing(String root) throws IOException {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(root))) {
            return files.map(java.nio.file.Path::toString).sorted().toList();
        }
    }
}
