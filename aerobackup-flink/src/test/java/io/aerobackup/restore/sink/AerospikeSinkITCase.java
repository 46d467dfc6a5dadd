package io.aerobackup.restore.sink;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.BinValueCodec;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The restore sink in a real Flink job against the test cluster, read back with the client. */
class AerospikeSinkITCase {
    private static final String NS = "restore";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private Random random;
    private String set;
    private RestoreCounters counters;

    @BeforeEach
    void setUp() {
        set = AerospikeTestCluster.uniqueSet("rs");
        // Digests differ per run: a real server refuses a digest it kept from an earlier run in another set.
        random = new Random(set.hashCode());
        counters = new RestoreCounters("AerospikeSinkITCase-" + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        counters.release();
        if (CLUSTER.isEmbedded()) {
            CLUSTER.embedded().clearFaults();
        }
    }

    private RestoreWriteOptions.Builder options() {
        return RestoreWriteOptions.builder(NS).batchSize(16);
    }

    private AerospikeClient client() {
        return CLUSTER.client();
    }

    @Test
    void restoresEveryKindOfRecordWithKeysTtlsAndDeletes() throws Exception {
        List<RestoreRecord> rows = new ArrayList<>();
        for (long i = 0; i < 60; i++) {
            rows.add(RestoreTestRecords.keyed(set, i, 2, RestoreTestRecords.voidTimeIn(3600 + i),
                    RestoreTestRecords.allTypes(random, i)));
        }
        rows.add(RestoreTestRecords.keyed(set, "key-\u00fc", 1, 0, RestoreTestRecords.allTypes(random, 100)));
        rows.add(RestoreTestRecords.keyed(set, new byte[] {9, 8, 7}, 1, 0, RestoreTestRecords.allTypes(random, 101)));
        byte[] unkeyed = RestoreTestRecords.digest(random);
        rows.add(RestoreTestRecords.unkeyed(set, unkeyed, 4, RestoreTestRecords.voidTimeIn(500),
                RestoreTestRecords.allTypes(random, 102)));
        byte[] expired = RestoreTestRecords.digest(random);
        rows.add(RestoreTestRecords.unkeyed(set, expired, 1, RestoreTestRecords.voidTimeIn(-10),
                RestoreTestRecords.bins("gone")));
        rows.add(RestoreTestRecords.keyed("not_restored", 1L, 1, 0, RestoreTestRecords.bins("other set")));
        Key doomed = new Key(NS, set, "doomed");
        client().put(null, doomed, new Bin("name", "to be deleted"));
        rows.add(RestoreTestRecords.delete(set, doomed.digest));
        rows.add(RestoreTestRecords.delete(set, RestoreTestRecords.digest(random)));

        RestoreJobs.run(rows, CLUSTER.hosts(), options().setFilter(Set.of(set)).build(), counters);

        for (RestoreRecord row : rows.subList(0, 63)) {
            BackupRecord expected = row.record();
            Key key = new Key(NS, expected.digest(), set, null);
            Record actual = client().get(null, key);
            assertThat(actual).as("record %s", expected.digestHex()).isNotNull();
            assertThat(bins(actual)).as("bins of %s", expected.digestHex()).isEqualTo(byName(expected.bins()));
            if (expected.voidTime() == 0) {
                assertThat(actual.expiration).isZero();
            } else {
                assertThat((long) actual.expiration).isBetween(expected.voidTime() - 2, expected.voidTime() + 2);
            }
        }
        Map<String, BackupRecord> scanned = io.aerobackup.testutils.BackupTestSupport.clusterRecords(client(), NS,
                List.of(set));
        assertThat(scanned).hasSize(63);
        for (RestoreRecord row : rows.subList(0, 62)) {
            assertThat(scanned.get(row.record().digestHex()).userKey()).isEqualTo(row.record().userKey());
        }
        assertThat(scanned.get(rows.get(62).record().digestHex()).userKey()).isNull();
        assertThat(client().exists(null, new Key(NS, expired, set, null))).isFalse();
        assertThat(client().exists(null, doomed)).isFalse();

        assertThat(counters.written()).isEqualTo(63);
        assertThat(counters.deleted()).isEqualTo(1);
        assertThat(counters.skipped()).containsEntry("expired", 1L).containsEntry("filtered", 1L)
                .containsEntry("not-found", 1L);
        assertThat(counters.failed()).isEmpty();
        assertThat(counters.bytesWritten()).isPositive();
    }

    @Test
    void generationCheckWritesOnlyNewerVersionsUnlessTurnedOff() throws Exception {
        Key newer = new Key(NS, set, 1L);
        Key older = new Key(NS, set, 2L);
        for (int i = 0; i < 3; i++) {
            client().put(null, newer, new Bin("name", "target v" + i));
        }
        client().put(null, older, new Bin("name", "target old"));
        List<RestoreRecord> rows = List.of(
                RestoreTestRecords.keyed(set, 1L, 2, 0, RestoreTestRecords.bins("backup gen 2")),
                RestoreTestRecords.keyed(set, 2L, 5, 0, RestoreTestRecords.bins("backup gen 5")));

        RestoreJobs.run(rows, CLUSTER.hosts(), options().build(), counters);
        assertThat(client().get(null, newer).getString("name")).isEqualTo("target v2");
        assertThat(client().get(null, older).getString("name")).isEqualTo("backup gen 5");
        assertThat(counters.skipped(SkipReason.GENERATION)).isEqualTo(1);
        assertThat(counters.written()).isEqualTo(1);

        RestoreJobs.run(rows.subList(0, 1), CLUSTER.hosts(), options().generationCheck(false).build(), counters);
        assertThat(client().get(null, newer).getString("name")).isEqualTo("backup gen 2");
        assertThat(counters.written()).isEqualTo(2);
    }

    @Test
    void createOnlyLeavesExistingRecordsAlone() throws Exception {
        Key existing = new Key(NS, set, "there");
        client().put(null, existing, new Bin("name", "original"), new Bin("extra", 1));
        List<RestoreRecord> rows = List.of(
                RestoreTestRecords.keyed(set, "there", 9, 0, RestoreTestRecords.bins("from backup")),
                RestoreTestRecords.keyed(set, "new", 1, 0, RestoreTestRecords.bins("fresh")));

        RestoreJobs.run(rows, CLUSTER.hosts(), options().mode(RestoreWriteOptions.Mode.CREATE_ONLY).build(), counters);

        Record kept = client().get(null, existing);
        assertThat(kept.getString("name")).isEqualTo("original");
        assertThat(kept.getLong("extra")).isEqualTo(1);
        assertThat(client().get(null, new Key(NS, set, "new")).getString("name")).isEqualTo("fresh");
        assertThat(counters.skipped(SkipReason.EXISTS)).isEqualTo(1);
        assertThat(counters.written()).isEqualTo(1);
    }

    @Test
    void anIgnoredResultCodeIsCountedAndSkipped() throws Exception {
        List<RestoreRecord> rows = withOneTooBig(20);
        RestoreJobs.run(rows, CLUSTER.hosts(), options().ignoredResultCodes(Set.of(ResultCode.RECORD_TOO_BIG)).build(),
                counters);
        assertThat(counters.failed()).containsExactly(Map.entry(ResultCode.RECORD_TOO_BIG, 1L));
        assertThat(counters.written()).isEqualTo(20);
        assertThat(client().exists(null, new Key(NS, rows.get(0).record().digest(), set, null))).isFalse();
        assertThat(client().exists(null, new Key(NS, set, 19L))).isTrue();
    }

    @Test
    void aRefusedRecordFailsTheJobNamingDigestFileAndReason() {
        List<RestoreRecord> rows = withOneTooBig(5);
        String digest = rows.get(0).record().digestHex();
        assertThatThrownBy(() -> RestoreJobs.run(rows, CLUSTER.hosts(), options().build(), counters))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e))
                        .contains("cannot restore record " + digest + " from " + RestoreTestRecords.FILE)
                        .contains(ResultCode.getResultString(ResultCode.RECORD_TOO_BIG))
                        .contains("result code 13"));
    }

    @Test
    void transientErrorsAreRetriedUntilEveryRecordIsWritten() throws Exception {
        List<RestoreRecord> rows = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            rows.add(RestoreTestRecords.keyed(set, i, 1, 0, RestoreTestRecords.bins("r" + i)));
        }
        CLUSTER.embedded().failNext(3, ResultCode.DEVICE_OVERLOAD);
        RestoreJobs.run(rows, CLUSTER.hosts(), options().build(), counters);
        assertThat(counters.written()).isEqualTo(100);
        assertThat(counters.failed()).isEmpty();
        for (long i = 0; i < 100; i++) {
            assertThat(client().get(null, new Key(NS, set, i)).getString("name")).isEqualTo("r" + i);
        }
    }

    @Test
    void retriesGiveUpLoudlyWhenTheErrorPersists() {
        List<RestoreRecord> rows = List.of(RestoreTestRecords.keyed(set, 1L, 1, 0, RestoreTestRecords.bins("x")));
        CLUSTER.embedded().failNext(1000, ResultCode.KEY_BUSY);
        assertThatThrownBy(() -> RestoreJobs.run(rows, CLUSTER.hosts(), options().maxRetries(2).build(), counters))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e))
                        .contains(rows.get(0).record().digestHex()).contains("still failing after 2 retries"));
    }

    /** A 2 MiB record without a user key first, then {@code count} small keyed records. */
    private List<RestoreRecord> withOneTooBig(int count) {
        List<RestoreRecord> rows = new ArrayList<>();
        rows.add(RestoreTestRecords.unkeyed(set, RestoreTestRecords.digest(random), 1, 0,
                List.of(new BackupBin("big", ParticleTypes.BLOB, new byte[2 * 1024 * 1024]))));
        for (long i = 0; i < count; i++) {
            rows.add(RestoreTestRecords.keyed(set, i, 1, 0, RestoreTestRecords.bins("r" + i)));
        }
        return rows;
    }

    private static Map<String, BackupBin> bins(Record record) {
        Map<String, BackupBin> out = new HashMap<>();
        record.bins.forEach((name, value) -> out.put(name, BinValueCodec.fromClient(name, value)));
        return out;
    }

    private static Map<String, BackupBin> byName(List<BackupBin> bins) {
        Map<String, BackupBin> out = new HashMap<>();
        bins.forEach(b -> out.put(b.name(), b));
        return out;
    }
}
