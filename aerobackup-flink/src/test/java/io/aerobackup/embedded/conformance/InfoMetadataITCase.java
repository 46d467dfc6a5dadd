package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Language;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.task.IndexTask;
import com.aerospike.client.task.RegisterTask;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metadata info commands through the client's own helpers, checked against the formats a real
 * Aerospike 8 CE node answers with: secondary-index definitions ({@code sindex-list}), UDF modules
 * ({@code udf-list}, {@code udf-get}) and truncation (whole set, or before a last-update cut).
 */
class InfoMetadataITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final String NS = "test";
    private static final int TASK_TIMEOUT_MILLIS = 15_000;
    private static final String LUA = "-- conformance test module\n"
            + "function answer(rec)\n"
            + "  return 42\n"
            + "end\n";

    private static Node[] nodes() {
        return CLUSTER.client().getNodes();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    private static List<Integer> scanIds(String set) {
        List<Integer> ids = Collections.synchronizedList(new ArrayList<>());
        CLUSTER.client().scanPartitions(new ScanPolicy(), PartitionFilter.all(), NS, set,
                (k, r) -> ids.add(r.getInt("id")));
        List<Integer> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        return sorted;
    }

    private static void write(String set, int from, int to) {
        for (int i = from; i < to; i++) {
            CLUSTER.client().put(null, new Key(NS, set, i), new Bin("id", i), new Bin("v", i * 10));
        }
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    @Test
    void createdIndexIsListedInTheDocumentedFormatAndDropRemovesIt() {
        AerospikeClient client = CLUSTER.client();
        String set = AerospikeTestCluster.uniqueSet("sidx");
        String name = unique("idx_");
        write(set, 0, 10);
        IndexTask created = client.createIndex(null, NS, set, name, "v", IndexType.NUMERIC);
        created.waitTillComplete(20, TASK_TIMEOUT_MILLIS);
        String line = "ns=" + NS + ":indexname=" + name + ":set=" + set
                + ":bin=v:type=numeric:indextype=default:context=null:exp=null:state=RW";
        for (Node node : nodes()) {
            String list = Info.request(node, "sindex-list:namespace=" + NS);
            assertThat(list).doesNotEndWith(";");
            assertThat(List.of(list.split(";"))).as("sindex-list on %s", node).contains(line);
            assertThat(Info.request(node, "sindex-exists:namespace=" + NS + ";indexname=" + name)).isEqualTo("true");
        }
        // The same name and definition again is accepted.
        client.createIndex(null, NS, set, name, "v", IndexType.NUMERIC).waitTillComplete(20, TASK_TIMEOUT_MILLIS);

        client.dropIndex(null, NS, set, name).waitTillComplete(20, TASK_TIMEOUT_MILLIS);
        for (Node node : nodes()) {
            assertThat(Info.request(node, "sindex-list:namespace=" + NS)).doesNotContain("indexname=" + name + ":");
            assertThat(Info.request(node, "sindex-exists:namespace=" + NS + ";indexname=" + name)).isEqualTo("false");
        }
    }

    @Test
    void indexWithTheSameNameAndAnotherDefinitionIsRejected() {
        String set = AerospikeTestCluster.uniqueSet("sidx2");
        String name = unique("idx_");
        Node node = nodes()[0];
        String create = "sindex-create:namespace=" + NS + ";set=" + set + ";indexname=" + name;
        assertThat(Info.request(node, create + ";type=numeric;bin=a")).isEqualTo("ok");
        try {
            assertThat(Info.request(node, create + ";type=string;bin=b"))
                    .isEqualTo("ERROR:200:'indexname' already exists with different definition");
        } finally {
            assertThat(Info.request(node, "sindex-delete:namespace=" + NS + ";indexname=" + name)).isEqualTo("ok");
        }
    }

    @Test
    void sindexCreateParameterErrorsUseTheRealMessages() {
        Node node = nodes()[0];
        assertThat(Info.request(node, "sindex-create:namespace=" + NS + ";indexname=x1;bin=a;type=float"))
                .isEqualTo("ERROR:4:bad 'type' - must be one of 'numeric', 'string', 'blob', 'geo2dsphere'");
        assertThat(Info.request(node, "sindex-create:namespace=" + NS + ";indexname=x1;bin=a"))
                .isEqualTo("ERROR:4:both 'indexdata' and 'type' are missing");
        assertThat(Info.request(node, "sindex-create:indexname=x1;bin=a;type=numeric"))
                .isEqualTo("ERROR:20:missing 'namespace'");
        assertThat(Info.request(node, "sindex-delete:namespace=" + NS + ";indexname=" + unique("never_")))
                .as("deleting a missing index").isEqualTo("ok");
    }

    @Test
    void registeredUdfIsListedAndServedAsBase64AndRemoveDeletesIt() {
        AerospikeClient client = CLUSTER.client();
        String file = unique("conf_") + ".lua";
        RegisterTask task = client.registerUdfString(null, LUA, file, Language.LUA);
        task.waitTillComplete(20, TASK_TIMEOUT_MILLIS);
        String content = Base64.getEncoder().encodeToString(LUA.getBytes(StandardCharsets.UTF_8));
        for (Node node : nodes()) {
            String list = Info.request(node, "udf-list");
            assertThat(list).endsWith(";");
            assertThat(list).containsPattern("filename=" + file.replace(".", "\\.") + ",hash=[0-9a-fA-F]{40},type=LUA;");
            assertThat(Info.request(node, "udf-get:filename=" + file)).isEqualTo("type=LUA;content=" + content + ";");
        }
        client.removeUdf(null, file);
        ClusterWait.until(() -> {
            for (Node node : nodes()) {
                if (Info.request(node, "udf-list").contains("filename=" + file + ",")) {
                    return false;
                }
            }
            return true;
        }, TASK_TIMEOUT_MILLIS, file + " gone from udf-list");
        for (Node node : nodes()) {
            assertThat(Info.request(node, "udf-get:filename=" + file)).isEqualTo("error=not_found");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"noextension", ".lua", "trailingdot."})
    void udfPutWithoutAProperExtensionIsAnInvalidFilename(String file) {
        String content = Base64.getEncoder().encodeToString(LUA.getBytes(StandardCharsets.UTF_8));
        String answer = Info.request(nodes()[0], "udf-put:filename=" + file + ";content=" + content
                + ";content-len=" + content.length() + ";udf-type=LUA;");
        assertThat(answer).isEqualTo("error=invalid_filename");
    }

    @Test
    void udfPutWithAContentLengthNotAMultipleOfFourIsRejected() {
        assertThat(Info.request(nodes()[0], "udf-put:filename=bad.lua;content=abc;content-len=3;udf-type=LUA;"))
                .isEqualTo("error=invalid_content_len");
        assertThat(Info.request(nodes()[0], "udf-put:filename=bad.lua;content=abcd;content-len=8;udf-type=LUA;"))
                .isEqualTo("error=invalid_content");
    }

    @Test
    void truncateOfASetRemovesOnlyThatSetsRecords() {
        String set = AerospikeTestCluster.uniqueSet("trunc");
        String other = AerospikeTestCluster.uniqueSet("keep");
        write(set, 0, 100);
        write(other, 0, 20);
        // Truncating "now" removes records updated strictly before now: let the clock leave the last write's ms.
        ClusterWait.clockPast(System.currentTimeMillis(), 2);
        CLUSTER.client().truncate(null, NS, set, null);
        ClusterWait.until(() -> scanIds(set).isEmpty(), TASK_TIMEOUT_MILLIS, "truncated set to scan empty");
        assertThat(CLUSTER.client().get(null, new Key(NS, set, 5))).isNull();
        assertThat(scanIds(other)).isEqualTo(range(0, 20));
        ClusterWait.until(() -> {
            long objects = 0;
            for (Node node : nodes()) {
                String entry = Info.request(node, "sets/" + NS);
                assertThat(entry).as("a truncated set stays listed").contains(":set=" + set + ":");
                objects += objectsOf(entry, set);
            }
            return objects == 0;
        }, TASK_TIMEOUT_MILLIS, "set objects of " + set + " to reach 0");
        write(set, 200, 203);
        assertThat(scanIds(set)).as("writes after a truncate are kept").isEqualTo(range(200, 203));
    }

    @Test
    void truncateBeforeALastUpdateCutRemovesOnlyOlderRecords() {
        String set = AerospikeTestCluster.uniqueSet("trunccut");
        write(set, 0, 30);
        long cut = ClusterWait.clockPast(System.currentTimeMillis(), 5);
        ClusterWait.clockPast(cut, 5);
        write(set, 100, 130);
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(cut);
        CLUSTER.client().truncate(null, NS, set, calendar);
        ClusterWait.until(() -> scanIds(set).equals(range(100, 130)), TASK_TIMEOUT_MILLIS,
                "only the records written after the cut");
        assertThat(CLUSTER.client().get(null, new Key(NS, set, 0))).isNull();
        assertThat(CLUSTER.client().get(null, new Key(NS, set, 100)).getInt("v")).isEqualTo(1000);
    }

    @Test
    void truncateCommandErrorsUseTheRealMessages() {
        Node node = nodes()[0];
        long futureNanos = (System.currentTimeMillis() + 3_600_000L) * 1_000_000L;
        assertThat(Info.request(node, "truncate:namespace=" + NS + ";set=x;lut=" + futureNanos))
                .isEqualTo("ERROR:4:would truncate in the future");
        assertThat(Info.request(node, "truncate:namespace=" + NS)).isEqualTo("ERROR:4:missing 'set'");
        assertThat(Info.request(node, "truncate:set=x")).isEqualTo("ERROR:20:missing 'namespace'");
        assertThat(Info.request(node, "truncate-namespace:namespace=" + NS + ";set=x"))
                .isEqualTo("ERROR:4:unexpected set name");
    }

    private static long objectsOf(String sets, String set) {
        for (String entry : sets.split(";")) {
            if (entry.contains(":set=" + set + ":")) {
                for (String kv : entry.split(":")) {
                    if (kv.startsWith("objects=")) {
                        return Long.parseLong(kv.substring("objects=".length()));
                    }
                }
            }
        }
        return 0;
    }
}
