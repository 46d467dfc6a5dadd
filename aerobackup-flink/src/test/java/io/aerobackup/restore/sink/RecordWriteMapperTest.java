package io.aerobackup.restore.sink;

import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.ParticleValue;
import io.aerobackup.restore.record.RestoreRecord;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** BackupRecord → key, operations and write policy, without a cluster. */
class RecordWriteMapperTest {
    private static final long NOW = 1_750_000_000L; // unix seconds
    private static final long NOW_SERVER = NOW - RestoreTtl.CITRUSLEAF_EPOCH;
    private final Random random = new Random(42);

    private static RecordWriteMapper mapper(RestoreWriteOptions.Builder b) {
        return new RecordWriteMapper(b.build());
    }

    private static RestoreWriteOptions.Builder opts() {
        return RestoreWriteOptions.builder("restore");
    }

    @Test
    void userKeyIsSentAndItsDigestMatchesTheBackup() {
        RestoreRecord r = RestoreTestRecords.keyed("users", 42L, 7, NOW_SERVER + 100,
                RestoreTestRecords.allTypes(random, 1));
        WriteRow row = mapper(opts()).map(r, NOW).row();

        assertThat(row.key().namespace).isEqualTo("restore");
        assertThat(row.key().setName).isEqualTo("users");
        assertThat(row.key().userKey).isEqualTo(Value.get(42L));
        assertThat(row.key().digest).isEqualTo(r.record().digest());
        assertThat(row.writePolicy().sendKey).isTrue();
        assertThat(row.writePolicy().generationPolicy).isEqualTo(GenerationPolicy.EXPECT_GEN_GT);
        assertThat(row.writePolicy().generation).isEqualTo(7);
        assertThat(row.writePolicy().recordExistsAction).isEqualTo(RecordExistsAction.UPDATE);
        assertThat(row.writePolicy().expiration).isEqualTo(100);
        assertThat(row.writePolicy().durableDelete).isFalse();
        assertThat(row.ops()).hasSize(10).allSatisfy(op -> assertThat(op.type).isEqualTo(Operation.Type.WRITE));
        assertThat(Arrays.stream(row.ops()).map(op -> op.binName))
                .containsExactly("int", "dbl", "str", "blob", "bool", "list", "sorted", "unordered", "geo", "hll");
        // Each put carries the bin's particle bytes as they are: no decoding, no copy.
        for (int i = 0; i < row.ops().length; i++) {
            BackupBin bin = r.record().bins().get(i);
            assertThat(row.ops()[i].value).isEqualTo(ParticleValue.of(bin));
            assertThat(row.ops()[i].value.getType()).isEqualTo(bin.particleType());
        }
        assertThat(row.newBatchRecord()).isInstanceOf(BatchWrite.class);
        assertThat(row.digestHex()).isEqualTo(r.record().digestHex());
        assertThat(row.sourceFile()).isEqualTo(RestoreTestRecords.FILE);
    }

    @Test
    void stringAndBytesKeysAreWrittenAsThemselves() {
        RestoreRecord s = RestoreTestRecords.keyed("s", "user-1", 1, 0, RestoreTestRecords.bins("a"));
        RestoreRecord b = RestoreTestRecords.keyed("s", new byte[] {1, 2, 3}, 1, 0, RestoreTestRecords.bins("b"));
        assertThat(mapper(opts()).map(s, NOW).row().key().userKey).isEqualTo(Value.get("user-1"));
        assertThat(mapper(opts()).map(b, NOW).row().key().digest).isEqualTo(b.record().digest());
    }

    @Test
    void aKeyedRecordKeepsTheBackupDigestAndARemapHashesItsKeyIntoTheNewSet() {
        RestoreRecord keyed = RestoreTestRecords.keyed("users", 42L, 1, 0, RestoreTestRecords.bins("a"));
        // The stored digest is used as it is (the file's checksum vouches for the row), not hashed again.
        WriteRow same = mapper(opts()).map(keyed, NOW).row();
        assertThat(same.key().digest).isSameAs(keyed.record().digest());
        assertThat(same.key().userKey.toLong()).isEqualTo(42L);
        WriteRow moved = mapper(opts().setRemap(Map.of("users", "people"))).map(keyed, NOW).row();
        assertThat(moved.key().digest).isEqualTo(new com.aerospike.client.Key("restore", "people", 42L).digest);
        assertThat(moved.key().setName).isEqualTo("people");
    }

