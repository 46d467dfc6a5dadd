package io.aerobackup.job.changefeed;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.cli.CliTestSupport;
import io.aerobackup.cli.ExitCodes;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delete capture and point-in-time restores through the change feed's chain: the source's state is
 * recorded at several moments, and restoring each moment's chain point gives back exactly that state.
 */
class ChangeFeedDeletesITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    @TempDir
    java.nio.file.Path temp;

    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return CliTestSupport.cli(err, args);
    }

    private static void write(String set, int from, int to, String value) {
        for (int i = from; i < to; i++) {
            CLUSTER.client().put(null, new Key("test", set, i), new Bin("v", value + i));
        }
    }

    private static void delete(String set, int from, int to) {
        for (int i = from; i < to; i++) {
            CLUSTER.client().delete(null, new Key("test", set, i));
        }
    }

    private static Map<String, List<?>> state(String namespace, String set) {
        Map<String, List<?>> state = new LinkedHashMap<>();
        BackupTestSupport.clusterRecords(CLUSTER.client(), namespace, List.of(set))
                .forEach((digest, r) -> state.put(digest, r.bins()));
        return state;
    }

    @Test
    void deletesAreCapturedAndEveryMomentRestoresToItsState() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("feeddel");
        String to = temp.resolve("cat").toString();
        AerospikeClient client = CLUSTER.client();
        write(set, 0, 50, "a");
        WritePolicy shortLived = new WritePolicy();
        // Long enough to be in the first full even on a loaded machine (a real server hides expired records).
        shortLived.expiration = 10;
        Key expiring = new Key("test", set, "expires");
        client.put(shortLived, expiring, new Bin("v", "soon gone"));

        JobClient job = ChangeFeedRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(),
                FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 2),
                FeedTestSupport.feed(to, true, FullSnapshotTriggers.none(), Clock.systemUTC()), UnaryOperator.identity());
        try {
            BackupManifest full = FeedTestSupport.awaitCommitted(to, "test", l -> !l.isEmpty(), job).get(0);
            assertThat(full.recordCount()).as("the full holds the short-lived record too").isEqualTo(51);
            List<Map<String, List<?>>> states = new ArrayList<>();
            List<Instant> points = new ArrayList<>();
            Set<String> deleted = new HashSet<>();

            // Moment 1: updates, deletes, new records.
            write(set, 0, 10, "b");
            delete(set, 40, 45);
            write(set, 50, 60, "b");
            moment(to, set, job, states, points);
            // Moment 2: delete records that were updated, bring back deleted ones, update new ones.
            delete(set, 0, 5);
            write(set, 40, 42, "c");
            write(set, 55, 60, "c");
            moment(to, set, job, states, points);
            // Moment 3: after the short-lived record expired (an expiry, not a delete).
            long deadline = System.currentTimeMillis() + 20_000;
            while (client.exists(null, expiring) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            delete(set, 20, 22);
            moment(to, set, job, states, points);

            List<BackupManifest> chain = FeedTestSupport.committed(to, "test");
            long deleteRows = 0;
            for (BackupManifest m : chain) {
                for (BackupRecord row : FeedTestSupport.rows(to, m)) {
                    if (row.operation() == RecordOperation.DELETE) {
                        deleteRows++;
                        deleted.add(row.digestHex());
                    }
                }
            }
            assertThat(deleteRows).as("5 + 5 + 2 deletes, each once").isEqualTo(12);
            assertThat(deleted).as("an expiry is no delete")
                    .doesNotContain(java.util.HexFormat.of().formatHex(expiring.digest));
            assertThat(chain.stream().mapToLong(m -> Long.parseLong(m.options().getOrDefault("expiriesSeen", "0")))
                    .sum()).as("the expired record is counted as an expiry").isEqualTo(1);
            assertThat(chain.stream().mapToLong(m -> Long.parseLong(m.options().getOrDefault("deletesCaptured", "0")))
                    .sum()).isEqualTo(12);

            job.cancel().get(); // the restores need the task slots
            FeedTestSupport.awaitTerminal(job);
            for (int i = 0; i < points.size(); i++) {
                client.truncate(null, "restore", set, null);
                assertThat(cli("restore", "--hosts", CLUSTER.hosts(), "--from", to, "--namespace", "test,restore", "--time",
                        points.get(i).toString(), "--parallelism", "1")).as(err.toString()).isEqualTo(ExitCodes.OK);
                // By the time of the restore the short-lived record has expired: restore skips it, by design.
                Map<String, List<?>> expected = new LinkedHashMap<>(states.get(i));
                expected.remove(java.util.HexFormat.of().formatHex(expiring.digest));
                assertThat(state("restore", set)).as("restored state at moment %d", i + 1).isEqualTo(expected);
            }
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
                FeedTestSupport.awaitTerminal(job);
            }
        }
    }

    /** Waits until a delta covers everything written so far; records the state and that delta's point. */
    private static void moment(String to, String set, JobClient job, List<Map<String, List<?>>> states,
                               List<Instant> points) throws Exception {
        long written = System.currentTimeMillis();
        Thread.sleep(5);
        states.add(state("test", set));
        List<BackupManifest> chain = FeedTestSupport.awaitCoverage(to, "test", written, job);
        BackupManifest point = chain.stream().filter(m -> m.windowToMillis() != null && m.windowToMillis() > written)
                .findFirst().orElseThrow();
        points.add(Instant.ofEpochMilli(point.windowToMillis()));
    }
}
