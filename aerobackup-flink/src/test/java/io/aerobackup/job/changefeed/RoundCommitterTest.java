package io.aerobackup.job.changefeed;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.Round;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committer of a bounded run (one planned round) commits at the end of its input, exactly once:
 * no final checkpoint needed, restored checkpoints applied, a restart after the commit keeps the
 * manifest and leaves the files it wrote again hidden.
 */
class RoundCommitterTest {
    /** Four partitions keep the PARTITION_DONE markers few. */
    private static final ScanOptions SCAN = ScanOptions.builder("test").partitions(0, 4).build();
    private static final Round ROUND = new Round(1, BackupManifest.FULL, "20261202T000000000Z-full-0001", null, null,
            null, 1_000_000L, null, null, false);

    @TempDir
    java.nio.file.Path temp;

    private String destination;
    private java.nio.file.Path dataDir;

    @BeforeEach
    void catalog() throws IOException {
        destination = temp.toUri().toString();
        new Catalog(new Path(destination)).prepareForWriting();
        dataDir = temp.resolve("test").resolve(ROUND.backupId()).resolve(CatalogPaths.DATA);
        Files.createDirectories(dataDir);
    }

    @Test
    void commitsAtTheEndOfInputWithoutACheckpoint() throws Exception {
        FeedElement.WrittenFile a = written(100, 10, 1000);
        FeedElement.WrittenFile b = written(50, 5, 500);
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> harness = harness()) {
            harness.open();
            harness.processElement(new StreamRecord<>(FeedElement.file(a)));
            harness.processElement(new StreamRecord<>(FeedElement.file(b)));
            allPartitionsDone(harness, 0, 4);
            assertThat(manifest()).as("nothing before the end of input").doesNotExist();

            harness.endInput();
        }

