package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertNoOpenScans;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static io.aerobackup.embedded.conformance.RecordTestSupport.scanSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.embedded.storage.NamespaceConfig;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * Record TTLs: the special values 0, -1 and -2, positive TTLs, touches, expiry, and namespaces
 * without a namespace supervisor. Void-times are seconds since 2010-01-01 UTC, as the server sends them.
 * The tests with their own embedded server (a controllable clock or special namespaces) skip on a real cluster.
 */
class TtlAndExpiryITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private static final long CITRUSLEAF_EPOCH_SECONDS = 1262304000L;
    private static final int TEN_YEARS = 315_360_000;

    private final Random random = new Random(0x5EED_0004L);
    private final String set = AerospikeTestCluster.uniqueSet("ttl");
    private final AerospikeClient client = CLUSTER.client();

    private Key key(String name) {
        return new Key(NAMESPACE, set, name);
    }

    private static WritePolicy ttl(int expiration) {
        WritePolicy policy = new WritePolicy();
        policy.expiration = expiration;
        return policy;
    }

    private static long nowVoidTimeSeconds() {
        return System.currentTimeMillis() / 1000 - CITRUSLEAF_EPOCH_SECONDS;
    }

    private static void assertTtlNear(Record record, int ttl) {
        assertThat(record.getTimeToLive()).isBetween(ttl - 2, ttl);
    }

    @Test
    void ttlZeroUsesTheNamespaceDefaultOfNeverExpiring() {
        Key key = key("zero");
        client.put(ttl(0), key, new Bin("a", 1));
        Record record = client.get(null, key);
        assertThat(record.expiration).isZero();
        assertThat(record.getTimeToLive()).isEqualTo(-1);
    }

    @Test
    void ttlMinusOneNeverExpiresEvenAfterATtl() {
        Key key = key("never");
        client.put(ttl(-1), key, new Bin("a", 1));
        assertThat(client.get(null, key).expiration).isZero();
        client.put(ttl(5000), key, new Bin("a", 2));
        assertThat(client.get(null, key).expiration).isNotZero();
        client.put(ttl(-1), key, new Bin("a", 3));
        Record record = client.get(null, key);
        assertThat(record.expiration).isZero();
        assertThat(record.getTimeToLive()).isEqualTo(-1);
    }

    @Test
    void positiveTtlSetsTheVoidTime() {
        int seconds = 1000 + random.nextInt(100_000);
        Key key = key("positive");
        long before = nowVoidTimeSeconds();
        client.put(ttl(seconds), key, new Bin("a", 1));
        long after = nowVoidTimeSeconds();
        Record record = client.get(null, key);
        assertThat((long) record.expiration).isBetween(before + seconds, after + seconds);
        assertTtlNear(record, seconds);
    }

    @Test
    void ttlMinusTwoKeepsTheExistingVoidTime() {
        Key key = key("keep");
        client.put(ttl(7200), key, new Bin("a", 1));
        int voidTime = client.get(null, key).expiration;
        client.put(ttl(-2), key, new Bin("a", 2));
        Record record = client.get(null, key);
        assertThat(record.expiration).isEqualTo(voidTime);
        assertThat(record.getLong("a")).isEqualTo(2L);
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void ttlMinusTwoOnCreateUsesTheDefault() {
        Key key = key("keep-new");
        client.put(ttl(-2), key, new Bin("a", 1));
        assertThat(client.get(null, key).expiration).isZero();
    }

    @Test
    void aShorterTtlIsApplied() {
        Key key = key("shorter");
        client.put(ttl(100_000), key, new Bin("a", 1));
        client.put(ttl(600), key, new Bin("a", 2));
        assertTtlNear(client.get(null, key), 600);
    }

    @Test
    void touchResetsTheTtlAndBumpsTheGeneration() {
        Key key = key("touch");
        client.put(ttl(600), key, new Bin("a", 1));
        client.touch(ttl(86_400), key);
        Record record = client.get(null, key);
        assertTtlNear(record, 86_400);
        assertThat(record.generation).isEqualTo(2);
        Record touched = client.operate(ttl(3600), key, Operation.touch());
        assertThat(touched.generation).isEqualTo(3);
        assertTtlNear(touched, 3600);
    }

    @Test
    void ttlOfTenYearsIsTheLimit() {
        Key key = key("ten-years");
        client.put(ttl(TEN_YEARS), key, new Bin("a", 1));
        assertTtlNear(client.get(null, key), TEN_YEARS);
        assertResultCode(ResultCode.PARAMETER_ERROR, () -> client.put(ttl(TEN_YEARS + 1), key, new Bin("a", 2)));
        assertResultCode(ResultCode.PARAMETER_ERROR, () -> client.put(ttl(-3), key, new Bin("a", 3)));
        assertThat(client.get(null, key).getLong("a")).isEqualTo(1L);
    }

    // ---- Tests with their own embedded server ----

    /** Runs {@code test} against a fresh embedded server with these namespaces and clock. */
    private static void withServer(List<NamespaceConfig> namespaces, Clock clock,
                                   BiConsumer<EmbeddedAerospike, AerospikeClient> test) {
        assumeTrue(CLUSTER.isEmbedded(), "needs an embedded server with its own clock or namespaces");
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().namespaceConfigs(namespaces).clock(clock)
                .build().start()) {
            ClientPolicy policy = new ClientPolicy();
            policy.timeout = 5000;
            try (AerospikeClient own = new AerospikeClient(policy, Host.parseHosts(server.hosts(), 3000))) {
                test.accept(server, own);
            }
        }
    }

    /** A clock on a whole second plus half a second, so void-time arithmetic has no rounding surprises. */
    private static TtlTestClock clockAtHalfSecond() {
        long second = System.currentTimeMillis() / 1000;
        return new TtlTestClock(Instant.ofEpochMilli(second * 1000 + 500));
    }

    @Test
    void recordIsInvisibleEverywhereOnceItsTtlHasPassed() {
        TtlTestClock clock = clockAtHalfSecond();
        withServer(List.of(NamespaceConfig.defaults(NAMESPACE)), clock, (server, own) -> {
            Key key = key("expires");
            Key other = key("stays");
            own.put(ttl(10), key, new Bin("a", 1));
            own.put(ttl(-1), other, new Bin("a", 2));
            Record record = own.get(null, key);
            assertThat((long) record.expiration).isEqualTo(clock.millis() / 1000 - CITRUSLEAF_EPOCH_SECONDS + 10);
            assertThat(scanSet(own, set)).hasSize(2);

            clock.advance(Duration.ofSeconds(11));

            assertThat(own.get(null, key)).isNull();
            assertThat(own.getHeader(null, key)).isNull();
            assertThat(own.exists(null, key)).isFalse();
            Record[] batch = own.get(null, new Key[] {key, other});
            assertThat(batch[0]).isNull();
            assertThat(batch[1].getLong("a")).isEqualTo(2L);
            assertThat(own.exists(null, new Key[] {key, other})).containsExactly(false, true);
            assertThat(scanSet(own, set)).containsOnlyKeys(RecordTestSupport.hex(other.digest));
            assertResultCode(ResultCode.KEY_NOT_FOUND_ERROR, () -> own.touch(null, key));
            WritePolicy updateOnly = new WritePolicy();
            updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
            assertResultCode(ResultCode.KEY_NOT_FOUND_ERROR, () -> own.put(updateOnly, key, new Bin("a", 3)));

            // A write to an expired record is a fresh create (as_record_rescue): generation 1, old bins gone.
            WritePolicy createOnly = new WritePolicy();
            createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
            own.put(createOnly, key, new Bin("b", 4));
            Record fresh = own.get(null, key);
            assertThat(fresh.generation).isEqualTo(1);
            assertThat(fresh.bins).containsOnlyKeys("b");
            assertThat(fresh.expiration).isZero();
            assertNoOpenScans(server);
        });
    }

    @Test
    void recordIsStillLiveAtItsVoidTimeAndGoneOneSecondLater() {
        // as_record_is_expired: void_time < now, so the void-time second itself is still live.
        TtlTestClock clock = clockAtHalfSecond();
        withServer(List.of(NamespaceConfig.defaults(NAMESPACE)), clock, (server, own) -> {
            Key key = key("boundary");
            own.put(ttl(10), key, new Bin("a", 1));
            clock.advance(Duration.ofSeconds(10));
            assertThat(own.exists(null, key)).as("live at its void-time second").isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(own.exists(null, key)).as("expired one second later").isFalse();
        });
    }

    @Test
    void namespaceWithoutNsupRefusesTtlsButAcceptsNeverExpire() {
        List<NamespaceConfig> namespaces = List.of(NamespaceConfig.defaults(NAMESPACE),
                NamespaceConfig.defaults("nottl").withNsupPeriod(0));
        withServer(namespaces, Clock.systemUTC(), (server, own) -> {
            Key key = new Key("nottl", set, "k");
            assertResultCode(ResultCode.FAIL_FORBIDDEN, () -> own.put(ttl(100), key, new Bin("a", 1)));
            assertThat(own.exists(null, key)).isFalse();

            own.put(ttl(-1), key, new Bin("a", 1));
            own.put(ttl(0), key, new Bin("a", 2));
            own.put(ttl(-2), key, new Bin("a", 3));
            Record record = own.get(null, key);
            assertThat(record.expiration).isZero();
            assertThat(record.getLong("a")).isEqualTo(3L);
            assertThat(record.generation).isEqualTo(3);
            assertResultCode(ResultCode.FAIL_FORBIDDEN, () -> own.touch(ttl(60), key));
            assertThat(own.getHeader(null, key).generation).isEqualTo(3);
        });
    }

    @Test
    void defaultTtlAppliesToTtlZeroAndIsForbiddenWithoutNsup() {
        List<NamespaceConfig> namespaces = List.of(NamespaceConfig.defaults(NAMESPACE),
                NamespaceConfig.defaults("defttl").withDefaultTtl(3600),
                NamespaceConfig.defaults("defnonsup").withDefaultTtl(3600).withNsupPeriod(0));
        withServer(namespaces, Clock.systemUTC(), (server, own) -> {
            Key withDefault = new Key("defttl", set, "k");
            own.put(ttl(0), withDefault, new Bin("a", 1));
            assertTtlNear(own.get(null, withDefault), 3600);
            Key createdKeeping = new Key("defttl", set, "keep");
            own.put(ttl(-2), createdKeeping, new Bin("a", 1));
            assertTtlNear(own.get(null, createdKeeping), 3600);

            Key forbidden = new Key("defnonsup", set, "k");
            assertResultCode(ResultCode.FAIL_FORBIDDEN, () -> own.put(ttl(0), forbidden, new Bin("a", 1)));
            own.put(ttl(-1), forbidden, new Bin("a", 1));
            assertThat(own.get(null, forbidden).expiration).isZero();
        });
    }
}
