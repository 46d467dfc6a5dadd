package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertNoOpenScans;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static io.aerobackup.embedded.conformance.RecordTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Filter expressions on reads, writes, deletes, batches and scans: a record that does not match
 * answers FILTERED_OUT (27), which the client turns into an exception only with failOnFilteredOut.
 * Writes that create a record are not filtered (write_master: the filter runs only on existing records).
 */
class FilterExpressionITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private final Random random = new Random(0x5EED_0006L);
    private final String set = AerospikeTestCluster.uniqueSet("fexp");
    private final AerospikeClient client = CLUSTER.client();

    private static final Expression COLOR_IS_RED = Exp.build(Exp.eq(Exp.stringBin("color"), Exp.val("red")));

    @AfterEach
    void noScanLeftOpen() {
        if (CLUSTER.isEmbedded()) {
            assertNoOpenScans(CLUSTER.embedded());
        }
    }

    private Key key(String name) {
        return new Key(NAMESPACE, set, name);
    }

    private static Policy readFilter(Expression filter, boolean failOnFilteredOut) {
        Policy policy = new Policy();
        policy.filterExp = filter;
        policy.failOnFilteredOut = failOnFilteredOut;
        return policy;
    }

    private static WritePolicy writeFilter(Expression filter, boolean failOnFilteredOut) {
        WritePolicy policy = new WritePolicy();
        policy.filterExp = filter;
        policy.failOnFilteredOut = failOnFilteredOut;
        return policy;
    }

    private Key colored(String name, String color) {
        Key key = key(name);
        client.put(null, key, new Bin("color", color), new Bin("n", random.nextInt(1000)));
        return key;
    }

    @Test
    void getReturnsAMatchingRecord() {
        Key red = colored("red", "red");
        Record record = client.get(readFilter(COLOR_IS_RED, true), red);
        assertThat(record.getString("color")).isEqualTo("red");
        assertThat(client.getHeader(readFilter(COLOR_IS_RED, true), red).generation).isEqualTo(1);
        assertThat(client.exists(readFilter(COLOR_IS_RED, true), red)).isTrue();
    }

    @Test
    void getOfANonMatchingRecordIsFilteredOut() {
        Key blue = colored("blue", "blue");
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.get(readFilter(COLOR_IS_RED, true), blue));
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.getHeader(readFilter(COLOR_IS_RED, true), blue));
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.exists(readFilter(COLOR_IS_RED, true), blue));
        // Without failOnFilteredOut the client hides the 27: get gives null, exists says true.
        assertThat(client.get(readFilter(COLOR_IS_RED, false), blue)).isNull();
        assertThat(client.exists(readFilter(COLOR_IS_RED, false), blue)).isTrue();
    }

    @Test
    void aMissingRecordIsNotFoundRatherThanFilteredOut() {
        Key missing = key("missing");
        assertThat(client.get(readFilter(COLOR_IS_RED, true), missing)).isNull();
        assertThat(client.delete(writeFilter(COLOR_IS_RED, true), missing)).isFalse();
    }

    @Test
    void putIsAppliedOnlyToAMatchingRecord() {
        Key red = colored("put-red", "red");
        Key blue = colored("put-blue", "blue");
        client.put(writeFilter(COLOR_IS_RED, true), red, new Bin("seen", 1));
        assertThat(client.get(null, red).bins).containsKey("seen");

        assertResultCode(ResultCode.FILTERED_OUT, () -> client.put(writeFilter(COLOR_IS_RED, true), blue, new Bin("seen", 1)));
        client.put(writeFilter(COLOR_IS_RED, false), blue, new Bin("seen", 2));
        Record record = client.get(null, blue);
        assertThat(record.bins).doesNotContainKey("seen");
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void putThatCreatesARecordIsNotFiltered() {
        Key fresh = key("fresh");
        client.put(writeFilter(COLOR_IS_RED, true), fresh, new Bin("color", "green"));
        assertThat(client.get(null, fresh).getString("color")).isEqualTo("green");
    }

    @Test
    void deleteHonoursTheFilter() {
        Key red = colored("del-red", "red");
        Key blue = colored("del-blue", "blue");
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.delete(writeFilter(COLOR_IS_RED, true), blue));
        assertThat(client.exists(null, blue)).isTrue();
        assertThat(client.delete(writeFilter(COLOR_IS_RED, true), red)).isTrue();
        assertThat(client.exists(null, red)).isFalse();
    }

    @Test
    void operateAndTouchHonourTheFilter() {
        Key blue = colored("op-blue", "blue");
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.operate(writeFilter(COLOR_IS_RED, true), blue,
                Operation.put(new Bin("x", 1)), Operation.get("x")));
        assertThat(client.operate(writeFilter(COLOR_IS_RED, false), blue, Operation.put(new Bin("x", 1)))).isNull();
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.touch(writeFilter(COLOR_IS_RED, true), blue));
        assertThat(client.touched(writeFilter(COLOR_IS_RED, false), blue)).isFalse();
        Record record = client.get(null, blue);
        assertThat(record.bins).doesNotContainKey("x");
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void filtersOnNumbersLogicAndMissingBins() {
        Key key = key("numbers");
        long n = random.nextInt(1000);
        client.put(null, key, new Bin("n", n), new Bin("f", 2.5d), new Bin("s", "abc"));
        Expression between = Exp.build(Exp.and(Exp.ge(Exp.intBin("n"), Exp.val(n)),
                Exp.lt(Exp.intBin("n"), Exp.val(n + 1)), Exp.gt(Exp.floatBin("f"), Exp.val(2.0d))));
        assertThat(client.get(readFilter(between, true), key)).isNotNull();
        Expression arithmetic = Exp.build(Exp.eq(Exp.add(Exp.intBin("n"), Exp.val(10)), Exp.val(n + 10)));
        assertThat(client.get(readFilter(arithmetic, true), key)).isNotNull();
        Expression missingBin = Exp.build(Exp.eq(Exp.intBin("absent"), Exp.val(1)));
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.get(readFilter(missingBin, true), key));
        Expression binExists = Exp.build(Exp.and(Exp.binExists("s"), Exp.not(Exp.binExists("absent"))));
        assertThat(client.get(readFilter(binExists, true), key)).isNotNull();
    }

    @Test
    void filtersOnRecordMetadata() {
        Key keyed = key("meta-keyed");
        WritePolicy sendKey = new WritePolicy();
        sendKey.sendKey = true;
        sendKey.expiration = 5000;
        client.put(sendKey, keyed, new Bin("a", 1));
        Key plain = key("meta-plain");
        client.put(null, plain, new Bin("a", 1));
        Expression hasKey = Exp.build(Exp.keyExists());
        assertThat(client.get(readFilter(hasKey, true), keyed)).isNotNull();
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.get(readFilter(hasKey, true), plain));
        Expression inSet = Exp.build(Exp.eq(Exp.setName(), Exp.val(set)));
        assertThat(client.get(readFilter(inSet, true), plain)).isNotNull();
        Expression longLived = Exp.build(Exp.gt(Exp.ttl(), Exp.val(4000)));
        assertThat(client.get(readFilter(longLived, true), keyed)).isNotNull();
        // A record that never expires has ttl -1 in expressions.
        assertResultCode(ResultCode.FILTERED_OUT, () -> client.get(readFilter(longLived, true), plain));
        Expression storedKey = Exp.build(Exp.eq(Exp.key(Exp.Type.STRING), Exp.val("meta-keyed")));
        assertThat(client.get(readFilter(storedKey, true), keyed)).isNotNull();
    }

    @Test
    void batchReadRowsThatDoNotMatchAreFilteredOut() {
        Key red = colored("b-red", "red");
        Key blue = colored("b-blue", "blue");
        Key missing = key("b-missing");
        BatchPolicy policy = new BatchPolicy();
        policy.filterExp = COLOR_IS_RED;
        List<BatchRecord> rows = new ArrayList<>();
        rows.add(new BatchRead(red, true));
        rows.add(new BatchRead(blue, true));
        rows.add(new BatchRead(missing, true));
        assertThat(client.operate(policy, rows)).isFalse();
        assertThat(rows.get(0).resultCode).isEqualTo(ResultCode.OK);
        assertThat(rows.get(0).record.getString("color")).isEqualTo("red");
        assertThat(rows.get(1).resultCode).isEqualTo(ResultCode.FILTERED_OUT);
        assertThat(rows.get(1).record).isNull();
        assertThat(rows.get(2).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);

        Record[] records = client.get(policy, new Key[] {red, blue, missing});
        assertThat(records[0]).isNotNull();
        assertThat(records[1]).isNull();
        assertThat(records[2]).isNull();
    }

    @Test
    void batchWriteRowsHonourTheFilter() {
        Key red = colored("bw-red", "red");
        Key blue = colored("bw-blue", "blue");
        BatchPolicy policy = new BatchPolicy();
        policy.filterExp = COLOR_IS_RED;
        List<BatchRecord> rows = new ArrayList<>();
        rows.add(new BatchWrite(red, new Operation[] {Operation.put(new Bin("w", 1))}));
        rows.add(new BatchWrite(blue, new Operation[] {Operation.put(new Bin("w", 1))}));
        client.operate(policy, rows);
        assertThat(rows.get(0).resultCode).isEqualTo(ResultCode.OK);
        assertThat(rows.get(1).resultCode).isEqualTo(ResultCode.FILTERED_OUT);
        assertThat(client.get(null, red).bins).containsKey("w");
        assertThat(client.get(null, blue).bins).doesNotContainKey("w");
    }

    @Test
    void scanReturnsOnlyMatchingRecordsAndNoFilteredOutRows() {
        List<Key> reds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean red = random.nextBoolean() || i == 0;
            Key key = colored("scan-" + i, red ? "red" : "blue");
            if (red) {
                reds.add(key);
            }
        }
        ScanPolicy policy = new ScanPolicy();
        policy.filterExp = COLOR_IS_RED;
        Map<String, String> seen = new ConcurrentHashMap<>();
        client.scanPartitions(policy, PartitionFilter.all(), NAMESPACE, set,
                (key, record) -> seen.put(hex(key.digest), record.getString("color")));
        assertThat(seen).hasSize(reds.size());
        for (Key red : reds) {
            assertThat(seen).containsEntry(hex(red.digest), "red");
        }
    }
}
