package io.aerobackup.source.changefeed;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.demo.SampleData;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.source.reader.ScanProgress;
import io.aerobackup.source.reader.ScanReaderMetrics;
import io.aerobackup.source.split.PartitionSplit;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's split requests: it holds one split at a time, and a restored reader finishes the
 * splits it was restored with before it asks for another, so no split is ever added to a fetcher
 * that is busy (see {@link ChangeFeedReader} for the hang that avoids).
 */
class ChangeFeedReaderITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    private static final String SET = AerospikeTestCluster.uniqueSet("reader");
    private static final int RECORDS = 2000;
    private static final Round ROUND = new Round(1, "full", "20261202T000000000Z-full-0001", null, null, null, 0L,
            null, null, false);

    @BeforeAll
    static void load() {
        SampleData.load(CLUSTER.client(), "test", List.of(SET), RECORDS, 11);
    }

    @Test
    void aFreshReaderAsksForOneSplitAndForTheNextOnlyWhenItIsDone() throws Exception {
        CountingContext context = new CountingContext();
        try (ChangeFeedReader reader = reader(context)) {
            reader.start();
            assertThat(context.requests).isEqualTo(1);

            PartitionSplit split = PartitionSplit.fresh(0, 1024);
            reader.addSplits(List.of(RoundSplit.fresh(ROUND, split.begin(), split.count())));
            List<BackupRecord> read = readUntilRequested(reader, context, 2);

            assertThat(digests(read)).isEqualTo(expected(split));
        }
    }

    @Test
    void aRestoredReaderFinishesAllItsSplitsBeforeAskingForAnother() throws Exception {
        CountingContext context = new CountingContext();
        PartitionSplit first = PartitionSplit.fresh(1024, 512);
        PartitionSplit second = PartitionSplit.fresh(2048, 512);
        try (ChangeFeedReader reader = reader(context)) {
            // As Flink restores a reader: its splits come before start().
            reader.addSplits(List.of(RoundSplit.fresh(ROUND, first.begin(), first.count()),
                    RoundSplit.fresh(ROUND, second.begin(), second.count())));
            reader.start();
            assertThat(context.requests).as("no request while restored splits are unread").isZero();

            List<BackupRecord> read = readUntilRequested(reader, context, 1);

            Set<String> expected = expected(first);
            expected.addAll(expected(second));
            assertThat(read).hasSize(expected.size());
            assertThat(digests(read)).isEqualTo(expected);
            assertThat(reader.getNumberOfCurrentlyAssignedSplits()).isZero();
        }
    }

    private static ChangeFeedReader reader(SourceReaderContext context) {
        ScanOptions options = ScanOptions.builder("test").sets(List.of(SET)).recordsPerSecond(20_000).build();
        ConnectionOptions connection = new ConnectionOptions(CLUSTER.hosts(), Duration.ofSeconds(5));
        return new ChangeFeedReader(() -> new RoundSplitReader(connection, options, true), context,
                new ScanReaderMetrics(context.metricGroup(), options.partitionCount()),
                new ScanProgress("ChangeFeedReaderITCase-" + UUID.randomUUID()),
                RateLimiterStrategy.perSecond(options.recordsPerSecond()));
    }

    /** Polls as the source task does, waiting on the availability future, until the request count is reached. */
    private static List<BackupRecord> readUntilRequested(ChangeFeedReader reader, CountingContext context,
                                                         int requests) throws Exception {
        CollectingFeedOutput output = new CollectingFeedOutput();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (context.requests < requests) {
            assertThat(System.nanoTime()).as("the reader finished its splits within 30 s").isLessThan(deadline);
            InputStatus status = reader.pollNext(output);
            assertThat(status).isNotEqualTo(InputStatus.END_OF_INPUT);
            if (status == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(context.requests).as("exactly one new request").isEqualTo(requests);
        return output.records;
    }

    private static Set<String> digests(List<BackupRecord> records) {
        return records.stream().map(BackupRecord::digestHex).collect(Collectors.toSet());
    }

    /** The set's records in the split's partitions, read straight from the cluster. */
    private static Set<String> expected(PartitionSplit split) {
        return BackupTestSupport.clusterRecords(CLUSTER.client(), "test", List.of(SET)).values().stream()
                .filter(record -> record.partitionId() >= split.begin()
                        && record.partitionId() < split.begin() + split.count())
                .map(BackupRecord::digestHex)
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }

    private static final class CountingContext implements SourceReaderContext {
        private final SourceReaderMetricGroup metrics = UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        volatile int requests;

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return metrics;
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {
            requests++;
        }

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {
        }

        @Override
        public int currentParallelism() {
            return 1;
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }
    }
}