        BackupManifest manifest = readManifest();
        assertThat(manifest.backupId()).isEqualTo(ROUND.backupId());
        assertThat(manifest.kind()).isEqualTo(BackupManifest.FULL);
        assertThat(manifest.recordCount()).isEqualTo(15);
        assertThat(manifest.fileBytes()).isEqualTo(150);
        assertThat(manifest.binBytes()).isEqualTo(1500);
        assertThat(manifest.files()).extracting(BackupManifest.DataFile::sha256)
                .containsExactly(a.sha256(), b.sha256());
        assertThat(manifest.options()).containsEntry("compress", "zstd").doesNotContainKey("changeFeedRound");
        assertThat(visible(a)).isRegularFile();
        assertThat(visible(b)).isRegularFile();
        assertThat(hidden(a)).doesNotExist();
    }

    @Test
    void aRestoredCommitterAppliesItsCheckpointAndWhatArrivedSinceOnce() throws Exception {
        FeedElement.WrittenFile checkpointed = written(100, 10, 1000);
        FeedElement.WrittenFile lost = written(70, 7, 700);
        OperatorSubtaskState state;
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> first = harness()) {
            first.open();
            first.processElement(new StreamRecord<>(FeedElement.file(checkpointed)));
            allPartitionsDone(first, 0, 2);
            state = first.snapshot(1, 1);
            // written after the checkpoint, then the job failed: its file must never be listed
            first.processElement(new StreamRecord<>(FeedElement.file(lost)));
            allPartitionsDone(first, 2, 4);
        }
        assertThat(manifest()).doesNotExist();

        FeedElement.WrittenFile again = written(60, 7, 700);
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> second = harness()) {
            second.initializeState(state);
            second.open();
            second.processElement(new StreamRecord<>(FeedElement.file(again)));
            allPartitionsDone(second, 2, 4);
            second.endInput();
        }

        BackupManifest manifest = readManifest();
        assertThat(manifest.recordCount()).isEqualTo(17);
        assertThat(manifest.files()).extracting(BackupManifest.DataFile::sha256)
                .containsExactly(checkpointed.sha256(), again.sha256());
        assertThat(hidden(lost)).as("a failed attempt's file stays hidden").isRegularFile();
        assertThat(visible(lost)).doesNotExist();
    }

    @Test
    void aRestartAfterTheCommitKeepsTheManifestAndPublishesNothing() throws Exception {
        FeedElement.WrittenFile a = written(100, 10, 1000);
        FeedElement.WrittenFile b = written(50, 5, 500);
        OperatorSubtaskState state;
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> first = harness()) {
            first.open();
            first.processElement(new StreamRecord<>(FeedElement.file(a)));
            allPartitionsDone(first, 0, 2);
            state = first.snapshot(1, 1);
            first.processElement(new StreamRecord<>(FeedElement.file(b)));
            allPartitionsDone(first, 2, 4);
            first.endInput();
            // the job fails after the commit, before it finished
        }
        byte[] committed = Files.readAllBytes(manifest());

        FeedElement.WrittenFile rewritten = written(55, 5, 500);
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> second = harness()) {
            second.initializeState(state);
            second.open();
            second.processElement(new StreamRecord<>(FeedElement.file(rewritten)));
            allPartitionsDone(second, 2, 4);
            second.endInput();
        }

        assertThat(Files.readAllBytes(manifest())).as("the manifest is kept as committed").isEqualTo(committed);
        assertThat(visible(a)).isRegularFile();
        assertThat(visible(b)).isRegularFile();
        assertThat(hidden(rewritten)).as("written again after the commit: stays hidden").isRegularFile();
        assertThat(visible(rewritten)).doesNotExist();
    }

    @Test
    void theFeedStillCommitsOnCompletedCheckpointsOnly() throws Exception {
        FeedElement.WrittenFile a = written(100, 10, 1000);
        ChangeFeedOptions feed = new ChangeFeedOptions(destination, Duration.ofSeconds(10), Duration.ofSeconds(1),
                false, io.aerobackup.source.changefeed.FullSnapshotTriggers.of(null, 0, 0, 0), Clock.systemUTC());
        try (OneInputStreamOperatorTestHarness<FeedElement, Void> harness = harness(feed)) {
            harness.open();
            harness.processElement(new StreamRecord<>(FeedElement.file(a)));
            allPartitionsDone(harness, 0, 4);
            harness.snapshot(1, 1);
            assertThat(manifest()).as("not before the checkpoint completed").doesNotExist();

            harness.notifyOfCompletedCheckpoint(1);
        }

        assertThat(readManifest().options()).containsEntry("changeFeedRound", "1");
        assertThat(visible(a)).isRegularFile();
    }

    private OneInputStreamOperatorTestHarness<FeedElement, Void> harness() throws Exception {
        return harness(ChangeFeedOptions.oneRound(destination, Duration.ofSeconds(10), ROUND, Clock.systemUTC()));
    }

    private OneInputStreamOperatorTestHarness<FeedElement, Void> harness(ChangeFeedOptions feed) throws Exception {
        // An unreachable cluster: the manifest then lists no index or UDF definitions.
        RoundCommitter committer = new RoundCommitter(new ConnectionOptions("127.0.0.1:1", Duration.ofMillis(200)),
                SCAN, destination, ParquetWriteOptions.defaults(), Map.of("compress", "zstd"), feed);
        return new OneInputStreamOperatorTestHarness<>(committer);
    }

    private static void allPartitionsDone(OneInputStreamOperatorTestHarness<FeedElement, Void> harness, int from,
                                          int to) throws Exception {
        for (int p = from; p < to; p++) {
            harness.processElement(new StreamRecord<>(FeedElement.partitionDone(ROUND, p)));
        }
    }

    /** A hidden file of {@code bytes} bytes, as a writer leaves it. */
    private FeedElement.WrittenFile written(int bytes, long rows, long binBytes) throws IOException {
        String name = "part-0-" + UUID.randomUUID() + ".parquet";
        java.nio.file.Path hidden = dataDir.resolve("." + name + RoundFileWriter.IN_PROGRESS_SUFFIX);
        Files.write(hidden, new byte[bytes]);
        return new FeedElement.WrittenFile(ROUND.backupId(), ROUND.number(), hidden.toUri().toString(),
                dataDir.resolve(name).toUri().toString(), rows, bytes, binBytes, name.substring(7, 39), 0, 0);
    }

    private java.nio.file.Path visible(FeedElement.WrittenFile file) {
        return java.nio.file.Path.of(java.net.URI.create(file.finalPath()));
    }

    private java.nio.file.Path hidden(FeedElement.WrittenFile file) {
        return java.nio.file.Path.of(java.net.URI.create(file.inProgressPath()));
    }

    private java.nio.file.Path manifest() {
        return java.nio.file.Path.of(java.net.URI.create(
                CatalogPaths.manifest(new Path(destination), "test", ROUND.backupId()).toUri().toString()));
    }

    private BackupManifest readManifest() throws IOException {
        assertThat(manifest()).exists();
        return new Catalog(new Path(destination)).readManifest(
                CatalogPaths.manifest(new Path(destination), "test", ROUND.backupId()));
    }
}
