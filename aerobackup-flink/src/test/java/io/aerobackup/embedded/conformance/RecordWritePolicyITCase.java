package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Random;

/**
 * Record-exists actions, generation policies and bin deletion, with the result codes and the
 * order of checks of as/src/transaction/write.c (write_master, write_master_policies).
 */
class RecordWritePolicyITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private final Random random = new Random(0x5EED_0003L);
    private final String set = AerospikeTestCluster.uniqueSet("wpol");
    private final AerospikeClient client = CLUSTER.client();

    private Key key(String name) {
        return new Key(NAMESPACE, set, name);
    }

    private static WritePolicy exists(RecordExistsAction action) {
        WritePolicy policy = new WritePolicy();
        policy.recordExistsAction = action;
        return policy;
    }

    private static WritePolicy generation(GenerationPolicy generationPolicy, int generation) {
        WritePolicy policy = new WritePolicy();
        policy.generationPolicy = generationPolicy;
        policy.generation = generation;
        return policy;
    }

    /** Writes {@code times} times so the record's generation equals {@code times}. */
    private Key recordAtGeneration(String name, int times) {
        Key key = key(name);
        for (int i = 0; i < times; i++) {
            client.put(null, key, new Bin("v", i), new Bin("keep", "k"));
        }
        assertThat(client.getHeader(null, key).generation).isEqualTo(times);
        return key;
    }

    @Test
    void updateCreatesAndThenMergesBins() {
        Key key = key("update");
        client.put(exists(RecordExistsAction.UPDATE), key, new Bin("a", 1), new Bin("b", 2));
        client.put(exists(RecordExistsAction.UPDATE), key, new Bin("b", 20), new Bin("c", 30));
        Record record = client.get(null, key);
        assertThat(record.bins).containsOnlyKeys("a", "b", "c");
        assertThat(record.getLong("a")).isEqualTo(1L);
        assertThat(record.getLong("b")).isEqualTo(20L);
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void updateOnlyNeedsAnExistingRecord() {
        Key key = key("update-only");
        assertResultCode(ResultCode.KEY_NOT_FOUND_ERROR,
                () -> client.put(exists(RecordExistsAction.UPDATE_ONLY), key, new Bin("a", 1)));
        assertThat(client.exists(null, key)).isFalse();
        client.put(null, key, new Bin("a", 1));
        client.put(exists(RecordExistsAction.UPDATE_ONLY), key, new Bin("b", 2));
        assertThat(client.get(null, key).bins).containsOnlyKeys("a", "b");
    }

    @Test
    void replaceDropsTheOldBins() {
        Key key = key("replace");
        client.put(exists(RecordExistsAction.REPLACE), key, new Bin("a", 1), new Bin("b", 2));
        client.put(exists(RecordExistsAction.REPLACE), key, new Bin("c", 3));
        Record record = client.get(null, key);
        assertThat(record.bins).containsOnlyKeys("c");
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void replaceOnlyNeedsAnExistingRecordAndDropsTheOldBins() {
        Key key = key("replace-only");
        assertResultCode(ResultCode.KEY_NOT_FOUND_ERROR,
                () -> client.put(exists(RecordExistsAction.REPLACE_ONLY), key, new Bin("a", 1)));
        assertThat(client.exists(null, key)).isFalse();
        client.put(null, key, new Bin("a", 1), new Bin("b", 2));
        client.put(exists(RecordExistsAction.REPLACE_ONLY), key, new Bin("z", 26));
        assertThat(client.get(null, key).bins).containsOnlyKeys("z");
    }

    @Test
    void replaceMayNotDeleteBinsOrModify() {
        Key key = key("replace-modify");
        client.put(null, key, new Bin("a", 1), new Bin("s", "x"));
        WritePolicy replace = exists(RecordExistsAction.REPLACE);
        assertResultCode(ResultCode.PARAMETER_ERROR, () -> client.put(replace, key, new Bin("b", 2), Bin.asNull("a")));
        assertResultCode(ResultCode.PARAMETER_ERROR, () -> client.operate(replace, key, Operation.add(new Bin("a", 1))));
        assertResultCode(ResultCode.PARAMETER_ERROR,
                () -> client.operate(replace, key, Operation.append(new Bin("s", "y"))));
        assertResultCode(ResultCode.PARAMETER_ERROR, () -> client.operate(replace, key, Operation.touch()));
        Record record = client.get(null, key);
        assertThat(record.bins).containsOnlyKeys("a", "s");
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void createOnlyRefusesAnExistingRecord() {
        Key key = key("create-only");
        client.put(exists(RecordExistsAction.CREATE_ONLY), key, new Bin("a", 1));
        assertResultCode(ResultCode.KEY_EXISTS_ERROR,
                () -> client.put(exists(RecordExistsAction.CREATE_ONLY), key, new Bin("a", 2)));
        Record record = client.get(null, key);
        assertThat(record.getLong("a")).isEqualTo(1L);
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void createOnlyIsCheckedBeforeTheGeneration() {
        // write_master: create-only (5) comes before generation_check (3).
        Key key = recordAtGeneration("create-gen", 2);
        WritePolicy policy = generation(GenerationPolicy.EXPECT_GEN_EQUAL, 7);
        policy.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        assertResultCode(ResultCode.KEY_EXISTS_ERROR, () -> client.put(policy, key, new Bin("v", -1)));
    }

    @Test
    void updateOnlyOnAMissingRecordIsNotFoundBeforeTheGeneration() {
        // must_not_create: a missing record ends the write with 2 before generation_check runs.
        Key key = key("update-only-gen");
        WritePolicy policy = generation(GenerationPolicy.EXPECT_GEN_EQUAL, 5);
        policy.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
        assertResultCode(ResultCode.KEY_NOT_FOUND_ERROR, () -> client.put(policy, key, new Bin("v", 1)));
    }

    @Test
    void generationPolicyNoneIgnoresTheGeneration() {
        Key key = recordAtGeneration("gen-none", 3);
        client.put(generation(GenerationPolicy.NONE, 99), key, new Bin("v", 100));
        assertThat(client.get(null, key).generation).isEqualTo(4);
    }

    @Test
    void expectGenEqualNeedsTheCurrentGeneration() {
        int current = 2 + random.nextInt(4);
        Key key = recordAtGeneration("gen-eq", current);
        assertResultCode(ResultCode.GENERATION_ERROR,
                () -> client.put(generation(GenerationPolicy.EXPECT_GEN_EQUAL, current - 1), key, new Bin("v", -1)));
        assertResultCode(ResultCode.GENERATION_ERROR,
                () -> client.put(generation(GenerationPolicy.EXPECT_GEN_EQUAL, current + 1), key, new Bin("v", -1)));
        assertThat(client.get(null, key).getLong("v")).isEqualTo(current - 1L);

        client.put(generation(GenerationPolicy.EXPECT_GEN_EQUAL, current), key, new Bin("v", 1000));
        Record record = client.get(null, key);
        assertThat(record.getLong("v")).isEqualTo(1000L);
        assertThat(record.generation).isEqualTo(current + 1);
    }

    @Test
    void expectGenEqualOnAMissingRecordPassesOnlyForZero() {
        Key key = key("gen-eq-missing");
        assertResultCode(ResultCode.GENERATION_ERROR,
                () -> client.put(generation(GenerationPolicy.EXPECT_GEN_EQUAL, 1), key, new Bin("v", 1)));
        assertThat(client.exists(null, key)).isFalse();
        client.put(generation(GenerationPolicy.EXPECT_GEN_EQUAL, 0), key, new Bin("v", 1));
        assertThat(client.get(null, key).generation).isEqualTo(1);
    }

    @Test
    void expectGenGreaterNeedsAStrictlyGreaterGeneration() {
        int current = 2 + random.nextInt(4);
        Key key = recordAtGeneration("gen-gt", current);
        assertResultCode(ResultCode.GENERATION_ERROR,
                () -> client.put(generation(GenerationPolicy.EXPECT_GEN_GT, current), key, new Bin("v", -1)));
        assertResultCode(ResultCode.GENERATION_ERROR,
                () -> client.put(generation(GenerationPolicy.EXPECT_GEN_GT, current - 1), key, new Bin("v", -1)));
        assertThat(client.getHeader(null, key).generation).isEqualTo(current);

        client.put(generation(GenerationPolicy.EXPECT_GEN_GT, current + 1), key, new Bin("v", 1000));
        Record record = client.get(null, key);
        assertThat(record.getLong("v")).isEqualTo(1000L);
        // The generation is incremented, not set to the one in the request.
        assertThat(record.generation).isEqualTo(current + 1);

        Key missing = key("gen-gt-missing");
        client.put(generation(GenerationPolicy.EXPECT_GEN_GT, 1), missing, new Bin("v", 1));
        assertThat(client.get(null, missing).generation).isEqualTo(1);
    }

    @Test
    void deleteHonoursTheGenerationPolicy() {
        Key key = recordAtGeneration("gen-del", 2);
        assertResultCode(ResultCode.GENERATION_ERROR,
                () -> client.delete(generation(GenerationPolicy.EXPECT_GEN_EQUAL, 1), key));
        assertThat(client.exists(null, key)).isTrue();
        assertThat(client.delete(generation(GenerationPolicy.EXPECT_GEN_EQUAL, 2), key)).isTrue();
        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void deleteOfAMissingRecordWithAGenerationPolicyIsNotFound() {
        // delete_master looks the record up first; generation_check only runs on a found record.
        Key key = key("gen-del-missing");
        assertThat(client.delete(generation(GenerationPolicy.EXPECT_GEN_EQUAL, 3), key)).isFalse();
    }

    @Test
    void writingNullDeletesTheBin() {
        Key key = key("null-bin");
        client.put(null, key, new Bin("a", 1), new Bin("b", 2));
        client.put(null, key, Bin.asNull("a"));
        Record record = client.get(null, key);
        assertThat(record.bins).containsOnlyKeys("b");
        assertThat(record.generation).isEqualTo(2);
        client.put(null, key, new Bin("c", Value.getAsNull()), new Bin("d", 4));
        assertThat(client.get(null, key).bins).containsOnlyKeys("b", "d");
    }

    @Test
    void deletingTheLastBinDeletesTheRecord() {
        Key key = key("last-bin");
        client.put(null, key, new Bin("a", 1), new Bin("b", 2));
        client.put(null, key, Bin.asNull("a"), Bin.asNull("b"));
        assertThat(client.get(null, key)).isNull();
        assertThat(client.exists(null, key)).isFalse();
        client.put(null, key, new Bin("c", 3));
        assertThat(client.get(null, key).generation).isEqualTo(1);
    }

    @Test
    void deletingBinsOfAMissingRecordIsNotFound() {
        Key key = key("null-missing");
        assertResultCode(ResultCode.KEY_NOT_FOUND_ERROR, () -> client.put(null, key, Bin.asNull("a")));
        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void aWriteWithNoBinsIsAParameterError() {
        Key key = key("no-ops");
        client.put(null, key, new Bin("a", 1));
        assertResultCode(ResultCode.PARAMETER_ERROR, () -> client.put(null, key));
        assertThat(client.get(null, key).generation).isEqualTo(1);
    }
}
