package io.aerobackup.restore.sink;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.Key;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A node of a 3-node cluster stops in the middle of a restore: every record still lands. */
class AerospikeSinkNodeLossITCase {
    private static final String NS = "restore";
    private static final int RECORDS = 6000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    @Test
    void aNodeStoppedMidWriteLosesNoRecord() throws Exception {
        var embedded = CLUSTER.embedded();
        String set = AerospikeTestCluster.uniqueSet("rs_loss");
        RestoreCounters counters = new RestoreCounters("NodeLoss-" + UUID.randomUUID());
        List<RestoreRecord> rows = new ArrayList<>();
        for (long i = 0; i < RECORDS; i++) {
            rows.add(RestoreTestRecords.keyed(set, i, 1, 0, RestoreTestRecords.bins("r" + i)));
        }
        // Slow enough (about 3 s) that the node stops while batches are in flight.
        RestoreWriteOptions options = RestoreWriteOptions.builder(NS).batchSize(32).recordsPerSecond(2000).build();
        try {
            JobClient job = RestoreJobs.start(rows, CLUSTER.hosts(), options, counters);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (counters.written() < RECORDS / 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(counters.written()).as("records written before the node stops")
                    .isBetween((long) RECORDS / 4, (long) RECORDS - 1);
            embedded.stopNode(1);

            boolean succeeded;
            try {
                JobExecutionResult result = job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
                succeeded = result != null;
            } catch (ExecutionException e) {
                // Allowed only as a loud failure that names the record it could not write.
                assertThat(ExceptionUtils.stringifyException(e)).contains("cannot restore record");
                succeeded = false;
            }
            assertThat(succeeded).as("the restore survives the loss of one node of three").isTrue();
            assertThat(counters.written()).isEqualTo(RECORDS);
            assertThat(counters.failed()).isEmpty();
            assertThat(missing(set)).as("records missing after the restore").isEmpty();
        } finally {
            counters.release();
            embedded.restartNode(1);
        }
    }

    private static List<Long> missing(String set) {
        List<BatchRecord> reads = new ArrayList<>();
        for (long i = 0; i < RECORDS; i++) {
            reads.add(new com.aerospike.client.BatchRead(new Key(NS, set, i), true));
        }
        CLUSTER.client().operate(null, reads);
        List<Long> missing = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            if (reads.get(i).record == null || !("r" + i).equals(reads.get(i).record.getString("name"))) {
                missing.add((long) i);
            }
        }
        return missing;
    }
}
