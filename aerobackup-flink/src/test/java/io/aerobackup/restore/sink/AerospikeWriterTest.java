package io.aerobackup.restore.sink;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.BatchPolicy;
import io.aerobackup.restore.record.RestoreRecord;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's batching, retry and error hand-over, against a scripted client (no network). */
@Timeout(30)
class AerospikeWriterTest {
    private final RestoreCounters counters = new RestoreCounters("AerospikeWriterTest-" + UUID.randomUUID());
    private final InternalSinkWriterMetricGroup group = InternalSinkWriterMetricGroup.wrap(
            UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());

    /** A client whose batch operate runs {@code onBatch}. */
    private static IAerospikeClient client(Consumer<List<BatchRecord>> onBatch) {
        return (IAerospikeClient) Proxy.newProxyInstance(AerospikeWriterTest.class.getClassLoader(),
                new Class<?>[] {IAerospikeClient.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "copyBatchParentPolicyWriteDefault": return BatchPolicy.WriteDefault();
                        case "close": return null;
                        case "operate":
                            @SuppressWarnings("unchecked")
                            List<BatchRecord> records = (List<BatchRecord>) args[1];
                            onBatch.accept(records);
                            return true;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private AerospikeWriter writer(IAerospikeClient client, RestoreWriteOptions options) {
        return new AerospikeWriter(client, options, new RestoreMetrics(group), counters, 1, Clock.systemUTC());
    }

    private static RestoreRecord row(long i) {
        return RestoreTestRecords.keyed("s", i, 1, 0, RestoreTestRecords.bins("r" + i));
    }

    @Test
    void transientRowsAreResentAloneAndCounted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger rowsSent = new AtomicInteger();
        IAerospikeClient client = client(records -> {
            rowsSent.addAndGet(records.size());
            boolean first = calls.getAndIncrement() == 0;
            for (int i = 0; i < records.size(); i++) {
                records.get(i).resultCode = first && i == 1 ? ResultCode.DEVICE_OVERLOAD : ResultCode.OK;
            }
        });
        try (AerospikeWriter writer = writer(client, RestoreWriteOptions.builder("restore").batchSize(3)
                .maxBatchesInFlight(1).retryBackoff(java.time.Duration.ofMillis(1)).build())) {
            for (long i = 0; i < 3; i++) {
                writer.write(row(i), null);
            }
            writer.flush(true);
        }
        assertThat(calls).hasValue(2);
        assertThat(rowsSent).hasValue(4);
        assertThat(counters.written()).isEqualTo(3);
        assertThat(group.getNumRecordsSendCounter().getCount()).isEqualTo(3);
        counters.release();
    }

    @Test
    void anErrorOnTheExecutorFailsTheNextFlushInsteadOfHangingIt() throws Exception {
        IAerospikeClient client = client(records -> {
            throw new AssertionError("boom");
        });
        try (AerospikeWriter writer = writer(client, RestoreWriteOptions.builder("restore").batchSize(1)
                .maxBatchesInFlight(1).build())) {
            writer.write(row(1), null);
            assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
                    .hasMessageContaining(row(1).record().digestHex()).hasMessageContaining("boom");
            assertThatThrownBy(() -> writer.write(row(2), null)).isInstanceOf(IOException.class);
        }
        counters.release();
    }

    @Test
    void aFailedRowFailsTheWriterNamingDigestFileAndReason() throws Exception {
        IAerospikeClient client = client(records -> records.forEach(r -> r.resultCode = ResultCode.BIN_NAME_TOO_LONG));
        try (AerospikeWriter writer = writer(client, RestoreWriteOptions.builder("restore").build())) {
            writer.write(row(7), null);
            assertThatThrownBy(() -> writer.flush(true)).isInstanceOf(IOException.class)
                    .hasMessageContaining(row(7).record().digestHex())
                    .hasMessageContaining(RestoreTestRecords.FILE)
                    .hasMessageContaining(ResultCode.getResultString(ResultCode.BIN_NAME_TOO_LONG));
        }
        assertThat(counters.failed()).containsEntry(ResultCode.BIN_NAME_TOO_LONG, 1L);
        counters.release();
    }
}
