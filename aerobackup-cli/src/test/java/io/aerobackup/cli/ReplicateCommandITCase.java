package io.aerobackup.cli;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.demo.SampleData;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.job.replicate.ReplicationStatus;
import io.aerobackup.testutils.AerospikeTestCluster;
import static io.aerobackup.cli.CliTestSupport.cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aerobackup replicate} and {@code aerobackup status} as a user runs them: the source is the
 * test cluster (a real one with AEROSPIKE_HOSTS), the destination an embedded cluster; the command
 * prints each applied round, the destination ends equal to the source, status shows the counts, and
 * interrupting the command cancels its job.
 */
class ReplicateCommandITCase {
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    @RegisterExtension
    static final AerospikeTestCluster SOURCE = AerospikeTestCluster.create();

    private static EmbeddedAerospike destinationServer;
    private static AerospikeClient destination;

    @TempDir
    java.nio.file.Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startDestination() {
        destinationServer = EmbeddedAerospike.builder().build().start();
        destination = new AerospikeClient(new ClientPolicy(), Host.parseHosts(destinationServer.hosts(), 3000));
    }

    @AfterAll
    static void stopDestination() {
        destination.close();
        destinationServer.close();
    }

    @Test
    void replicatesUntilInterruptedAndStatusShowsWhatWasApplied() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("repl");
        SampleData.load(SOURCE.client(), "test", List.of(set), 2_000, 11);
        String statusFile = temp.resolve("status.json").toUri().toString();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = new Thread(() -> exit.set(cli(out, err, "replicate", "--hosts", SOURCE.hosts(), "--namespace", "test",
                "--to-hosts", destinationServer.hosts(), "--set", set, "--interval", "1", "--checkpoint-interval", "1",
                "--parallelism", "1", "--status-to", statusFile)), "replicate-command");
        run.start();
        try {
            ReplicationStatus full = awaitStatus(statusFile, s -> s.lastRound() >= 1, run);
            assertThat(full.lastRoundKind()).isEqualTo("full");
            assertThat(full.recordsApplied()).isGreaterThanOrEqualTo(2_000);

            SOURCE.client().put(null, SampleData.key("test", set, 5), new Bin("note", "changed on the source"));
            SOURCE.client().delete(null, SampleData.key("test", set, 6));
            long written = System.currentTimeMillis();
            awaitStatus(statusFile, s -> s.coveredUntilMillis() > written && s.deletesApplied() >= 1, run);

            assertThat(records(destination, set)).as("the destination equals the source")
                    .usingRecursiveComparison().isEqualTo(records(SOURCE.client(), set));
            assertThat(destination.get(null, new Key("test", set, 6))).as("the delete replicated").isNull();
            assertThat(out.toString()).contains("replicating namespace test to test at " + destinationServer.hosts())
                    // one line per status the command saw: rounds applied within one poll share a line
                    .containsPattern("applied round \\d+ \\((full|delta)\\): covered until ");

            StringWriter statusOut = new StringWriter();
            assertThat(cli(statusOut, err, "status", "--status-to", statusFile, "--json")).isEqualTo(ExitCodes.OK);
            JsonNode status = new ObjectMapper().readTree(statusOut.toString());
            assertThat(status.get("recordsApplied").asLong()).isGreaterThanOrEqualTo(2_001);
            assertThat(status.get("deletesApplied").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(status.get("conflictsSkipped").asLong()).isZero();
        } finally {
            run.interrupt();
            run.join(Duration.ofSeconds(60).toMillis());
        }
        assertThat(run.isAlive()).as("the command ends when interrupted").isFalse();
        assertThat(exit.get()).as(err.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        long updatedAt = ReplicationStatus.read(new org.apache.flink.core.fs.Path(statusFile)).updatedAtMillis();
        Thread.sleep(3_000);
        assertThat(ReplicationStatus.read(new org.apache.flink.core.fs.Path(statusFile)).updatedAtMillis())
                .as("the job was cancelled with the command: no round applied since").isEqualTo(updatedAt);
    }

    @Test
    void anUnknownDestinationNamespaceIsBadInputBeforeAnythingRuns() {
        int code = cli(out, err, "replicate", "--hosts", SOURCE.hosts(), "--namespace", "test,nosuch",
                "--to-hosts", destinationServer.hosts(), "--status-to", temp.resolve("s.json").toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("nosuch");
        assertThat(temp.resolve("s.json")).doesNotExist();
    }

    /** Every record of the set, by digest, with its bins. */
    private static Map<String, Map<String, Object>> records(AerospikeClient client, String set) {
        Statement statement = new Statement();
        statement.setNamespace("test");
        statement.setSetName(set);
        Map<String, Map<String, Object>> all = new HashMap<>();
        try (RecordSet rs = client.queryPartitions(null, statement, PartitionFilter.all())) {
            while (rs.next()) {
                Record record = rs.getRecord();
                all.put(java.util.HexFormat.of().formatHex(rs.getKey().digest), record.bins);
            }
        }
        return all;
    }

    private static ReplicationStatus awaitStatus(String file, Predicate<ReplicationStatus> done, Thread run)
            throws Exception {
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file);
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        ReplicationStatus last = null;
        while (System.nanoTime() < deadline && run.isAlive()) {
            if (path.getFileSystem().exists(path)) {
                try {
                    last = ReplicationStatus.read(path);
                    if (done.test(last)) {
                        return last;
                    }
                } catch (java.io.IOException e) {
                    // being replaced: look again
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no applied round as awaited within " + CONVERGE + " (command "
                + (run.isAlive() ? "running" : "ended") + "); last status " + last);
    }

}
