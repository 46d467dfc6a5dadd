package io.aerobackup.job.changefeed;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.sink.parquet.ParquetBackupReader;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.source.SourceTestData;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.Round;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer of a change feed's data files, on Flink's operator harness: one FILE per open file
 * before each barrier and at the end of input, checksums and counts that match the bytes on disk,
 * pass-through of markers, expiry counts, rolling at the file size, and hidden files when it fails.
 */
class RoundFileWriterTest {
    private static final String NAMESPACE = "test";
    private static final Round FULL = new Round(1, BackupManifest.FULL, "20261202T000000000Z-full-0001", null, null,
            null, 1_000_000L, null, null, false);
    private static final Round DELTA = new Round(2, BackupManifest.DELTA, "20261202T000100000Z-delta-0002",
            FULL.backupId(), 1_000_000L, 2_000_000L, 2_000_000L, null, null, true);

    /** Aerospike's particle type of a BLOB bin. */
    private static final int BLOB = 4;

    @TempDir
    java.nio.file.Path temp;

    private String destination;
    private final Random random = new Random(42);

    @BeforeEach
    void destination() {
        destination = temp.toUri().toString();
    }

    @Test
    void aBarrierFinishesTheOpenFileIntoOneFileElementMatchingItsBytes() throws Exception {
        List<BackupRecord> records = upserts(10);
        records.add(deletion());
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(0)) {
            harness.open();
            for (BackupRecord r : records) {
                harness.processElement(new StreamRecord<>(FeedElement.change(FULL, r)));
            }
            assertThat(files(harness)).as("nothing before the barrier").isEmpty();

            harness.prepareSnapshotPreBarrier(1);

            List<FeedElement.WrittenFile> files = files(harness);
            assertThat(files).hasSize(1);
            FeedElement.WrittenFile file = files.get(0);
            assertThat(file.backupId()).isEqualTo(FULL.backupId());
            assertThat(file.round()).isEqualTo(FULL.number());
            assertThat(file.rows()).isEqualTo(records.size());
            assertThat(file.deletes()).isEqualTo(1);
            assertThat(file.expiries()).isZero();
            assertThat(file.binBytes()).isPositive();
            java.nio.file.Path hidden = local(file.inProgressPath());
            assertThat(hidden.getFileName().toString()).startsWith(".part-0-").endsWith(".parquet.inprogress");
            assertThat(hidden.getParent()).isEqualTo(temp.resolve(NAMESPACE).resolve(FULL.backupId()).resolve("data"));
            assertThat(local(file.finalPath())).isEqualTo(hidden.resolveSibling(
                    hidden.getFileName().toString().substring(1).replace(".inprogress", "")));
            assertThat(local(file.finalPath())).as("the committer makes it visible").doesNotExist();
            assertThat(file.bytes()).isEqualTo(Files.size(hidden));
            assertThat(file.sha256()).isEqualTo(sha256(hidden));
            assertThat(read(file)).containsExactlyElementsOf(records);
        }
    }

    @Test
    void theEndOfInputFinishesTheOpenFilesOfEveryRound() throws Exception {
        List<BackupRecord> full = upserts(5);
        List<BackupRecord> delta = upserts(3);
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(0)) {
            harness.open();
            for (BackupRecord r : full) {
                harness.processElement(new StreamRecord<>(FeedElement.change(FULL, r)));
            }
            for (BackupRecord r : delta) {
                harness.processElement(new StreamRecord<>(FeedElement.change(DELTA, r)));
            }

            harness.endInput();

            List<FeedElement.WrittenFile> files = files(harness);
            assertThat(files).extracting(FeedElement.WrittenFile::backupId)
                    .containsExactly(FULL.backupId(), DELTA.backupId());
            assertThat(files).extracting(FeedElement.WrittenFile::rows).containsExactly(5L, 3L);
            assertThat(read(files.get(0))).containsExactlyElementsOf(full);
            assertThat(read(files.get(1))).containsExactlyElementsOf(delta);
            for (FeedElement.WrittenFile file : files) {
                assertThat(file.sha256()).isEqualTo(sha256(local(file.inProgressPath())));
            }
        }
    }

    @Test
    void aBarrierWithNoOpenFileEmitsNothing() throws Exception {
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(0)) {
            harness.open();
            harness.processElement(new StreamRecord<>(FeedElement.change(FULL, upserts(1).get(0))));
            harness.prepareSnapshotPreBarrier(1);
            harness.prepareSnapshotPreBarrier(2);
            harness.endInput();

            assertThat(files(harness)).as("each file is sent once").hasSize(1);
        }
    }

    @Test
    void partitionMarkersPassThroughUnchangedAndInOrder() throws Exception {
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(0)) {
            harness.open();
            FeedElement done0 = FeedElement.partitionDone(DELTA, 0);
            FeedElement done1 = FeedElement.partitionDone(DELTA, 1);
            FeedElement done2 = FeedElement.partitionDone(DELTA, 2);
            harness.processElement(new StreamRecord<>(done0));
            harness.processElement(new StreamRecord<>(FeedElement.change(DELTA, upserts(1).get(0))));
            harness.processElement(new StreamRecord<>(done1));
            harness.processElement(new StreamRecord<>(FeedElement.presence(DELTA, upserts(1).get(0))));
            harness.processElement(new StreamRecord<>(done2));

            assertThat(harness.extractOutputValues()).as("changes and presence are not passed on")
                    .containsExactly(done0, done1, done2);

            harness.prepareSnapshotPreBarrier(1);
            List<FeedElement> out = harness.extractOutputValues();
            assertThat(out.get(3).kind()).isEqualTo(FeedElement.Kind.FILE);
            assertThat(out.get(3).file().rows()).as("the presence record was not written").isEqualTo(1);
        }
    }

    @Test
    void expiryCountsAreSummedIntoTheRoundsFileElement() throws Exception {
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(0)) {
            harness.open();
            harness.processElement(new StreamRecord<>(FeedElement.change(DELTA, upserts(1).get(0))));
            harness.processElement(new StreamRecord<>(FeedElement.expired(DELTA.number(), DELTA.backupId(), 0, 3)));
            harness.processElement(new StreamRecord<>(FeedElement.expired(DELTA.number(), DELTA.backupId(), 1, 4)));
            harness.prepareSnapshotPreBarrier(1);

            List<FeedElement.WrittenFile> files = files(harness);
            assertThat(files).hasSize(1);
            assertThat(files.get(0).expiries()).isEqualTo(7);
            assertThat(files.get(0).hasFile()).isTrue();

            harness.prepareSnapshotPreBarrier(2);
            assertThat(files(harness)).as("counted once").hasSize(1);
        }
    }

    @Test
    void expiriesOfARoundWithoutAnOpenFileAreSentAsCountsAlone() throws Exception {
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(0)) {
            harness.open();
            harness.processElement(new StreamRecord<>(FeedElement.expired(DELTA.number(), DELTA.backupId(), 0, 2)));
            harness.processElement(new StreamRecord<>(FeedElement.expired(DELTA.number(), DELTA.backupId(), 5, 5)));
            harness.endInput();

            List<FeedElement.WrittenFile> files = files(harness);
            assertThat(files).hasSize(1);
            FeedElement.WrittenFile counts = files.get(0);
            assertThat(counts.hasFile()).isFalse();
            assertThat(counts.backupId()).isEqualTo(DELTA.backupId());
            assertThat(counts.round()).isEqualTo(DELTA.number());
            assertThat(counts.expiries()).isEqualTo(7);
            assertThat(counts.rows()).isZero();
        }
    }

    @Test
    void aSmallFileSizeRollsSeveralFilesWhoseRowsAddUp() throws Exception {
        // The size is asked once per 1024 records (FileSizeLimit) and counts only what left Parquet's
        // row group and the 64 KiB stream buffer: 1 KiB row groups of 200-byte random blobs pass
        // both well before then, and a 1-byte limit rolls at every ask.
        List<BackupRecord> records = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            byte[] blob = new byte[200];
            random.nextBytes(blob);
            records.add(new BackupRecord(SourceTestData.randomDigest(random), "set1", null, 1, 0,
                    RecordOperation.UPSERT, List.of(new BackupBin("blob", BLOB, blob))));
        }
        ParquetWriteOptions smallRowGroups = ParquetWriteOptions.builder().rowGroupSize(1024).pageSize(1024).build();
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(smallRowGroups, 1)) {
            harness.open();
            for (BackupRecord r : records) {
                harness.processElement(new StreamRecord<>(FeedElement.change(FULL, r)));
            }
            assertThat(files(harness)).as("rolled before the barrier").hasSize(2);

            harness.prepareSnapshotPreBarrier(1);

            List<FeedElement.WrittenFile> files = files(harness);
            assertThat(files).extracting(FeedElement.WrittenFile::rows).containsExactly(1024L, 1024L, 452L);
            assertThat(files).extracting(FeedElement.WrittenFile::inProgressPath).doesNotHaveDuplicates();
            List<BackupRecord> readBack = new ArrayList<>();
            for (FeedElement.WrittenFile file : files) {
                assertThat(file.bytes()).isEqualTo(Files.size(local(file.inProgressPath())));
                assertThat(file.sha256()).isEqualTo(sha256(local(file.inProgressPath())));
                readBack.addAll(read(file));
            }
            assertThat(readBack).containsExactlyElementsOf(records);
        }
    }

    @Test
    void theSizeLimitCountsWhatParquetStillBuffersWithDefaultRowGroups() throws Exception {
        // With 16 MiB row groups nothing has reached the stream after 2,048 records of ~200 bytes;
        // the limit must still see them (the writer's buffered row group counts).
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(64 * 1024)) {
            harness.open();
            for (int i = 0; i < 2048; i++) {
                byte[] blob = new byte[200];
                random.nextBytes(blob);
                harness.processElement(new StreamRecord<>(FeedElement.change(FULL, new BackupRecord(
                        SourceTestData.randomDigest(random), "set1", null, 1, 0, RecordOperation.UPSERT,
                        List.of(new BackupBin("blob", BLOB, blob))))));
            }
            assertThat(files(harness)).as("a 64 KiB limit rolls at the first size checks")
                    .extracting(FeedElement.WrittenFile::rows).containsExactly(1024L, 1024L);
        }
    }

    @Test
    void closingWithoutABarrierLeavesOnlyHiddenFiles() throws Exception {
        try (OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness = harness(0)) {
            harness.open();
            for (BackupRecord r : upserts(20)) {
                harness.processElement(new StreamRecord<>(FeedElement.change(FULL, r)));
            }
            harness.processElement(new StreamRecord<>(FeedElement.change(DELTA, upserts(1).get(0))));
            // the job fails here: no barrier, no end of input
        }

        List<java.nio.file.Path> written;
        try (Stream<java.nio.file.Path> all = Files.walk(temp)) {
            written = all.filter(Files::isRegularFile).toList();
        }
        assertThat(written).hasSize(2).allSatisfy(p -> assertThat(p.getFileName().toString())
                .startsWith(".part-").endsWith(".parquet.inprogress"));
    }

    private OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness(long maxFileBytes)
            throws Exception {
        return harness(ParquetWriteOptions.defaults(), maxFileBytes);
    }

    private OneInputStreamOperatorTestHarness<FeedElement, FeedElement> harness(ParquetWriteOptions parquet,
                                                                                long maxFileBytes) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new RoundFileWriter(destination, NAMESPACE, parquet, maxFileBytes));
    }

    private List<BackupRecord> upserts(int n) {
        List<BackupRecord> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(SourceTestData.upsert(SourceTestData.randomDigest(random), i + 1));
        }
        return list;
    }

    private BackupRecord deletion() {
        return new BackupRecord(SourceTestData.randomDigest(random), null, null, 0, 0, RecordOperation.DELETE,
                List.of());
    }

    private static List<FeedElement.WrittenFile> files(OneInputStreamOperatorTestHarness<FeedElement, FeedElement> h) {
        return h.extractOutputValues().stream().filter(e -> e.kind() == FeedElement.Kind.FILE)
                .map(FeedElement::file).toList();
    }

    private static List<BackupRecord> read(FeedElement.WrittenFile file) throws IOException {
        List<BackupRecord> list = new ArrayList<>();
        try (ParquetBackupReader reader = ParquetBackupReader.open(new Path(file.inProgressPath()))) {
            while (reader.hasNext()) {
                list.add(reader.next());
            }
        }
        return list;
    }

    private static java.nio.file.Path local(String flinkPath) {
        return java.nio.file.Path.of(URI.create(new Path(flinkPath).toUri().toString()));
    }

    private static String sha256(java.nio.file.Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
