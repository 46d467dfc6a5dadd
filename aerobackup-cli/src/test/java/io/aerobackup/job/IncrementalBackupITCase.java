package io.aerobackup.job;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.cli.CliTestSupport;
import io.aerobackup.cli.ExitCodes;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.embedded.EmbeddedAerospike;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bounded incrementals: a delta holds what changed since its parent, and the chain restores to the current state. */
class IncrementalBackupITCase {
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
        return backupWithDefaultMargin(CLUSTER.hosts(), to, set, concat(new String[] {"--clock-skew-margin", "0"}, extra));
    }

    /** A backup with the default clock-skew margin (10 s). */
    private int backupWithDefaultMargin(String hosts, String to, String set, String... extra) {
        return cli(concat(new String[] {"backup", "--hosts", hosts, "--namespace", "test", "--set", set, "--to", to,
            "--parallelism", "1"}, extra));
    }

    private static String[] concat(String[] base, String[] extra) {
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    private static void write(String set, int from, int to, String value) {
        write(CLUSTER.client(), set, from, to, value);
    }

    private static void write(AerospikeClient client, String set, int from, int to, String value) {
        for (int i = from; i < to; i++) {
            client.put(null, new Key("test", set, i), new Bin("v", value + i));
        }
    }

    /** Lets the clock leave the current millisecond, so later writes have a later last-update time. */
    private static void tick() throws InterruptedException {
        Thread.sleep(20);
    }

    @Test
    void deltasHoldOnlyTheChangesAndTheChainRestoresTheCurrentState() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("inc");
        String to = temp.resolve("cat").toString();
        Catalog catalog = new Catalog(new Path(to));
        write(set, 0, 300, "v0-");
        tick();
        assertThat(backup(to, set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest full = catalog.latest("test").orElseThrow();
        tick();
        write(set, 0, 20, "v1-");
        write(set, 300, 310, "new-");
        tick();
        assertThat(backup(to, set, "--incremental")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest delta1 = catalog.latest("test").orElseThrow();
        tick();
        write(set, 10, 15, "v2-");
        tick();
        assertThat(backup(to, set, "--incremental")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest delta2 = catalog.latest("test").orElseThrow();
        tick();
        assertThat(backup(to, set, "--incremental", "--cumulative")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest cumulative = catalog.latest("test").orElseThrow();

        assertThat(full.kind()).isEqualTo(BackupManifest.FULL);
        assertThat(full.recordCount()).isEqualTo(300);
        assertThat(delta1.kind()).isEqualTo(BackupManifest.DELTA);
        assertThat(delta1.parentId()).isEqualTo(full.backupId());
        assertThat(delta1.windowFromMillis()).isNotNull();
        assertThat(delta1.recordCount()).as("20 updated + 10 new").isEqualTo(30);
        assertThat(delta2.parentId()).isEqualTo(delta1.backupId());
        assertThat(delta2.windowFromMillis()).isEqualTo(delta1.windowToMillis());
        assertThat(keysOf(delta2)).containsExactlyInAnyOrderElementsOf(digestsOf(set, 10, 15));
        assertThat(cumulative.parentId()).isEqualTo(full.backupId());
        assertThat(cumulative.recordCount()).as("everything changed since the full").isEqualTo(30);

        assertThat(cli("restore", "--from", to, "--namespace", "test,restore", "--backup", delta2.backupId(),
                "--hosts", CLUSTER.hosts())).as(err.toString()).isEqualTo(ExitCodes.OK);
        Map<String, BackupRecord> source = BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(set));
        Map<String, BackupRecord> restored = BackupTestSupport.clusterRecords(CLUSTER.client(), "restore", List.of(set));
        assertThat(restored.keySet()).isEqualTo(source.keySet());
        source.forEach((digest, record) -> assertThat(restored.get(digest).bins()).isEqualTo(record.bins()));
    }

    @Test
    void anIncrementalWithoutAParentNeedsFullIfMissing() {
        String set = AerospikeTestCluster.uniqueSet("noparent");
        write(set, 0, 10, "x");
        String to = temp.resolve("empty").toString();
        assertThat(backup(to, set, "--incremental")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("run a full backup first").contains("--full-if-missing");
        assertThat(backup(to, set, "--incremental", "--full-if-missing")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(cli("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--to", to, "--cumulative"))
                .isEqualTo(ExitCodes.USAGE);
    }

    /**
     * The defect this guards against: with the default margin, writes made in the 10 s before an
     * incremental were left out of it, and restoring the chain silently gave the state before them.
     */
    @Test
    void writesMadeJustBeforeAnIncrementalAreInItAndTheChainRestoresThem() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("recent");
        assertWritesJustBeforeAnIncrementalAreRestored(CLUSTER.client(), CLUSTER.hosts(), set,
                temp.resolve("recent").toString());
    }

    /** Node clocks behind or ahead of the client's by less than the margin lose nothing either. */
    @Test
    void serverClocksSkewedByAFewSecondsLoseNothing() throws Exception {
        assumeTrue(CLUSTER.isEmbedded(), "skews the embedded server's clock");
        for (int skewSeconds : new int[] {-3, 3}) {
            Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(skewSeconds));
            try (EmbeddedAerospike server = EmbeddedAerospike.builder().clock(skewed).build().start();
                 AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(server.hosts(), 3000))) {
                assertWritesJustBeforeAnIncrementalAreRestored(client, server.hosts(), "skew",
                        temp.resolve("skew" + skewSeconds).toString());
            }
        }
    }

    private void assertWritesJustBeforeAnIncrementalAreRestored(AerospikeClient client, String hosts, String set,
                                                              String to) throws Exception {
        Catalog catalog = new Catalog(new Path(to));
        write(client, set, 0, 200, "v0-");
        assertThat(backupWithDefaultMargin(hosts, to, set)).as(err.toString()).isEqualTo(ExitCodes.OK);
        write(client, set, 0, 50, "v1-");
        write(client, set, 200, 210, "new-");
        assertThat(backupWithDefaultMargin(hosts, to, set, "--incremental")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest delta = catalog.latest("test").orElseThrow();
        assertThat(delta.kind()).isEqualTo(BackupManifest.DELTA);
        Set<String> changed = digestsOf(set, 0, 50);
        changed.addAll(digestsOf(set, 200, 210));
        assertThat(keysOf(to, delta)).containsAll(changed);
        assertThat(delta.windowToMillis()).as("covered time T = scan start - margin")
                .isLessThanOrEqualTo(Instant.parse(delta.startedAt()).toEpochMilli() - 10_000);
        // A second incremental right away starts at the first one's T: the overlap repeats the writes.
        assertThat(backupWithDefaultMargin(hosts, to, set, "--incremental")).as(err.toString()).isEqualTo(ExitCodes.OK);
        BackupManifest second = catalog.latest("test").orElseThrow();
        assertThat(second.windowFromMillis()).isEqualTo(delta.windowToMillis());
        assertThat(keysOf(to, second)).containsAll(changed);

        // Restore the chain as of now: the point in time picks the newest delta, not the full.
        client.truncate(null, "restore", set, null);
        assertThat(cli("restore", "--from", to, "--namespace", "test,restore", "--time", Instant.now().toString(),
                "--hosts", hosts)).as(err.toString()).isEqualTo(ExitCodes.OK);
        Map<String, BackupRecord> source = BackupTestSupport.clusterRecords(client, "test", List.of(set));
        Map<String, BackupRecord> restored = BackupTestSupport.clusterRecords(client, "restore", List.of(set));
        assertThat(restored.keySet()).isEqualTo(source.keySet());
        source.forEach((digest, record) -> assertThat(restored.get(digest).bins()).isEqualTo(record.bins()));
    }

    private Set<String> keysOf(BackupManifest manifest) throws Exception {
        return keysOf(temp.resolve("cat").toString(), manifest);
    }

    private Set<String> keysOf(String root, BackupManifest manifest) throws Exception {
        Set<String> digests = new HashSet<>();
        for (BackupRecord row : BackupTestSupport.readBackup(new Path(root), manifest)) {
            digests.add(row.digestHex());
        }
        return digests;
    }

    private static Set<String> digestsOf(String set, int from, int to) {
        Set<String> digests = new HashSet<>();
        for (int i = from; i < to; i++) {
            digests.add(java.util.HexFormat.of().formatHex(new Key("test", set, i).digest));
        }
        return digests;
    }
}
