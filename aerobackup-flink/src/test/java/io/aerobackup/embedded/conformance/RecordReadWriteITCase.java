package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertNoOpenScans;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static io.aerobackup.embedded.conformance.RecordTestSupport.hex;
import static io.aerobackup.embedded.conformance.RecordTestSupport.scanSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.embedded.conformance.RecordTestSupport.Scanned;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Random;

/**
 * Single-record reads and writes: keys (user, digest-only, stored), sets, bin selection, header
 * reads, missing records, deletes, touches and generations, as Aerospike 8 CE answers them.
 */
class RecordReadWriteITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private final Random random = new Random(0x5EED_0002L);
    private final String set = AerospikeTestCluster.uniqueSet("rw");
    private final AerospikeClient client = CLUSTER.client();

    @AfterEach
    void noScanLeftOpen() {
        if (CLUSTER.isEmbedded()) {
            assertNoOpenScans(CLUSTER.embedded());
        }
    }

    private static WritePolicy sendKey() {
        WritePolicy policy = new WritePolicy();
        policy.sendKey = true;
        return policy;
    }

    @Test
    void putThenGetReturnsTheBinsWithGenerationOne() {
        Key key = new Key(NAMESPACE, set, "k1");
        long value = random.nextLong();
        client.put(null, key, new Bin("a", value), new Bin("b", "text"));
        Record record = client.get(null, key);
        assertThat(record.bins).containsOnlyKeys("a", "b");
        assertThat(record.getLong("a")).isEqualTo(value);
        assertThat(record.getString("b")).isEqualTo("text");
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void recordsWithAndWithoutSetAreDistinct() {
        String userKey = "shared-" + random.nextInt(1_000_000);
        Key inSet = new Key(NAMESPACE, set, userKey);
        Key noSet = new Key(NAMESPACE, null, userKey);
        assertThat(inSet.digest).isNotEqualTo(noSet.digest);
        try {
            client.put(null, inSet, new Bin("where", "set"));
            client.put(null, noSet, new Bin("where", "none"));
            assertThat(client.get(null, inSet).getString("where")).isEqualTo("set");
            assertThat(client.get(null, noSet).getString("where")).isEqualTo("none");
            assertThat(scanSet(client, set)).containsOnlyKeys(hex(inSet.digest));
        } finally {
            client.delete(null, noSet);
        }
        assertThat(client.exists(null, noSet)).isFalse();
    }

    @Test
    void userKeysSentWithTheWriteComeBackFromAScan() {
        long intKey = random.nextLong();
        byte[] bytesKey = new byte[12];
        random.nextBytes(bytesKey);
        Key byInt = new Key(NAMESPACE, set, intKey);
        Key byString = new Key(NAMESPACE, set, "user-\u00e9-" + random.nextInt(1000));
        Key byBytes = new Key(NAMESPACE, set, bytesKey);
        Key notSent = new Key(NAMESPACE, set, "not-sent");
        client.put(sendKey(), byInt, new Bin("k", "int"));
        client.put(sendKey(), byString, new Bin("k", "string"));
        client.put(sendKey(), byBytes, new Bin("k", "bytes"));
        client.put(null, notSent, new Bin("k", "none"));

        Map<String, Scanned> scanned = scanSet(client, set);
        assertThat(scanned).hasSize(4);
        assertThat(scanned.get(hex(byInt.digest)).key.userKey.getObject()).isEqualTo(intKey);
        assertThat(scanned.get(hex(byString.digest)).key.userKey.getObject()).isEqualTo(byString.userKey.getObject());
        Value bytes = scanned.get(hex(byBytes.digest)).key.userKey;
        assertThat(bytes).isInstanceOf(Value.BytesValue.class);
        assertThat((byte[]) bytes.getObject()).isEqualTo(bytesKey);
        assertThat(scanned.get(hex(notSent.digest)).key.userKey).isNull();
        for (Scanned s : scanned.values()) {
            assertThat(s.key.namespace).isEqualTo(NAMESPACE);
            assertThat(s.key.setName).isEqualTo(set);
            assertThat(s.record.generation).isEqualTo(1);
        }
    }

    @Test
    void storedKeyStaysStoredAfterWritesWithoutIt() {
        Key key = new Key(NAMESPACE, set, "sticky");
        client.put(sendKey(), key, new Bin("v", 1));
        client.put(null, key, new Bin("v", 2));
        Scanned scanned = scanSet(client, set).get(hex(key.digest));
        assertThat(scanned.key.userKey.getObject()).isEqualTo("sticky");
        assertThat(scanned.record.getLong("v")).isEqualTo(2L);
        assertThat(scanned.record.generation).isEqualTo(2);
    }

    @Test
    void aPlainGetReturnsNoKeyOnlyTheRecord() {
        Key key = new Key(NAMESPACE, set, "keyed");
        client.put(sendKey(), key, new Bin("v", 1));
        // Single-record replies carry no key field: the client only has the digest it asked with.
        Key digestOnly = new Key(NAMESPACE, key.digest, set, null);
        Record record = client.get(null, digestOnly);
        assertThat(record.getLong("v")).isEqualTo(1L);
        assertThat(digestOnly.userKey).isNull();
    }

    @Test
    void digestOnlyKeysAddressTheSameRecord() {
        Key key = new Key(NAMESPACE, set, random.nextInt());
        Key digestOnly = new Key(NAMESPACE, key.digest, set, null);
        client.put(null, digestOnly, new Bin("v", "by-digest"));
        assertThat(client.get(null, key).getString("v")).isEqualTo("by-digest");
        client.put(null, key, new Bin("w", 2));
        Record record = client.get(null, digestOnly);
        assertThat(record.bins).containsOnlyKeys("v", "w");
        assertThat(record.generation).isEqualTo(2);
        assertThat(client.delete(null, digestOnly)).isTrue();
        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void aDifferentUserKeyForAStoredDigestIsAKeyMismatch() {
        Key key = new Key(NAMESPACE, set, "original");
        client.put(sendKey(), key, new Bin("v", 1));
        Key impostor = new Key(NAMESPACE, key.digest, set, Value.get("impostor"));
        assertResultCode(ResultCode.KEY_MISMATCH, () -> client.put(sendKey(), impostor, new Bin("v", 2)));
        Policy readWithKey = new Policy();
        readWithKey.sendKey = true;
        assertResultCode(ResultCode.KEY_MISMATCH, () -> client.get(readWithKey, impostor));
        // Without the KEY field there is nothing to compare.
        assertThat(client.get(null, impostor).getLong("v")).isEqualTo(1L);
    }

    @Test
    void getWithChosenBinsReturnsOnlyThoseThatExist() {
        Key key = new Key(NAMESPACE, set, "chosen");
        client.put(null, key, new Bin("a", 1), new Bin("b", 2), new Bin("c", 3));
        Record record = client.get(null, key, "a", "c", "missing");
        assertThat(record.bins).containsOnlyKeys("a", "c");
        assertThat(record.getLong("c")).isEqualTo(3L);
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void getHeaderReturnsMetadataWithoutBins() {
        Key key = new Key(NAMESPACE, set, "header");
        client.put(null, key, new Bin("a", 1));
        client.put(null, key, new Bin("a", 2));
        Record header = client.getHeader(null, key);
        assertThat(header.bins).isNull();
        assertThat(header.generation).isEqualTo(2);
        assertThat(header.expiration).isZero();
        assertThat(client.getHeader(null, new Key(NAMESPACE, set, "no-such"))).isNull();
    }

    @Test
    void existsReflectsTheRecord() {
        Key key = new Key(NAMESPACE, set, "exists");
        assertThat(client.exists(null, key)).isFalse();
        client.put(null, key, new Bin("a", 1));
        assertThat(client.exists(null, key)).isTrue();
    }

    @Test
    void missingRecordReadsAsNullAndItsOperationsReportNotFound() {
        Key missing = new Key(NAMESPACE, set, "missing-" + random.nextInt());
        assertThat(client.get(null, missing)).isNull();
        assertThat(client.get(null, missing, "a")).isNull();
        assertThat(client.delete(null, missing)).isFalse();
        assertResultCode(ResultCode.KEY_NOT_FOUND_ERROR, () -> client.touch(null, missing));
        assertThat(client.touched(null, missing)).isFalse();
        assertThat(client.exists(null, missing)).isFalse();
    }

    @Test
    void deleteRemovesTheRecord() {
        Key key = new Key(NAMESPACE, set, "del");
        client.put(null, key, new Bin("a", 1));
        assertThat(client.delete(null, key)).isTrue();
        assertThat(client.get(null, key)).isNull();
        assertThat(client.delete(null, key)).isFalse();
        client.put(null, key, new Bin("b", 2));
        Record recreated = client.get(null, key);
        assertThat(recreated.bins).containsOnlyKeys("b");
        assertThat(recreated.generation).isEqualTo(1);
    }

    @Test
    void durableDeleteIsEnterpriseOnly() {
        Key key = new Key(NAMESPACE, set, "durable");
        client.put(null, key, new Bin("a", 1));
        WritePolicy durable = new WritePolicy();
        durable.durableDelete = true;
        assertResultCode(ResultCode.ENTERPRISE_ONLY, () -> client.delete(durable, key));
        assertThat(client.get(null, key).getLong("a")).isEqualTo(1L);
        assertResultCode(ResultCode.ENTERPRISE_ONLY, () -> client.delete(durable, new Key(NAMESPACE, set, "none")));
        // A write that deletes the record's last bin is a delete too.
        assertResultCode(ResultCode.ENTERPRISE_ONLY, () -> client.put(durable, key, Bin.asNull("a")));
        assertThat(client.exists(null, key)).isTrue();
    }

    @Test
    void durableDeleteFlagOnAnOrdinaryWriteIsIgnored() {
        // CE only refuses the flag when the transaction deletes (validate_delete_durability).
        Key key = new Key(NAMESPACE, set, "durable-put");
        WritePolicy durable = new WritePolicy();
        durable.durableDelete = true;
        client.put(durable, key, new Bin("a", 1));
        client.put(durable, key, new Bin("b", 2));
        Record record = client.get(null, key);
        assertThat(record.bins).containsOnlyKeys("a", "b");
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void generationStartsAtOneAndIncrementsOnEveryWrite() {
        Key key = new Key(NAMESPACE, set, "gen");
        int writes = 3 + random.nextInt(5);
        for (int i = 1; i <= writes; i++) {
            client.put(null, key, new Bin("i", i));
            assertThat(client.getHeader(null, key).generation).isEqualTo(i);
        }
        client.touch(null, key);
        Record record = client.get(null, key);
        assertThat(record.generation).isEqualTo(writes + 1);
        assertThat(record.getLong("i")).isEqualTo(writes);
        assertThat(client.touched(null, key)).isTrue();
        assertThat(client.getHeader(null, key).generation).isEqualTo(writes + 2);
    }

    @Test
    void readsDoNotChangeTheGeneration() {
        Key key = new Key(NAMESPACE, set, "readgen");
        client.put(null, key, new Bin("a", 1));
        client.get(null, key);
        client.getHeader(null, key);
        client.exists(null, key);
        assertThat(client.get(null, key).generation).isEqualTo(1);
    }
}
