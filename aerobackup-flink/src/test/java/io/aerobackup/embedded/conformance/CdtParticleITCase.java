package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * List and map particles written as raw bytes: what the server refuses (result code 1, as
 * as/src/base/particle_map.c and particle_list.c answer for anything cdt_untrusted_rewrite
 * rejects) and the exact bytes it stores (unordered maps sorted by key, compact msgpack, dropped
 * flag bits). Strings inside CDTs carry their particle-type byte: "a" is a2 03 61. Persist-index
 * flags (0x10) are not exercised: a malformed one crashes asd 8.1.0.3.
 */
class CdtParticleITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();
    private static final int MAP = 19;
    private static final int LIST = 20;

    private final String set = AerospikeTestCluster.uniqueSet("cdt");
    private final AerospikeClient client = CLUSTER.client();

    @ParameterizedTest(name = "{0} {1} is stored as {2}")
    @CsvSource({
            // maps: key-ordered and sorted stays; unordered is sorted by key; unknown flag bits go
            "map,  83c70001c0a2036101a2036202, 83c70001c0a2036101a2036202",
            "map,  83c70003c0a2036101a2036202, 83c70003c0a2036101a2036202",
            "map,  82a2036202a2036101,         82a2036101a2036202",
            "map,  8203010101,                 8201010301",
            "map,  83c70004c0a2036202a2036101, 82a2036101a2036202",
            "map,  83c70002c0a2036202a2036101, 83c70002c0a2036101a2036202",
            "map,  82d50a0000c0a2036101,       82c70002c0a2036101",
            "map,  82a2036201a20361c0,         82a20361c0a2036201",
            "map,  81a2046101,                 81a2046101",
            "map,  8401010202030304c0,         8401010202030304c0",
            "map,  de00010101,                 810101",
            "map,  80,                         80",
            // lists: ordered and in order stays; headers, integers and strings become compact
            "list, 93c700010102,               93c700010102",
            "list, 92c7000101,                 92c7000101",
            "list, dc000101,                   9101",
            "list, dc0000,                     90",
            "list, 91cd0005,                   9105",
            "list, 91d200000005,               9105",
            "list, 91d1ffff,                   91ff",
            "list, 91d1ff00,                   91d1ff00",
            "list, 91c403010203,               91a3010203",
            "list, 91ca3f800000,               91ca3f800000",
            "list, 91cf0000000100000000,       91cf0000000100000000",
            "list, 92d40a0001,                 92d40a0001",
            "list, 92d50a000001,               9101",
            "list, 92c7010a0001,               9101",
    })
    void storedAs(String type, String written, String stored) {
        Key key = new Key(NAMESPACE, set, type + written);
        int particle = type.equals("map") ? MAP : LIST;
        RawParticles.put(client, key, "b", particle, written);
        assertThat(RawParticles.read(client, key)).containsEntry("b", particle + ":" + stored);
    }

    @ParameterizedTest(name = "{0} {1} is refused ({2})")
    @CsvSource({
            "map,  83c70001c0a2036202a2036101, key-ordered map out of order",
            "map,  83c70003c0a2036202a2036101, key-value-ordered map out of order",
            "map,  820101010102,               duplicate keys",
            "map,  82a2036101a2036101,         duplicate string keys",
            "map,  81cb3ff000000000000001,     double key",
            "map,  8192010201,                 list key",
            "map,  81c001,                     nil key",
            "map,  81a0,                       empty string key without its type byte",
            "map,  82d0ff01ff02,               duplicate keys in different encodings",
            "map,  81010100,                   trailing byte",
            "map,  8101,                       missing value",
            "map,  90,                         a list in a map bin",
            "list, 80,                         a map in a list bin",
            "list, c0,                         not a list",
            "list, 93c700010201,               ordered list out of order",
            "list, 93c70001a20362a20361,       ordered list of strings out of order",
            "list, 9301,                       missing elements",
            "list, 92d4ff0001,                 comparison-only ext value",
            "list, 92c8000101ff,               truncated ext",
    })
    void refused(String type, String written, String why) {
        Key key = new Key(NAMESPACE, set, type + written);
        assertResultCode(ResultCode.SERVER_ERROR,
                () -> RawParticles.put(client, key, "b", type.equals("map") ? MAP : LIST, written));
        assertThat(client.exists(null, key)).isFalse();
    }
}
