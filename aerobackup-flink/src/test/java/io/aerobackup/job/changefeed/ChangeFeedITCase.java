package io.aerobackup.job.changefeed;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.BackupVerifier;
import io.aerobackup.catalog.EncryptedBackups;
import io.aerobackup.crypto.EncryptionKey;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The continuous change feed against a real cluster: every write lands in exactly one delta, the
 * one whose window holds it, through savepoints, restarts from failures, and plain running.
 */
class ChangeFeedITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    @TempDir
    java.nio.file.Path temp;

    private final List<JobClient> jobs = new ArrayList<>();
    private final List<Write> writes = new ArrayList<>();
    private int sequence;

    @AfterEach
    void cancelJobs() throws Exception {
        for (JobClient job : jobs) {
            if (!job.getJobStatus().get().isTerminalState()) {
                job.cancel().get();
            }
            FeedTestSupport.awaitTerminal(job);
        }
    }

    private JobClient start(StreamExecutionEnvironment env, BackupSpec spec,
                            UnaryOperator<DataStream<FeedElement>> between) throws Exception {
        JobClient job = ChangeFeedRunner.start(env, spec, FeedTestSupport.feed(spec.destination(), false,
                FullSnapshotTriggers.none(), Clock.systemUTC()), between);
        jobs.add(job);
        return job;
    }

    /** Writes a unique value to each key and remembers when. */
    private void write(String set, int from, int to) throws InterruptedException {
        AerospikeClient client = CLUSTER.client();
        for (int i = from; i < to; i++) {
            String value = "w" + (sequence++);
            long before = System.currentTimeMillis();
            client.put(null, new Key("test", set, i), new Bin("v", value));
            writes.add(new Write(value, before, System.currentTimeMillis()));
        }
        Thread.sleep(5);
    }

    private long lastWriteMillis() {
        return writes.get(writes.size() - 1).after;
    }

    /**
     * Every write made after the first full appears in exactly one delta, whose window holds its
     * time, and the deltas hold nothing else; the deltas chain without a gap.
     */
    private void assertEachWriteOnceInItsRound(String destination, List<Write> expected) throws Exception {
        List<BackupManifest> chain = FeedTestSupport.committed(destination, "test");
        assertThat(chain.get(0).kind()).isEqualTo(BackupManifest.FULL);
        Map<String, Integer> seen = new HashMap<>();
        Map<String, BackupManifest> where = new HashMap<>();
        BackupManifest previous = chain.get(0);
        for (BackupManifest m : chain.subList(1, chain.size())) {
            assertThat(m.kind()).as("only deltas after the first full").isEqualTo(BackupManifest.DELTA);
            assertThat(m.parentId()).as("delta %s chains on the backup before it", m.backupId())
                    .isEqualTo(previous.backupId());
            assertThat(m.windowFromMillis()).as("no gap before %s", m.backupId())
                    .isLessThanOrEqualTo(previous.coverageEndMillis());
            // The SHA-256 the writer computed while writing matches the committed bytes.
            assertThat(BackupVerifier.verify(new Catalog(new Path(destination)), m, true))
                    .as("files of %s match their manifest", m.backupId()).isEmpty();
            for (BackupRecord row : FeedTestSupport.rows(destination, m)) {
                String value = (String) row.bins().get(0).value();
                seen.merge(value, 1, Integer::sum);
                where.put(value, m);
            }
            previous = m;
        }
        for (Write w : expected) {
            assertThat(seen.get(w.value)).as("write %s appears once", w.value).isEqualTo(1);
            BackupManifest m = where.get(w.value);
            assertThat(m.windowFromMillis()).as("%s window starts before the write", w.value)
                    .isLessThanOrEqualTo(w.after);
            assertThat(m.windowToMillis()).as("%s window ends after the write", w.value).isGreaterThan(w.before);
        }
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum())
                .as("the deltas hold only the writes").isEqualTo(expected.size());
    }

    @Test
    void eachWriteLandsInExactlyOneDeltaOfItsRound() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("feed");
        String to = temp.resolve("cat").toString();
        write(set, 0, 100);
        writes.clear();
        JobClient job = start(StreamExecutionEnvironment.getExecutionEnvironment(),
                FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 2), UnaryOperator.identity());
        List<BackupManifest> first = FeedTestSupport.awaitCommitted(to, "test", l -> !l.isEmpty(), job);
        assertThat(first.get(0).kind()).isEqualTo(BackupManifest.FULL);
        assertThat(first.get(0).recordCount()).isEqualTo(100);
        assertThat(first.get(0).options()).containsEntry("fullSnapshotTrigger", "NO_CHAIN");
        for (int phase = 0; phase < 3; phase++) {
            write(set, phase * 30, phase * 30 + 20); // updates
            write(set, 100 + phase * 20, 120 + phase * 20); // new records
            FeedTestSupport.awaitCoverage(to, "test", lastWriteMillis(), job);
        }
        assertEachWriteOnceInItsRound(to, writes);
    }

    @Test
    void anEncryptedFeedEncryptsAndSignsEveryRound() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("feedenc");
        String to = temp.resolve("cat").toString();
        java.nio.file.Path keyFile = temp.resolve("feed.key");
        byte[] key = new byte[16]; // a test key
        java.nio.file.Files.write(keyFile, java.util.Base64.getEncoder().encode(key));
        write(set, 0, 40);
        writes.clear();
        BackupSpec plain = FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 1);
        BackupSpec spec = new BackupSpec(plain.connection(), plain.scan(), plain.destination(),
                ParquetWriteOptions.builder().encryption(EncryptionOptions.of(List.of(keyFile.toString()), null))
                        .build(), plain.maxFileBytes(), 1, plain.checkpointInterval(), plain.optionsUsed(),
                plain.incremental());
        JobClient job = start(StreamExecutionEnvironment.getExecutionEnvironment(), spec, UnaryOperator.identity());
        FeedTestSupport.awaitCommitted(to, "test", l -> !l.isEmpty(), job);
        write(set, 0, 20);
        FeedTestSupport.awaitCoverage(to, "test", lastWriteMillis(), job);
        job.cancel().get();
        FeedTestSupport.awaitTerminal(job);

        Catalog catalog = new Catalog(new Path(to));
        KeyRing keys = KeyRing.of(EncryptionKey.of(key));
        List<BackupManifest> chain = FeedTestSupport.committed(to, "test");
        assertThat(chain).hasSizeGreaterThan(1);
        long rows = 0;
        for (BackupManifest m : chain) {
            assertThat(m.encryptionKeyId()).isEqualTo(EncryptionKey.of(key).id());
            assertThat(EncryptedBackups.check(catalog, m, keys)).as("HMAC of %s", m.backupId()).isNull();
            assertThat(EncryptedBackups.check(catalog, m, KeyRing.EMPTY)).isNotNull();
            assertThat(BackupVerifier.verify(catalog, m, true, keys)).as("files of %s", m.backupId()).isEmpty();
            rows += m.recordCount();
        }
        assertThat(rows).isGreaterThanOrEqualTo(60);
    }

    @Test
    void stopWithSavepointAndResumeLeavesNoGapOrRepeat() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("feedsp");
        String to = temp.resolve("cat").toString();
        write(set, 0, 50);
        writes.clear();
        BackupSpec spec = FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 1);
        JobClient job = start(StreamExecutionEnvironment.getExecutionEnvironment(), spec, UnaryOperator.identity());
        FeedTestSupport.awaitCommitted(to, "test", l -> !l.isEmpty(), job);
        write(set, 0, 30);
        FeedTestSupport.awaitCoverage(to, "test", lastWriteMillis(), job);
        write(set, 50, 80); // may or may not be scanned before the stop
        String savepoint = job.stopWithSavepoint(false, temp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        write(set, 80, 120); // while the job is down
        write(set, 30, 40);

        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        JobClient resumed = start(StreamExecutionEnvironment.getExecutionEnvironment(conf), spec,
                UnaryOperator.identity());
        FeedTestSupport.awaitCoverage(to, "test", lastWriteMillis(), resumed);
        assertEachWriteOnceInItsRound(to, writes);
        assertThat(FeedTestSupport.committed(to, "test").stream().filter(m -> m.kind().equals(BackupManifest.FULL)))
                .as("the resumed job continues the chain, no second full").hasSize(1);
    }

    /**
     * Fails the job once, in the middle of a delta round of 300 changes that is slowed down so that
     * checkpoints complete inside the round (the restore then resumes mid-split, after cursors).
     */
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger CHANGES_SEEN = new AtomicInteger();

    @Test
    void failureMidRoundRestartsWithoutGapOrDuplicate() throws Exception {
        FAILED.set(false);
        CHANGES_SEEN.set(0);
        String set = AerospikeTestCluster.uniqueSet("feedfail");
        String to = temp.resolve("cat").toString();
        write(set, 0, 50);
        writes.clear();
        JobClient job = start(StreamExecutionEnvironment.getExecutionEnvironment(),
                FeedTestSupport.spec(CLUSTER.hosts(), "test", set, to, 1), stream -> stream.map(e -> {
                    if (e.kind() == FeedElement.Kind.CHANGE && !e.fullRound()) {
                        Thread.sleep(3);
                        if (CHANGES_SEEN.incrementAndGet() == 200 && FAILED.compareAndSet(false, true)) {
                            throw new IllegalStateException("injected failure in the middle of a round");
                        }
                    }
                    return e;
                }).returns(io.aerobackup.source.changefeed.FeedElementTypeInfo.INSTANCE));
        FeedTestSupport.awaitCommitted(to, "test", l -> !l.isEmpty(), job);
        write(set, 0, 300);
        FeedTestSupport.awaitCoverage(to, "test", lastWriteMillis(), job);
        write(set, 300, 320);
        FeedTestSupport.awaitCoverage(to, "test", lastWriteMillis(), job);
        assertThat(FAILED).as("the failure was injected").isTrue();
        assertEachWriteOnceInItsRound(to, writes);
    }

    private record Write(String value, long before, long after) {
    }
}