    @Test
    void withoutAUserKeyTheBackupDigestIsUsedEvenWhenTheSetIsRemapped() {
        byte[] digest = RestoreTestRecords.digest(random);
        RestoreRecord r = RestoreTestRecords.unkeyed("old", digest, 3, 0, RestoreTestRecords.bins("x"));
        WriteRow row = mapper(opts().setRemap(Map.of("old", "new"))).map(r, NOW).row();
        assertThat(row.key().digest).isEqualTo(digest);
        assertThat(row.key().setName).isEqualTo("new");
        assertThat(row.key().userKey).isNull();
        assertThat(row.writePolicy().sendKey).isFalse();
    }

    @Test
    void aRemappedSetWithAUserKeyGetsTheDigestOfTheNewSet() {
        RestoreRecord r = RestoreTestRecords.keyed("old", 5L, 1, 0, RestoreTestRecords.bins("x"));
        WriteRow row = mapper(opts().setRemap(Map.of("old", "new"))).map(r, NOW).row();
        assertThat(row.key().setName).isEqualTo("new");
        assertThat(row.key().digest).isEqualTo(new Key("restore", "new", 5L).digest).isNotEqualTo(r.record().digest());
    }

    @Test
    void modesAndGenerationCheckMapOntoThePolicy() {
        RestoreRecord r = RestoreTestRecords.keyed("s", 1L, 9, 0, RestoreTestRecords.bins("x"));
        var replace = mapper(opts().mode(RestoreWriteOptions.Mode.REPLACE)).map(r, NOW).row().writePolicy();
        assertThat(replace.recordExistsAction).isEqualTo(RecordExistsAction.REPLACE);
        assertThat(replace.generationPolicy).isEqualTo(GenerationPolicy.EXPECT_GEN_GT);
        var create = mapper(opts().mode(RestoreWriteOptions.Mode.CREATE_ONLY)).map(r, NOW).row().writePolicy();
        assertThat(create.recordExistsAction).isEqualTo(RecordExistsAction.CREATE_ONLY);
        assertThat(create.generationPolicy).isEqualTo(GenerationPolicy.NONE);
        var noGen = mapper(opts().generationCheck(false)).map(r, NOW).row().writePolicy();
        assertThat(noGen.generationPolicy).isEqualTo(GenerationPolicy.NONE);
        assertThat(noGen.generation).isZero();
    }

    @Test
    void ttlIsTheRemainingTimePlusExtraAndNeverExpiringStaysSo() {
        RestoreRecord expiring = RestoreTestRecords.keyed("s", 1L, 1, NOW_SERVER + 3600, RestoreTestRecords.bins("x"));
        RestoreRecord never = RestoreTestRecords.keyed("s", 2L, 1, 0, RestoreTestRecords.bins("x"));
        RecordWriteMapper extra = mapper(opts().extraTtlSeconds(600));
        assertThat(extra.map(expiring, NOW).row().writePolicy().expiration).isEqualTo(4200);
        assertThat(extra.map(never, NOW).row().writePolicy().expiration).isEqualTo(RestoreTtl.NEVER_EXPIRES);
        assertThat(RestoreTtl.expiration(NOW_SERVER + 1, NOW, 0)).hasValue(1);
    }

    @Test
    void aRecordWhoseVoidTimeHasPassedIsSkippedAsExpired() {
        RestoreRecord past = RestoreTestRecords.keyed("s", 1L, 1, NOW_SERVER - 5, RestoreTestRecords.bins("x"));
        RestoreRecord now = RestoreTestRecords.keyed("s", 1L, 1, NOW_SERVER, RestoreTestRecords.bins("x"));
        assertThat(mapper(opts().extraTtlSeconds(1000)).map(past, NOW).skipReason()).isEqualTo(SkipReason.EXPIRED);
        assertThat(mapper(opts()).map(now, NOW).skipReason()).isEqualTo(SkipReason.EXPIRED);
    }

