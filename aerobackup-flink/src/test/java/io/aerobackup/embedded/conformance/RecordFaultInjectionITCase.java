package io.aerobackup.embedded.conformance;

import static io.aerobackup.embedded.conformance.RecordTestSupport.NAMESPACE;
import static io.aerobackup.embedded.conformance.RecordTestSupport.assertResultCode;
import static io.aerobackup.embedded.conformance.RecordTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Random;

/**
 * Injected server failures and delays, seen through the real client: a failed command surfaces
 * its result code, a slow server times the client out. Embedded only (skipped on a real cluster).
 */
class RecordFaultInjectionITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private final Random random = new Random(0x5EED_0008L);
    private final String set = AerospikeTestCluster.uniqueSet("fault");
    private final AerospikeClient client = CLUSTER.client();

    @AfterEach
    void clearFaults() {
        if (CLUSTER.isEmbedded()) {
            CLUSTER.embedded().clearFaults();
        }
    }

    private static WritePolicy noRetries() {
        WritePolicy policy = new WritePolicy();
        policy.maxRetries = 0;
        return policy;
    }

    @Test
    void failNextFailsExactlyTheNextPut() {
        EmbeddedAerospike server = CLUSTER.embedded();
        Key key = new Key(NAMESPACE, set, "overload");
        long value = random.nextLong();
        server.failNext(1, ResultCode.DEVICE_OVERLOAD);
        assertResultCode(ResultCode.DEVICE_OVERLOAD, () -> client.put(noRetries(), key, new Bin("v", value)));
        assertThat(client.exists(null, key)).as("the failed put wrote nothing").isFalse();

        client.put(noRetries(), key, new Bin("v", value));
        Record record = client.get(null, key);
        assertThat(record.getLong("v")).isEqualTo(value);
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void failNextAppliesToReadsAndCountsDown() {
        EmbeddedAerospike server = CLUSTER.embedded();
        Key key = new Key(NAMESPACE, set, "count");
        client.put(null, key, new Bin("v", 1));
        Policy read = new Policy();
        read.maxRetries = 0;
        server.failNext(2, ResultCode.KEY_BUSY);
        assertResultCode(ResultCode.KEY_BUSY, () -> client.get(read, key));
        assertResultCode(ResultCode.KEY_BUSY, () -> client.get(read, key));
        assertThat(client.get(read, key).getLong("v")).isEqualTo(1L);
    }

    @Test
    void slowResponsesTimeTheClientOut() {
        EmbeddedAerospike server = CLUSTER.embedded();
        Key key = new Key(NAMESPACE, set, "slow");
        client.put(null, key, new Bin("v", 1));
        Policy fast = new Policy();
        fast.socketTimeout = 100;
        fast.totalTimeout = 100;
        fast.maxRetries = 0;
        server.delayResponses(Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> client.get(fast, key))
                    .isInstanceOfSatisfying(AerospikeException.Timeout.class, e -> {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.TIMEOUT);
                        assertThat(e.client).as("the client gave up, not the server").isTrue();
                    });
        } finally {
            server.delayResponses(Duration.ZERO);
        }
        assertThat(client.get(fast, key).getLong("v")).isEqualTo(1L);
    }

    @Test
    void aTimedOutWriteIsInDoubtAndMayStillBeApplied() {
        EmbeddedAerospike server = CLUSTER.embedded();
        Key key = new Key(NAMESPACE, set, "in-doubt");
        WritePolicy fast = noRetries();
        fast.socketTimeout = 100;
        fast.totalTimeout = 100;
        server.delayResponses(Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> client.put(fast, key, new Bin("v", 7)))
                    .isInstanceOfSatisfying(AerospikeException.Timeout.class,
                            e -> assertThat(e.getInDoubt()).as("the command was sent").isTrue());
        } finally {
            server.delayResponses(Duration.ZERO);
        }
        // The server got the write before the client gave up; it lands once the delay is over.
        assertThat(await(Duration.ofSeconds(5), () -> client.exists(null, key))).isTrue();
        assertThat(client.get(null, key).getLong("v")).isEqualTo(7L);
    }
}
