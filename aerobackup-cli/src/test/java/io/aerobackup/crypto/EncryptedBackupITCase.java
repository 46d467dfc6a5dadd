package io.aerobackup.crypto;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.cli.AerobackupCli;
import io.aerobackup.cli.ExitCodes;
import io.aerobackup.demo.SampleData;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encrypted backups end to end through the command line, on the mini-cluster and the test cluster:
 * a full and a delta with different keys (key rotation) restored with both keys (files and a key
 * folder); missing, wrong and partial keys, a changed manifest and a flipped byte refused with exit
 * code 2 before anything is written; verify and compact with keys.
 */
class EncryptedBackupITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    /** Test keys only (fixed, so runs are reproducible). */
    private static final byte[] KEY_A = "an-aerobackup-test-key-number-01".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_B = "aerobackup-test-key-2...".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    java.nio.file.Path temp;

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

    private String keyFile(String name, byte[] key, boolean base64) throws IOException {
        java.nio.file.Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, base64 ? (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII)
                : key);
        return file.toString();
    }

    private List<BackupManifest> manifests(String root) throws IOException {
        List<BackupManifest> found = new ArrayList<>();
        for (Catalog.CatalogEntry entry : new Catalog(new Path(root)).list("test")) {
            found.add(entry.manifest());
        }
        return found;
    }

    private static java.nio.file.Path local(Path path) {
        return java.nio.file.Path.of(path.toUri().getPath());
    }

    private void assertNoSecretsIn(String text) {
        assertThat(text).doesNotContain(new String(KEY_A, StandardCharsets.US_ASCII))
                .doesNotContain(new String(KEY_B, StandardCharsets.US_ASCII))
                .doesNotContain(Base64.getEncoder().encodeToString(KEY_A))
                .doesNotContain(Base64.getEncoder().encodeToString(KEY_B));
    }

    @Test
    void aRotatedChainRestoresWithEveryKeyAndIsRefusedWithoutThem() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("enc");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 300, 5);
        String root = temp.resolve("cat").toString();
        String keyA = keyFile("keys/a.key", KEY_A, true);
        String keyB = keyFile("keys/b.key", KEY_B, false); // raw bytes

        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--to", root,
                "--parallelism", "1", "--encryption-key-file", keyA, "--json")).as(err.toString()).isZero();
        assertNoSecretsIn(out + err.toString());
        for (int i = 0; i < 40; i++) {
            CLUSTER.client().put(null, new Key("test", set, "changed-" + i), new Bin("v", i));
        }
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--to", root,
                "--parallelism", "1", "--incremental", "--clock-skew-margin", "1", "--encryption-key-file", keyB))
                .as(err.toString()).isZero();

        List<BackupManifest> chain = manifests(root);
        assertThat(chain).hasSize(2);
        BackupManifest full = chain.get(0);
        BackupManifest delta = chain.get(1);
        assertThat(delta.kind()).isEqualTo(BackupManifest.DELTA);
        assertThat(full.encryptionKeyId()).isEqualTo(EncryptionKey.of(KEY_A).id());
        assertThat(delta.encryptionKeyId()).isEqualTo(EncryptionKey.of(KEY_B).id());
        assertThat(full.formatVersion()).isEqualTo(BackupManifest.FORMAT_VERSION_ENCRYPTED);
        assertThat(full.manifestHmac()).hasSize(64);
        assertThat(full.options()).containsEntry("encryption", EncryptionChecks.ALGORITHM);
        for (BackupManifest m : chain) {
            String json = Files.readString(local(
                    CatalogPaths.manifest(new Path(root), "test", m.backupId())));
            assertNoSecretsIn(json);
        }

        // No key, a wrong key, one of two keys: exit 2, the backup named, nothing written.
        assertThat(run("restore", "--from", root, "--namespace", "test,restore", "--hosts", CLUSTER.hosts()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(full.backupId()).contains("needs its key").contains("nothing was written");
        String wrong = keyFile("wrong.key", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), true);
        assertThat(run("restore", "--from", root, "--namespace", "test,restore", "--hosts", CLUSTER.hosts(),
                "--encryption-key-file", wrong)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(full.backupId()).contains("does not match");
        assertThat(run("restore", "--from", root, "--namespace", "test,restore", "--hosts", CLUSTER.hosts(),
                "--encryption-key-file", keyA)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(delta.backupId()).contains("does not match")
                .doesNotContain(full.backupId() + ": ");
        assertNoSecretsIn(out + err.toString());
        assertThat(BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set))).isEmpty();

        // verify: without the keys exit 2; with both every file decrypts and decodes.
        assertThat(run("verify", "--from", root, "--namespace", "test", "--backup", delta.backupId()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).contains("needs its key");
        assertThat(run("verify", "--from", root, "--namespace", "test", "--backup", delta.backupId(),
                "--encryption-key-file", keyA, "--encryption-key-file", keyB)).as(out.toString()).isZero();

        // Both keys, as a folder looked up by key id: the chain restores record for record.
        assertThat(run("restore", "--from", root, "--namespace", "test,restore", "--hosts", CLUSTER.hosts(),
                "--encryption-key-file", temp.resolve("keys").toString(), "--json")).as(err.toString()).isZero();
        Map<String, BackupRecord> original = BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(set));
        Map<String, BackupRecord> restored = BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set));
        assertThat(restored.keySet()).isEqualTo(original.keySet()).hasSize(340);
        original.forEach((digest, record) -> assertThat(restored.get(digest).bins()).isEqualTo(record.bins()));

        // export-asb needs the keys too; import-asb encrypts the full it makes.
        String asb = temp.resolve("asb").toString();
        assertThat(run("export-asb", "--from", root, "--namespace", "test", "--to", asb)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("needs its key").contains("nothing was written");
        assertThat(run("export-asb", "--from", root, "--namespace", "test", "--to", asb, "--encryption-key-file",
                keyA, "--encryption-key-file", keyB)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("340 records");
        String imported = temp.resolve("imported").toString();
        assertThat(run("import-asb", "--from", asb, "--to", imported, "--namespace", "test",
                "--encryption-key-file", keyA)).as(err.toString()).isZero();
        assertThat(manifests(imported)).singleElement().satisfies(m -> {
            assertThat(m.encryptionKeyId()).isEqualTo(EncryptionKey.of(KEY_A).id());
            assertThat(m.recordCount()).isEqualTo(340);
        });
        assertThat(run("verify", "--from", imported, "--encryption-key-file", keyA)).as(out.toString()).isZero();

        // Compacting the rotated chain reads with both keys and writes with the first one given.
        assertThat(run("compact", "--to", root, "--namespace", "test", "--encryption-key-file", keyB,
                "--encryption-key-file", keyA)).as(err.toString()).isZero();
        BackupManifest compacted = manifests(root).get(2);
        assertThat(compacted.encryptionKeyId()).isEqualTo(EncryptionKey.of(KEY_B).id());
        assertThat(run("verify", "--from", root, "--namespace", "test", "--backup", compacted.backupId(),
                "--encryption-key-file", keyB)).as(out.toString()).isZero();
    }

    @Test
    void aChangedManifestOrAFlippedByteIsNamedBeforeAnyWrite() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("tamper");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 200, 6);
        String root = temp.resolve("t").toString();
        String key = keyFile("k.key", KEY_A, true);
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--to", root,
                "--parallelism", "1", "--encryption-key-file", key)).as(err.toString()).isZero();
        BackupManifest m = manifests(root).get(0);
        java.nio.file.Path manifest = local(CatalogPaths.manifest(new Path(root), "test",
                m.backupId()));
        java.nio.file.Path data = local(new Path(CatalogPaths.backupDir(new Path(root), "test",
                m.backupId()), m.files().get(0).path()));
        String[] restore = {"restore", "--from", root, "--namespace", "test,restore", "--hosts", CLUSTER.hosts(),
            "--encryption-key-file", key, "--set", set};

        // A changed manifest (here: a lower record count, to hide rows) fails its HMAC.
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.replace("\"recordCount\" : 200", "\"recordCount\" : 199"));
        assertThat(run(restore)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(m.backupId()).contains("HMAC").contains("nothing was written");
        // An incremental would start its window where the changed manifest says: refused as well.
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--to", root,
                "--parallelism", "1", "--encryption-key-file", key, "--incremental")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot take an incremental from backup " + m.backupId())
                .contains("HMAC");
        assertThat(manifests(root)).as("no backup was added").hasSize(1);
        Files.writeString(manifest, json);

        // A flipped byte in a data file is named, and nothing is written.
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(data, bytes);
        assertThat(run(restore)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(data.getFileName().toString()).contains("nothing was written");
        assertThat(run("verify", "--from", root, "--encryption-key-file", key)).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains(data.getFileName().toString());
        assertThat(BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set))).isEmpty();
    }
}
