package io.aerobackup.asb;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.cli.CliTestSupport;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A real backup of every client-writable type, exported to .asb and imported again: the same records, byte for byte. */
class AsbRoundTripITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    @TempDir
    java.nio.file.Path temp;

    @Test
    void backupExportImportGivesTheSameRecords() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("asb");
        WritePolicy keyed = new WritePolicy();
        keyed.sendKey = true;
        WritePolicy ttl = new WritePolicy(keyed);
        ttl.expiration = 86_400;
        Map<Object, Object> unordered = new LinkedHashMap<>();
        unordered.put("z", 1L);
        unordered.put(5L, List.of("x", 2.5));
        Map<Object, Object> sorted = new TreeMap<>(Map.of("b", 2L, "a", "one"));
        List<Object> list = new ArrayList<>(List.of(1L, "two", 3.5, List.of(true), Map.of("k", new byte[] {1})));
        String point = "{\"type\":\"Point\",\"coordinates\":[-122.25,37.5]}";
        CLUSTER.client().put(keyed, new Key("test", set, 1L), new Bin("min", Long.MIN_VALUE),
                new Bin("d", 0.1d), new Bin("negzero", -0.0d), new Bin("inf", Double.POSITIVE_INFINITY));
        CLUSTER.client().put(keyed, new Key("test", set, "str key"), new Bin("uni", "h\u00e9llo \n \uD83D\uDE80"),
                new Bin("empty", ""), new Bin("b", new byte[] {0, 10, 32, -1}), new Bin("t", true),
                new Bin("f", false));
        CLUSTER.client().put(keyed, new Key("test", set, new byte[] {9, 8, 7}), new Bin("l", list),
                new Bin("umap", unordered), new Bin("tree", new Value.MapValue(sorted, MapOrder.KEY_ORDERED)),
                new Bin("geo", Value.getAsGeoJSON(point)));
        CLUSTER.client().put(ttl, new Key("test", set, "unkeyed-ttl"), new Bin("i", 12L));
        CLUSTER.client().put(null, new Key("test", set, 99L), new Bin("i", 99L));

        String catalog = temp.resolve("cat").toString();
        StringWriter err = new StringWriter();
        assertThat(CliTestSupport.cli(err, "backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set",
                set, "--to", catalog, "--parallelism", "1")).as(err.toString()).isZero();
        assertThat(CliTestSupport.cli(err, "export-asb", "--from", catalog, "--namespace", "test", "--to",
                temp.resolve("asb").toString())).as(err.toString()).isZero();
        assertThat(CliTestSupport.cli(err, "import-asb", "--from", temp.resolve("asb").toString(), "--to",
                catalog, "--namespace", "imported")).as(err.toString()).isZero();

        Catalog cat = new Catalog(new Path(temp.resolve("cat").toUri()));
        BackupManifest original = ChainResolver.latest(cat, "test").target();
        BackupManifest imported = ChainResolver.latest(cat, "imported").target();
        List<BackupRecord> before = BackupTestSupport.readBackup(cat.root(), original);
        List<BackupRecord> after = BackupTestSupport.readBackup(cat.root(), imported);
        assertThat(before).hasSize(5);
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
        for (BackupRecord want : before) {
            BackupRecord got = after.get(after.indexOf(want));
            for (var bin : want.bins()) {
                var g = got.bins().stream().filter(b -> b.name().equals(bin.name())).findFirst().orElseThrow();
                assertThat(g.particle()).as(bin.name()).isEqualTo(bin.particle());
            }
        }
        assertThat(imported.options()).containsEntry("sourceNamespace", "test");
    }
}
