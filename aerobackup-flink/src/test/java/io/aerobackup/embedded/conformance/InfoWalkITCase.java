package io.aerobackup.embedded.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The info commands backup and restore tools send, answered exactly as Aerospike 8.1.0.3 CE
 * answers them: edition-gated commands, the build, secondary-index definitions through every
 * command that lists them, index statistics keys, metadata changes without a namespace check, and
 * the UDF hash (SHA-1 of the module's system-metadata JSON, as/src/base/udf_cask.c).
 * Indexes go to the {@code restore} namespace under unique names and are dropped again.
 */
class InfoWalkITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();
    private static final String NS = "restore";

    private static String info(String command) {
        Node node = CLUSTER.client().getNodes()[0];
        return Info.request(node, command);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"peers-tls-std", "peers-tls-alt", "service-tls-std", "service-tls-alt", "alumni-tls-std",
        "rack-ids", "racks:", "roster:", "quiesce:", "revive:namespace=test", "xdr-get-filter:dc=x;namespace=test"})
    void enterpriseOnlyCommandsAreRefusedOnCommunityEdition(String command) {
        assertThat(info("edition")).isEqualTo("Aerospike Community Edition");
        assertThat(info(command)).isEqualTo("ERROR:25:enterprise only");
    }

    @Test
    void buildAndVersionAreThoseOfTheReferenceServer() {
        assertThat(info("build")).isEqualTo("8.1.0.3");
        assertThat(info("version")).isEqualTo("Aerospike Community Edition build 8.1.0.3");
    }

    @Test
    void indexDefinitionsAreListedAlikeByEveryListingCommand() {
        String set = unique("walk");
        String numeric = unique("wi_");
        String list = unique("wj_");
        assertThat(info("sindex-create:namespace=" + NS + ";indexname=" + numeric + ";set=" + set
                + ";bin=age;type=numeric")).isEqualTo("ok");
        assertThat(info("sindex-create:ns=" + NS + ";indexname=" + list + ";indexdata=name,string;indextype=list"))
                .isEqualTo("ok");
        try {
            String numericLine = "ns=" + NS + ":indexname=" + numeric + ":set=" + set
                    + ":bin=age:type=numeric:indextype=default:context=null:exp=null:state=RW";
            String listLine = "ns=" + NS + ":indexname=" + list
                    + ":set=null:bin=name:type=string:indextype=list:context=null:exp=null:state=RW";
            // A namespace-wide index on a real server builds over the records already there (WO until done).
            long deadline = System.currentTimeMillis() + 120_000;
            while (!info("sindex-list:ns=" + NS).contains(listLine) && System.currentTimeMillis() < deadline) {
                sleepQuietly(200);
            }
            for (String command : new String[] {"sindex-list:ns=" + NS, "sindex-list:ns=" + NS + ";b64=true",
                "sindex-list", "sindex/" + NS, "sindex"}) {
                assertThat(ours(info(command), numeric, list)).as(command)
                        .containsExactlyInAnyOrder(numericLine, listLine);
            }
            assertThat(info("sindex/" + NS + "/" + numeric).replaceAll("used_bytes=\\d+", "used_bytes=N"))
                    .isEqualTo("entries=0;used_bytes=N;entries_per_bval=0;entries_per_rec=0;load_pct=100;"
                            + "load_time=0;stat_gc_recs=0");
            assertThat(info("sindex-exists:ns=" + NS + ";indexname=" + numeric)).isEqualTo("true");
            assertThat(info("sindex/" + NS + "/" + unique("none_"))).isEqualTo("ERROR:201:no index");
        } finally {
            assertThat(info("sindex-delete:ns=" + NS + ";indexname=" + numeric)).isEqualTo("ok");
            assertThat(info("sindex-delete:ns=" + NS + ";indexname=" + list)).isEqualTo("ok");
        }
        assertThat(ours(info("sindex-list:ns=" + NS), numeric, list)).isEmpty();
    }

    private static java.util.List<String> ours(String listing, String... names) {
        return Arrays.stream(listing.split(";"))
                .filter(line -> Arrays.stream(names).anyMatch(n -> line.contains(":indexname=" + n + ":")))
                .collect(Collectors.toList());
    }

    @Test
    void indexCommandsOnAnUnknownNamespace() {
        assertThat(info("sindex/nosuch_ns")).isEqualTo("ns_type=unknown");
        assertThat(info("sindex/nosuch_ns/x")).isEqualTo("ns_type=unknown");
        assertThat(info("sindex-list:ns=nosuch_ns")).isEqualTo("ERROR:20:namespace not found on node");
        // Definitions are cluster-wide metadata: create and delete do not check the namespace.
        String name = unique("nx_");
        assertThat(info("sindex-create:ns=nosuch_ns;indexname=" + name + ";indexdata=b,numeric")).isEqualTo("ok");
        assertThat(info("sindex-delete:ns=nosuch_ns;indexname=" + name)).isEqualTo("ok");
    }

    @Test
    void udfListHashesTheModulesMetadataValue() throws Exception {
        String file = unique("walk_") + ".lua";
        String content = Base64.getEncoder().encodeToString(
                "function walk(r)\n  return 1\nend\n".getBytes(StandardCharsets.UTF_8));
        assertThat(info("udf-put:filename=" + file + ";content=" + content + ";content-len=" + content.length()
                + ";udf-type=LUA;")).isEqualTo("ok");
        try {
            String json = "{\"content64\": \"" + content + "\", \"type\": \"LUA\", \"name\": \"" + file + "\"}";
            String hash = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(json.getBytes(StandardCharsets.UTF_8)));
            assertThat(info("udf-list")).contains("filename=" + file + ",hash=" + hash + ",type=LUA;");
            assertThat(info("udf-get:filename=" + file)).isEqualTo("type=LUA;content=" + content + ";");
        } finally {
            assertThat(info("udf-remove:filename=" + file)).isEqualTo("ok");
        }
        assertThat(info("udf-get:filename=" + file)).isEqualTo("error=not_found");
    }

    /**
     * Parameter errors, exactly as 8.1 words them. (A missing indexname on sindex-exists and
     * sindex-delete is answered with the error followed by the normal reply; the embedded server
     * does that too, but the real server reads an uninitialised name then, so it is not sent here.)
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "sindex-exists:ns=nosuch_ns;indexname=x               | ERROR:20:namespace not found on node",
            "sindex-create:ns=test;indexname=walk_x;indexdata=b   | ERROR:4:'indexdata' missing bin type",
            "sindex-create:ns=test;indexname=walk_x;indexdata=b,bogus | ERROR:4:bad 'indexdata' bin type - must be one of 'numeric', 'string', 'blob', 'geo2dsphere'",
            "sindex-create:ns=test;indexname=walk_x;indexdata=b,numeric;indextype=bogus | ERROR:4:bad 'indextype' - must be one of 'default', 'list', 'mapkeys', 'mapvalues'",
            "sindex-create:ns=test;indexname=walk_x;type=numeric  | ERROR:4:both 'bin' and 'exp' are missing",
            "sindex-create:ns=test;indexname=walk_x               | ERROR:4:both 'indexdata' and 'type' are missing",
            "sindex-create:indexname=x                            | ERROR:20:missing 'namespace'",
            "sindex-create:ns=test                                | ERROR:4:missing 'indexname'",
            "sindex-delete:indexname=x                            | ERROR:20:missing 'namespace'",
            "sindex-list:ns=                                      | ERROR:20:missing 'namespace' value",
            "sindex-list:b64=maybe                                | ERROR:4:bad b64",
            "truncate:namespace=test;set=walk_none;lut=abc        | ERROR:4:would truncate to 0",
            "truncate:namespace=test;set=walk_none;lut=1000000000000000 | ERROR:4:would truncate to 0",
            "truncate:namespace=test;set=walk_none;lut=99999999999999999999 | ERROR:4:would truncate in the future",
            "truncate:namespace=test;set=walk_none;lut=123456789012345678901234 | ERROR:4:'lut' value too long",
            "truncate:namespace=;set=x                            | ERROR:20:missing 'namespace' value",
            "truncate-namespace:                                  | ERROR:20:missing 'namespace'",
            "truncate-namespace:namespace=test;set=x              | ERROR:4:unexpected set name",
            "namespace/                                           | type=unknown",
            "sets/nosuch_ns/x                                     | ns_type=unknown",
            "udf-put:filename=walk_x                              | error=invalid_filename",
            "udf-put:filename=.lua;content-len=4;content=AAAA     | error=invalid_filename",
            "udf-put:filename=walk_x.lua;content-len=3;content=AAA | error=invalid_content_len",
            "udf-put:filename=walk_x.lua;content-len=8;content=AAAA | error=invalid_content",
            "udf-put:filename=walk_x.lua;content-len=4;content=A!!A | error=invalid_base64_content",
            "udf-put:filename=walk_x.lua;content-len=4;content=AAAA;udf-type=PY | error=invalid_udf_type",
            "udf-get                                              | error=invalid_filename",
    })
    void parameterErrorsAreWordedAsOnTheRealServer(String command, String answer) {
        assertThat(info(command)).isEqualTo(answer);
    }

    @Test
    void truncateErrorsAndUnknownNamespaces() {
        assertThat(info("truncate:namespace=" + NS + ";set=" + unique("t") + ";lut=0"))
                .isEqualTo("ERROR:4:would truncate to 0");
        assertThat(info("truncate:namespace=nosuch_ns;set=x")).isEqualTo("ok");
        assertThat(info("truncate:set=x")).isEqualTo("ERROR:20:missing 'namespace'");
        assertThat(info("truncate:namespace=" + NS)).isEqualTo("ERROR:4:missing 'set'");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