    @Test
    void setAndBinFiltersSkipOrTrim() {
        RestoreRecord r = RestoreTestRecords.keyed("s", 1L, 1, 0,
                RestoreTestRecords.bins("n", "a", ParticleTypes.INTEGER, 1L, "b", ParticleTypes.INTEGER, 2L));
        assertThat(mapper(opts().setFilter(Set.of("other"))).map(r, NOW).skipReason()).isEqualTo(SkipReason.FILTERED);
        assertThat(mapper(opts().setFilter(Set.of("s"))).map(r, NOW).row()).isNotNull();
        WriteRow trimmed = mapper(opts().binFilter(Set.of("b", "zzz"))).map(r, NOW).row();
        assertThat(trimmed.ops()).extracting(op -> op.binName).containsExactly("b");
        assertThat(mapper(opts().binFilter(Set.of("zzz"))).map(r, NOW).skipReason()).isEqualTo(SkipReason.FILTERED);
    }

    @Test
    void deleteRowsBecomeBatchDeletesDurableOnlyWhenAskedFor() {
        byte[] digest = RestoreTestRecords.digest(random);
        RestoreRecord d = RestoreTestRecords.delete("s", digest);
        WriteRow plain = mapper(opts()).map(d, NOW).row();
        assertThat(plain.isDelete()).isTrue();
        assertThat(plain.newBatchRecord()).isInstanceOf(BatchDelete.class);
        assertThat(plain.key().digest).isEqualTo(digest);
        assertThat(plain.deletePolicy().durableDelete).isFalse();
        assertThat(mapper(opts().durableDeletes(true)).map(d, NOW).row().deletePolicy().durableDelete).isTrue();
    }

    @Test
    void resultCodesAreClassifiedUnderTheOptions() {
        ResultClassifier strict = new ResultClassifier(opts().build());
        assertThat(strict.classify(ResultCode.OK, false)).isEqualTo(ResultClassifier.Kind.WRITTEN);
        assertThat(strict.classify(ResultCode.GENERATION_ERROR, false)).isEqualTo(ResultClassifier.Kind.SKIPPED);
        assertThat(strict.classify(ResultCode.KEY_EXISTS_ERROR, false)).isEqualTo(ResultClassifier.Kind.FAILED);
        assertThat(strict.classify(ResultCode.KEY_NOT_FOUND_ERROR, true)).isEqualTo(ResultClassifier.Kind.SKIPPED);
        for (int code : List.of(9, 14, 18, -8, -11)) {
            assertThat(strict.classify(code, false)).as("code %s", code).isEqualTo(ResultClassifier.Kind.RETRY);
            assertThat(strict.finalKind(code, false)).isEqualTo(ResultClassifier.Kind.FAILED);
        }
        ResultClassifier lenient = new ResultClassifier(opts().generationCheck(false)
                .mode(RestoreWriteOptions.Mode.CREATE_ONLY).ignoredResultCodes(Set.of(13, 9)).build());
        assertThat(lenient.classify(ResultCode.GENERATION_ERROR, false)).isEqualTo(ResultClassifier.Kind.FAILED);
        assertThat(lenient.skipReason(ResultCode.KEY_EXISTS_ERROR, false)).isEqualTo(SkipReason.EXISTS);
        assertThat(lenient.classify(ResultCode.RECORD_TOO_BIG, false)).isEqualTo(ResultClassifier.Kind.IGNORED);
        assertThat(lenient.finalKind(ResultCode.TIMEOUT, false)).isEqualTo(ResultClassifier.Kind.IGNORED);
        assertThat(ResultClassifier.reason(22)).contains("nsup-period");
        assertThat(ResultClassifier.reason(ResultCode.PARAMETER_ERROR)).contains("result code 4")
                .contains("digest in another set");
    }

    @Test
    void backoffDoublesAndIsCapped() {
        var initial = java.time.Duration.ofMillis(100);
        assertThat(RetryBackoff.delayMillis(initial, 1)).isEqualTo(100);
        assertThat(RetryBackoff.delayMillis(initial, 3)).isEqualTo(400);
        assertThat(RetryBackoff.delayMillis(initial, 40)).isEqualTo(RetryBackoff.MAX_BACKOFF.toMillis());
    }
}
