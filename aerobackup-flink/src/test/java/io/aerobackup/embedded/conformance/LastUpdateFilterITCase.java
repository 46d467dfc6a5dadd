package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.policy.BatchDeletePolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.RecordExistsAction;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/**
 * What replication relies on (write.c write_master: the filter runs only on a live existing record;
 * a write that creates the record is not filtered): batch writes and deletes filtered on the
 * destination record's last-update time, and an expression read of the last-update time with the
 * record's generation in the same answer.
 */
class LastUpdateFilterITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private final String set = AerospikeTestCluster.uniqueSet("lut");
    private final AerospikeClient client = CLUSTER.client();

    private static BatchWritePolicy writtenBefore(long nanos) {
        BatchWritePolicy policy = new BatchWritePolicy();
        policy.filterExp = Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(nanos)));
        return policy;
    }

    @Test
    void batchWritesAndDeletesHonourALastUpdateFilterExceptOnMissingRecords() {
        Key existing = new Key(NAMESPACE, set, "existing");
        Key missing = new Key(NAMESPACE, set, "missing");
        Key doomed = new Key(NAMESPACE, set, "doomed");
        client.put(null, existing, new Bin("v", 1));
        client.put(null, doomed, new Bin("v", 1));
        long before = 1_000_000L; // 1 ms after the Unix epoch: every record was written later

        BatchDeletePolicy deletePolicy = new BatchDeletePolicy();
        deletePolicy.filterExp = writtenBefore(before).filterExp;
        List<BatchRecord> rows = List.of(
                new BatchWrite(writtenBefore(before), existing, new Operation[] {Operation.put(new Bin("v", 2))}),
                new BatchWrite(writtenBefore(before), missing, new Operation[] {Operation.put(new Bin("v", 3))}),
                new BatchDelete(deletePolicy, doomed));
        client.operate(null, rows);

        assertThat(rows.get(0).resultCode).isEqualTo(ResultCode.FILTERED_OUT);
        assertThat(rows.get(1).resultCode).isEqualTo(ResultCode.OK);
        assertThat(rows.get(2).resultCode).isEqualTo(ResultCode.FILTERED_OUT);
        assertThat(client.get(null, existing).getLong("v")).isEqualTo(1);
        assertThat(client.get(null, missing).getLong("v")).isEqualTo(3);
        assertThat(client.exists(null, doomed)).isTrue();

        long far = (System.currentTimeMillis() + 3_600_000L) * 1_000_000L;
        BatchWrite allowed = new BatchWrite(writtenBefore(far), existing,
                new Operation[] {Operation.put(new Bin("v", 4))});
        client.operate(null, List.of(allowed));
        assertThat(allowed.resultCode).isEqualTo(ResultCode.OK);
        assertThat(client.get(null, existing).getLong("v")).isEqualTo(4);
    }

    @Test
    void anExpressionReadReturnsTheLastUpdateTimeWithTheGeneration() {
        Key key = new Key(NAMESPACE, set, "read");
        long start = System.currentTimeMillis();
        client.put(null, key, new Bin("v", 1));
        client.put(null, key, new Bin("v", 2));
        long end = System.currentTimeMillis();
        BatchRead read = new BatchRead(key, new Operation[] {
                ExpOperation.read("lut", Exp.build(Exp.lastUpdate()), ExpReadFlags.DEFAULT)});
        BatchRead absent = new BatchRead(new Key(NAMESPACE, set, "absent"), new Operation[] {
                ExpOperation.read("lut", Exp.build(Exp.lastUpdate()), ExpReadFlags.DEFAULT)});
        client.operate(null, List.of(read, absent));

        assertThat(read.resultCode).isEqualTo(ResultCode.OK);
        assertThat(read.record.generation).isEqualTo(2);
        long lutMillis = read.record.getLong("lut") / 1_000_000L;
        // Server clocks of a real cluster may differ from this host's a little.
        assertThat(lutMillis).isBetween(start - 2_000, end + 2_000);
        assertThat(read.record.bins).containsOnlyKeys("lut");
        assertThat(absent.resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
    }

    @Test
    void aReplacingBatchWriteReadsBackTheLastUpdateTimeItLeaves() {
        Key key = new Key(NAMESPACE, set, "replaced");
        client.put(null, key, new Bin("v", 1), new Bin("gone", 1));
        BatchWritePolicy replace = new BatchWritePolicy();
        replace.recordExistsAction = RecordExistsAction.REPLACE;
        BatchWrite write = new BatchWrite(replace, key, new Operation[] {Operation.put(new Bin("v", 2)),
                ExpOperation.read("lut", Exp.build(Exp.lastUpdate()), ExpReadFlags.DEFAULT)});
        client.operate(null, List.of(write));

        assertThat(write.resultCode).isEqualTo(ResultCode.OK);
        long readBack = write.record.getLong("lut");
        BatchRead after = new BatchRead(key, new Operation[] {
                ExpOperation.read("lut", Exp.build(Exp.lastUpdate()), ExpReadFlags.DEFAULT)});
        client.operate(null, List.of(after));
        assertThat(readBack).as("the write's own last-update time").isEqualTo(after.record.getLong("lut"));
        assertThat(client.get(null, key).bins).containsOnlyKeys("v");

        // A filter on exactly that time matches the record, and nothing else does.
        BatchWritePolicy mine = new BatchWritePolicy();
        mine.filterExp = Exp.build(Exp.eq(Exp.lastUpdate(), Exp.val(readBack)));
        BatchWritePolicy other = new BatchWritePolicy();
        other.filterExp = Exp.build(Exp.eq(Exp.lastUpdate(), Exp.val(readBack - 1_000_000L)));
        BatchWrite refused = new BatchWrite(other, key, new Operation[] {Operation.put(new Bin("v", 3))});
        BatchWrite matched = new BatchWrite(mine, key, new Operation[] {Operation.put(new Bin("v", 4))});
        client.operate(null, List.of(refused));
        client.operate(null, List.of(matched));
        assertThat(refused.resultCode).isEqualTo(ResultCode.FILTERED_OUT);
        assertThat(matched.resultCode).isEqualTo(ResultCode.OK);
        assertThat(client.get(null, key).getLong("v")).isEqualTo(4);
    }
}
