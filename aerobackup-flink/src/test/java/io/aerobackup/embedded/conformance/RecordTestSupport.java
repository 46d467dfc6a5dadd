package io.aerobackup.embedded.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.embedded.EmbeddedAerospike;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** Helpers shared by the conformance ITCases: result-code assertions, set scans and bounded waits. */
final class RecordTestSupport {
    static final String NAMESPACE = "test";

    private RecordTestSupport() {
    }

    /** Asserts that {@code call} throws an AerospikeException carrying {@code resultCode}. */
    static void assertResultCode(int resultCode, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).as("result code of: %s", e.getMessage())
                                .isEqualTo(resultCode));
    }

    /** One record seen by a scan, with the key the server sent for it. */
    static final class Scanned {
        final Key key;
        final Record record;

        Scanned(Key key, Record record) {
            this.key = key;
            this.record = record;
        }
    }

    /** Scans one set of the test namespace; the result is keyed by hex digest, so it is stable across runs. */
    static Map<String, Scanned> scanSet(IAerospikeClient client, String set) {
        Map<String, Scanned> seen = new ConcurrentHashMap<>();
        client.scanPartitions(new ScanPolicy(), PartitionFilter.all(), NAMESPACE, set,
                (key, record) -> seen.put(hex(key.digest), new Scanned(key, record)));
        return new TreeMap<>(seen);
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; returns the final value. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /** The embedded server finishes a scan just after its last message; wait a bounded time for that. */
    static void assertNoOpenScans(EmbeddedAerospike server) {
        assertThat(await(Duration.ofSeconds(5), () -> server.openScans() == 0))
                .as("embedded server still has %d open scans", server.openScans()).isTrue();
    }
}
