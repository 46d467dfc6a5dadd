package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Random;

/**
 * Multi-op commands: add, append, prepend, touch, reads mixed with writes, and the type errors of
 * as/src/base/particle_*.c. CDT operations are not implemented by the embedded server; the one
 * test that uses them accepts either outcome, as it documents.
 */
class OperateITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private final Random random = new Random(0x5EED_0005L);
    private final String set = AerospikeTestCluster.uniqueSet("op");
    private final AerospikeClient client = CLUSTER.client();

    private Key key(String name) {
        return new Key(NAMESPACE, set, name);
    }

    @Test
    void addToIntegerAndFloatBins() {
        Key key = key("add");
        long start = random.nextInt(1_000_000);
        long delta = random.nextInt(1000) - 500;
        client.put(null, key, new Bin("i", start), new Bin("f", 1.25d));
        Record record = client.operate(null, key, Operation.add(new Bin("i", delta)),
                Operation.add(new Bin("f", 2.5d)), Operation.get("i"), Operation.get("f"));
        assertThat(record.getLong("i")).isEqualTo(start + delta);
        assertThat(record.getDouble("f")).isEqualTo(3.75d);
        assertThat(record.generation).isEqualTo(2);
        client.add(null, key, new Bin("i", -start - delta));
        assertThat(client.get(null, key).getLong("i")).isZero();
    }

    @Test
    void addWrapsAroundOnOverflow() {
        Key key = key("wrap");
        client.put(null, key, new Bin("i", Long.MAX_VALUE));
        Record record = client.operate(null, key, Operation.add(new Bin("i", 1)), Operation.get("i"));
        assertThat(record.getLong("i")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void addToAMissingBinOrRecordCreatesIt() {
        Key key = key("add-create");
        client.add(null, key, new Bin("n", 5));
        Record record = client.get(null, key);
        assertThat(record.getLong("n")).isEqualTo(5L);
        assertThat(record.generation).isEqualTo(1);
        client.operate(null, key, Operation.add(new Bin("f", 0.5d)));
        assertThat(client.get(null, key).getDouble("f")).isEqualTo(0.5d);
    }

    @Test
    void appendAndPrependToStringsAndBytes() {
        Key key = key("concat");
        client.put(null, key, new Bin("s", "middle"), new Bin("b", new byte[] {2, 3}));
        Record record = client.operate(null, key, Operation.append(new Bin("s", "-end")),
                Operation.prepend(new Bin("s", "start-")), Operation.append(new Bin("b", new byte[] {4})),
                Operation.prepend(new Bin("b", new byte[] {1})), Operation.get());
        assertThat(record.getString("s")).isEqualTo("start-middle-end");
        assertThat(record.getBytes("b")).containsExactly(1, 2, 3, 4);
        client.append(null, key, new Bin("s", "!"));
        client.prepend(null, key, new Bin("s", "\u00bf"));
        assertThat(client.get(null, key).getString("s")).isEqualTo("\u00bfstart-middle-end!");
    }

    @Test
    void readsSeeTheWritesBeforeThem() {
        Key key = key("read-after-write");
        long start = random.nextInt(1000);
        client.put(null, key, new Bin("n", start));
        Record record = client.operate(null, key, Operation.get("n"), Operation.add(new Bin("n", 5)),
                Operation.get("n"), Operation.put(new Bin("s", "new")), Operation.get("s"));
        assertThat(record.getList("n")).isEqualTo(List.of(start, start + 5));
        assertThat(record.getString("s")).isEqualTo("new");
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void getAllInAWriteReturnsEveryBinAfterTheWrites() {
        Key key = key("get-all");
        client.put(null, key, new Bin("a", 1), new Bin("b", "x"));
        Record record = client.operate(null, key, Operation.add(new Bin("a", 10)), Operation.put(new Bin("c", 3.5d)),
                Operation.get());
        assertThat(record.bins).containsOnlyKeys("a", "b", "c");
        assertThat(record.getLong("a")).isEqualTo(11L);
        assertThat(record.getDouble("c")).isEqualTo(3.5d);
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void getAllMayNotBeMixedWithNamedReadsInAWrite() {
        // write_master_policies: "read-all op can't mix with ops that generate response bins" -> 4.
        Key key = key("get-all-mixed");
        client.put(null, key, new Bin("a", 1));
        assertResultCode(ResultCode.PARAMETER_ERROR, () -> client.operate(null, key,
                Operation.add(new Bin("a", 1)), Operation.get(), Operation.get("a")));
        assertThat(client.get(null, key).getLong("a")).isEqualTo(1L);
    }

    @Test
    void readOnlyOperateDoesNotChangeTheRecord() {
        Key key = key("read-only");
        client.put(null, key, new Bin("a", 1), new Bin("b", 2));
        Record record = client.operate(null, key, Operation.get("b"), Operation.get("missing"));
        assertThat(record.bins).containsOnlyKeys("b");
        assertThat(record.generation).isEqualTo(1);
        Record header = client.operate(null, key, Operation.getHeader());
        assertThat(header.bins).isNull();
        assertThat(header.generation).isEqualTo(1);
        assertThat(client.getHeader(null, key).generation).isEqualTo(1);
    }

    @Test
    void getHeaderNextToANamedReadAddsNoBins() {
        // The client sends getHeader() as a READ op with an empty name; without GET_ALL the server
        // looks up a bin named "" (process_bin_read_op), finds none and returns nothing for it.
        Key key = key("header-and-bin");
        client.put(null, key, new Bin("a", 1), new Bin("b", 2));
        Record read = client.operate(null, key, Operation.get("b"), Operation.getHeader());
        assertThat(read.bins).containsOnlyKeys("b");
        Record write = client.operate(null, key, Operation.add(new Bin("a", 1)), Operation.getHeader(),
                Operation.get("a"));
        assertThat(write.bins).containsOnlyKeys("a");
        assertThat(write.getLong("a")).isEqualTo(2L);
        assertThat(write.generation).isEqualTo(2);
    }

    @Test
    void touchOperationBumpsGenerationAndKeepsBins() {
        Key key = key("touch");
        client.put(null, key, new Bin("a", 1));
        WritePolicy ttl = new WritePolicy();
        ttl.expiration = 1800;
        Record record = client.operate(ttl, key, Operation.touch(), Operation.get("a"));
        assertThat(record.generation).isEqualTo(2);
        assertThat(record.getLong("a")).isEqualTo(1L);
        assertThat(record.getTimeToLive()).isBetween(1798, 1800);
        assertResultCode(ResultCode.KEY_NOT_FOUND_ERROR,
                () -> client.operate(null, key("touch-missing"), Operation.touch()));
    }

    @Test
    void deleteOperationRemovesTheRecord() {
        Key key = key("delete-op");
        client.put(null, key, new Bin("a", 1));
        client.operate(null, key, Operation.delete());
        assertThat(client.exists(null, key)).isFalse();
        client.put(null, key, new Bin("b", 2));
        Record record = client.operate(null, key, Operation.delete(), Operation.put(new Bin("c", 3)));
        assertThat(record.generation).isEqualTo(2);
        assertThat(client.get(null, key).bins).containsOnlyKeys("c");
    }

    @Test
    void addToAStringBinIsIncompatible() {
        Key key = key("add-string");
        client.put(null, key, new Bin("s", "text"));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.operate(null, key, Operation.add(new Bin("s", 1))));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.add(null, key, new Bin("s", 1)));
        assertThat(client.get(null, key).getString("s")).isEqualTo("text");
    }

    @Test
    void addOfTheOtherNumericTypeIsIncompatible() {
        Key key = key("add-mixed");
        client.put(null, key, new Bin("i", 1), new Bin("f", 1.0d));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.add(null, key, new Bin("i", 1.5d)));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.add(null, key, new Bin("f", 1)));
        Record record = client.get(null, key);
        assertThat(record.getValue("i")).isEqualTo(1L);
        assertThat(record.getValue("f")).isEqualTo(1.0d);
    }

    @Test
    void addWithAStringValueToAnIntegerBinIsIncompatible() {
        // integer_incr_from_wire: a non-integer wire type is INCOMPATIBLE_TYPE, not a parameter error.
        Key key = key("add-string-value");
        client.put(null, key, new Bin("i", 7));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.add(null, key, new Bin("i", "1")));
        assertThat(client.get(null, key).getLong("i")).isEqualTo(7L);
    }

    @Test
    void appendToAnIntegerBinIsIncompatible() {
        Key key = key("append-int");
        client.put(null, key, new Bin("i", 42), new Bin("b", new byte[] {1}));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.append(null, key, new Bin("i", "x")));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.prepend(null, key, new Bin("i", "x")));
        // Strings and bytes do not mix either.
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.append(null, key, new Bin("b", "x")));
        Record record = client.get(null, key);
        assertThat(record.getLong("i")).isEqualTo(42L);
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void appendingAnIntegerToAStringBinIsIncompatible() {
        Key key = key("append-int-value");
        client.put(null, key, new Bin("s", "abc"));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.append(null, key, new Bin("s", 5)));
        assertThat(client.get(null, key).getString("s")).isEqualTo("abc");
    }

    @Test
    void aModifyOpOnAMissingBinCreatesItFromTheValue() {
        // as_bin_particle_modify_from_client: "all operations become creates if there's no existing particle".
        Key key = key("modify-create");
        client.put(null, key, new Bin("x", 0));
        client.operate(null, key, Operation.append(new Bin("n", 9)), Operation.add(new Bin("s", "str")));
        Record record = client.get(null, key);
        assertThat(record.getValue("n")).isEqualTo(9L);
        assertThat(record.getValue("s")).isEqualTo("str");
    }

    @Test
    void aFailedOpLeavesEveryEarlierOpUnapplied() {
        Key key = key("atomic");
        client.put(null, key, new Bin("i", 1), new Bin("s", "x"));
        assertResultCode(ResultCode.BIN_TYPE_ERROR, () -> client.operate(null, key,
                Operation.add(new Bin("i", 100)), Operation.put(new Bin("new", 1)), Operation.add(new Bin("s", 1))));
        Record record = client.get(null, key);
        assertThat(record.bins).containsOnlyKeys("i", "s");
        assertThat(record.getLong("i")).isEqualTo(1L);
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void listAppendIsACdtOperation() {
        Key key = key("cdt");
        client.put(null, key, new Bin("l", List.of(1L, 2L)));
        if (CLUSTER.isEmbedded()) {
            // The embedded server does not implement CDT operations and says so.
            assertThatThrownBy(() -> client.operate(null, key, ListOperation.append("l", Value.get(3))))
                    .isInstanceOfSatisfying(AerospikeException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.UNSUPPORTED_FEATURE));
            assertThat(client.get(null, key).getList("l")).isEqualTo(List.of(1L, 2L));
        } else {
            Record record = client.operate(null, key, ListOperation.append("l", Value.get(3)));
            assertThat(record.getLong("l")).isEqualTo(3L);
            assertThat(client.get(null, key).getList("l")).isEqualTo(List.of(1L, 2L, 3L));
        }
    }
}
