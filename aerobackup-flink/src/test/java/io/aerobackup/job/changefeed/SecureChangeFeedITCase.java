package io.aerobackup.job.changefeed;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.config.SecurityOptions;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.spec.Incremental;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.SecureCluster;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The continuous change feed over TLS with a login: it commits rounds, captures deletes, and goes on
 * after every session on the server expired (its clients log in again).
 */
class SecureChangeFeedITCase {
    private static final SecureCluster SECURE = new SecureCluster(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = SECURE.cluster();

    @TempDir
    Path temp;

    private BackupSpec spec(String set, String destination) {
        SecurityOptions security = SecurityOptions.builder().tls(true).tlsName(SecureCluster.TLS_NAME)
                .caFile(SECURE.certificates().caFile().toString()).user(SecureCluster.USER)
                .password(SecurityOptions.PasswordSource.file(SECURE.passwordFile().toString())).build();
        return new BackupSpec(new ConnectionOptions(CLUSTER.hosts(), Duration.ofSeconds(5), security),
                ScanOptions.builder("test").sets(List.of(set)).build(), destination, ParquetWriteOptions.defaults(),
                256L * 1024 * 1024, 2, Duration.ofMillis(200), Map.of(), Incremental.full());
    }

    /** Writes, retrying while this test's own client logs in again after the sessions expired. */
    private static long write(AerospikeClient client, String set, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (true) {
                try {
                    client.put(null, new Key("test", set, i), new Bin("v", "w" + i));
                    break;
                } catch (com.aerospike.client.AerospikeException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
        return System.currentTimeMillis();
    }

    @Test
    void theFeedCommitsOverTlsAndOutlivesExpiredSessions() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("tlsfeed");
        String to = temp.resolve("cat").toString();
        AerospikeClient client = CLUSTER.client();
        write(client, set, 0, 40);
        JobClient job = ChangeFeedRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(), spec(set, to),
                FeedTestSupport.feed(to, true, FullSnapshotTriggers.none(), Clock.systemUTC()),
                UnaryOperator.identity());
        try {
            List<BackupManifest> first = FeedTestSupport.awaitCommitted(to, "test", l -> !l.isEmpty(), job);
            assertThat(first.get(0).kind()).isEqualTo(BackupManifest.FULL);
            assertThat(first.get(0).recordCount()).isEqualTo(40);

            write(client, set, 40, 60);
            client.delete(null, new Key("test", set, 3));
            long before = write(client, set, 60, 61);
            FeedTestSupport.awaitCoverage(to, "test", before, job);

            CLUSTER.embedded().expireSessions();
            CLUSTER.embedded().dropConnections();
            long after = write(client, set, 61, 80);
            List<BackupManifest> chain = FeedTestSupport.awaitCoverage(to, "test", after, job);

            List<BackupRecord> rows = new ArrayList<>();
            for (BackupManifest m : chain.subList(1, chain.size())) {
                rows.addAll(FeedTestSupport.rows(to, m));
            }
            assertThat(rows).anyMatch(r -> r.operation() == RecordOperation.DELETE);
            assertThat(rows.stream().filter(r -> r.operation() != RecordOperation.DELETE).count())
                    .as("every write after the full, in the deltas, renewed sessions or not").isGreaterThanOrEqualTo(40);
        } finally {
            job.cancel().get();
            FeedTestSupport.awaitTerminal(job);
        }
    }
}
