package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchResults;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Batch reads, exists and mixed batch operates with per-row result codes (as/src/base/batch.c):
 * a missing key is an ordinary row with result 2, a failing write row does not stop the others.
 */
class BatchITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    /** A three-node embedded cluster (a real cluster is used as it is), for batches split across nodes. */
    @RegisterExtension
    static final AerospikeTestCluster THREE_NODES = AerospikeTestCluster.withNodes(3);

    private final Random random = new Random(0x5EED_0007L);
    private final String set = AerospikeTestCluster.uniqueSet("batch");
    private final AerospikeClient client = CLUSTER.client();

    private Key key(int i) {
        return new Key(NAMESPACE, set, "k" + i);
    }

    /** Writes records 0..count-1 with bins i (the index) and s; returns their keys. */
    private Key[] writeRecords(int count) {
        Key[] keys = new Key[count];
        for (int i = 0; i < count; i++) {
            keys[i] = key(i);
            client.put(null, keys[i], new Bin("i", i), new Bin("s", "v" + i), new Bin("x", random.nextLong()));
        }
        return keys;
    }

    @Test
    void batchGetReturnsNullForMissingKeys() {
        Key[] written = writeRecords(10);
        Key[] keys = new Key[15];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 3 == 2 ? key(1000 + i) : written[i % 10];
        }
        Record[] records = client.get(null, keys);
        assertThat(records).hasSize(15);
        for (int i = 0; i < keys.length; i++) {
            if (i % 3 == 2) {
                assertThat(records[i]).as("row %d", i).isNull();
            } else {
                assertThat(records[i].getLong("i")).as("row %d", i).isEqualTo(i % 10);
                assertThat(records[i].bins).containsOnlyKeys("i", "s", "x");
                assertThat(records[i].generation).isEqualTo(1);
            }
        }
    }

    @Test
    void batchExistsMarksEachKey() {
        Key[] written = writeRecords(4);
        Key[] keys = {written[0], key(99), written[3], key(98), written[0]};
        assertThat(client.exists(null, keys)).containsExactly(true, false, true, false, true);
    }

    @Test
    void batchGetWithBinNamesReturnsOnlyThoseBins() {
        Key[] keys = writeRecords(5);
        Record[] records = client.get(null, keys, "s", "absent");
        for (int i = 0; i < keys.length; i++) {
            assertThat(records[i].bins).containsOnlyKeys("s");
            assertThat(records[i].getString("s")).isEqualTo("v" + i);
        }
    }

    @Test
    void batchGetHeaderReturnsGenerationsWithoutBins() {
        Key[] keys = writeRecords(3);
        client.put(null, keys[1], new Bin("i", 100));
        Record[] headers = client.getHeader(null, new Key[] {keys[0], keys[1], key(50)});
        assertThat(headers[0].bins).isNull();
        assertThat(headers[0].generation).isEqualTo(1);
        assertThat(headers[1].generation).isEqualTo(2);
        assertThat(headers[2]).isNull();
    }

    @Test
    void batchGetWithOperationsReadsPerRow() {
        Key[] keys = writeRecords(3);
        Record[] records = client.get(null, keys, Operation.get("i"), Operation.get("s"));
        for (int i = 0; i < keys.length; i++) {
            assertThat(records[i].bins).containsOnlyKeys("i", "s");
            assertThat(records[i].getLong("i")).isEqualTo(i);
        }
    }

    @Test
    void mixedOperateReportsAResultPerRow() {
        Key[] existing = writeRecords(4);
        Key fresh = key(200);
        Key missing = key(201);
        BatchWritePolicy createOnly = new BatchWritePolicy();
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;

        List<BatchRecord> rows = new ArrayList<>();
        rows.add(new BatchWrite(fresh, new Operation[] {Operation.put(new Bin("n", 1))}));
        rows.add(new BatchWrite(createOnly, existing[0], new Operation[] {Operation.put(new Bin("n", 2))}));
        rows.add(new BatchDelete(existing[1]));
        rows.add(new BatchDelete(missing));
        rows.add(new BatchRead(existing[2], new String[] {"s"}));
        rows.add(new BatchRead(missing, true));
        rows.add(new BatchWrite(existing[3], new Operation[] {Operation.add(new Bin("i", 10)), Operation.get("i")}));

        assertThat(client.operate(BatchPolicy.WriteDefault(), rows)).as("some rows failed").isFalse();

        assertThat(rows.get(0).resultCode).isEqualTo(ResultCode.OK);
        assertThat(rows.get(0).record.generation).isEqualTo(1);
        assertThat(rows.get(0).record.bins).containsEntry("n", null);
        assertThat(rows.get(1).resultCode).isEqualTo(ResultCode.KEY_EXISTS_ERROR);
        assertThat(rows.get(1).record).isNull();
        assertThat(rows.get(1).inDoubt).isFalse();
        assertThat(rows.get(2).resultCode).isEqualTo(ResultCode.OK);
        assertThat(rows.get(3).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(rows.get(4).resultCode).isEqualTo(ResultCode.OK);
        assertThat(rows.get(4).record.bins).containsOnlyKeys("s");
        assertThat(rows.get(4).record.getString("s")).isEqualTo("v2");
        assertThat(rows.get(5).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(rows.get(5).record).isNull();
        assertThat(rows.get(6).resultCode).isEqualTo(ResultCode.OK);
        // Batch writes are sent with RESPOND_ALL_OPS: the add answers an empty bin, the read the value.
        assertThat(rows.get(6).record.getList("i")).isEqualTo(Arrays.asList(null, 13L));
        assertThat(rows.get(6).record.generation).isEqualTo(2);

        assertThat(client.get(null, fresh).getLong("n")).isEqualTo(1L);
        assertThat(client.get(null, existing[0]).bins).doesNotContainKey("n");
        assertThat(client.exists(null, existing[1])).isFalse();
        assertThat(client.exists(null, missing)).isFalse();
        assertThat(client.get(null, existing[3]).getLong("i")).isEqualTo(13L);
    }

    @Test
    void operateOfOnlySuccessfulRowsReportsSuccess() {
        Key[] existing = writeRecords(2);
        List<BatchRecord> rows = new ArrayList<>();
        rows.add(new BatchRead(existing[0], true));
        rows.add(new BatchWrite(existing[1], new Operation[] {Operation.put(new Bin("s", "changed"))}));
        assertThat(client.operate(BatchPolicy.WriteDefault(), rows)).isTrue();
        assertThat(rows.get(0).record.getLong("i")).isEqualTo(0L);
        assertThat(client.get(null, existing[1]).getString("s")).isEqualTo("changed");
    }

    @Test
    void batchWriteRowsHonourGenerationAndTtl() {
        Key[] keys = writeRecords(2);
        BatchWritePolicy wrongGen = new BatchWritePolicy();
        wrongGen.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        wrongGen.generation = 5;
        BatchWritePolicy withTtl = new BatchWritePolicy();
        withTtl.expiration = 7200;
        List<BatchRecord> rows = new ArrayList<>();
        rows.add(new BatchWrite(wrongGen, keys[0], new Operation[] {Operation.put(new Bin("g", 1))}));
        rows.add(new BatchWrite(withTtl, keys[1], new Operation[] {Operation.put(new Bin("g", 1))}));
        client.operate(BatchPolicy.WriteDefault(), rows);
        assertThat(rows.get(0).resultCode).isEqualTo(ResultCode.GENERATION_ERROR);
        assertThat(rows.get(1).resultCode).isEqualTo(ResultCode.OK);
        assertThat(rows.get(1).record.generation).isEqualTo(2);
        assertThat(client.get(null, keys[1]).getTimeToLive()).isBetween(7198, 7200);
        assertThat(client.get(null, keys[0]).bins).doesNotContainKey("g");
    }

    @Test
    void batchDeleteReportsMissingKeys() {
        Key[] keys = writeRecords(3);
        BatchResults results = client.delete(null, null, new Key[] {keys[0], key(77), keys[2]});
        assertThat(results.status).isFalse();
        assertThat(results.records[0].resultCode).isEqualTo(ResultCode.OK);
        assertThat(results.records[1].resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(results.records[2].resultCode).isEqualTo(ResultCode.OK);
        assertThat(client.exists(null, keys)).containsExactly(false, true, false);
    }

    @Test
    void thousandKeyBatchesAcrossThreeNodesReturnEveryRecord() {
        AerospikeClient three = THREE_NODES.client();
        if (THREE_NODES.isEmbedded()) {
            assertThat(three.getNodes()).hasSize(3);
        }
        String bigSet = AerospikeTestCluster.uniqueSet("batch3");
        int count = 1000;
        Key[] keys = new Key[count];
        long[] values = new long[count];
        List<BatchRecord> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys[i] = new Key(NAMESPACE, bigSet, i);
            values[i] = random.nextLong();
            writes.add(new BatchWrite(keys[i], new Operation[] {Operation.put(new Bin("v", values[i])),
                    Operation.put(new Bin("i", i))}));
        }
        assertThat(three.operate(BatchPolicy.WriteDefault(), writes)).isTrue();
        assertThat(writes).allSatisfy(row -> assertThat(row.resultCode).isEqualTo(ResultCode.OK));

        Key[] withMissing = new Key[count + 20];
        System.arraycopy(keys, 0, withMissing, 0, count);
        for (int i = 0; i < 20; i++) {
            withMissing[count + i] = new Key(NAMESPACE, bigSet, count + 1000 + i);
        }
        Record[] records = three.get(null, withMissing);
        for (int i = 0; i < count; i++) {
            assertThat(records[i]).as("record %d", i).isNotNull();
            assertThat(records[i].getLong("v")).as("record %d", i).isEqualTo(values[i]);
            assertThat(records[i].getLong("i")).isEqualTo(i);
        }
        for (int i = count; i < withMissing.length; i++) {
            assertThat(records[i]).isNull();
        }
        boolean[] exists = three.exists(null, withMissing);
        for (int i = 0; i < withMissing.length; i++) {
            assertThat(exists[i]).as("exists %d", i).isEqualTo(i < count);
        }

        List<BatchRecord> reads = new ArrayList<>(count);
        for (Key key : keys) {
            reads.add(new BatchRead(key, new String[] {"i"}));
        }
        assertThat(three.operate(null, reads)).isTrue();
        for (int i = 0; i < count; i++) {
            assertThat(reads.get(i).record.getLong("i")).isEqualTo(i);
        }
        BatchResults deleted = three.delete(null, null, keys);
        assertThat(deleted.status).isTrue();
        assertThat(three.exists(null, keys)).doesNotContain(true);
    }
}
