package io.aerobackup.catalog;

import io.aerobackup.catalog.BackupVerifier.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.aerobackup.catalog.CatalogFixture.DELTA1;
import static io.aerobackup.catalog.CatalogFixture.DELTA2;
import static io.aerobackup.catalog.CatalogFixture.FULL;
import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

class BackupVerifierTest {
    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private Catalog catalog;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new CatalogFixture(dir);
        catalog = fixture.catalog();
        fixture.standardChain();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCleanChainHasNoProblems(boolean readRows) throws IOException {
        RestoreChain chain = ChainResolver.resolve(catalog, NS, DELTA2);
        assertThat(BackupVerifier.verify(catalog, chain, readRows)).isEmpty();
        assertThat(BackupVerifier.verify(catalog, chain.full(), readRows)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFlippedByteInTheMiddleIsCaughtNamingTheFile(boolean readRows) throws IOException {
        Path file = fixture.dataFile(NS, FULL, 1);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        List<Problem> problems = verifyChain(DELTA2, readRows);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.backupId()).isEqualTo(FULL);
            assertThat(p.file()).endsWith(FULL + "/data/part-1.parquet");
            assertThat(p.problem()).contains("SHA-256");
            assertThat(p.action()).contains("take a new full backup");
            assertThat(p.toString()).contains(FULL).contains("part-1.parquet");
        });
    }

    @Test
    void aTruncatedFileIsCaughtNamingTheFile() throws IOException {
        Path file = fixture.dataFile(NS, DELTA1, 0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));

        assertThat(verifyChain(DELTA2, true)).singleElement().satisfies(p -> {
            assertThat(p.backupId()).isEqualTo(DELTA1);
            assertThat(p.file()).endsWith(DELTA1 + "/data/part-0.parquet");
            assertThat(p.problem()).contains("is " + (bytes.length - 100) + " bytes")
                    .contains("manifest says " + bytes.length).contains("truncated");
        });
    }

    @Test
    void aMissingFileIsCaughtNamingTheFile() throws IOException {
        Files.delete(fixture.dataFile(NS, DELTA2, 1));

        assertThat(verifyChain(DELTA2, true)).singleElement().satisfies(p -> {
            assertThat(p.backupId()).isEqualTo(DELTA2);
            assertThat(p.file()).endsWith(DELTA2 + "/data/part-1.parquet");
            assertThat(p.problem()).isEqualTo("is missing");
        });
    }

    @Test
    void aFileOfAnotherSizeIsCaughtNamingTheFile() throws IOException {
        Path file = fixture.dataFile(NS, FULL, 0);
        Files.write(file, new byte[] {0}, StandardOpenOption.APPEND);

        assertThat(BackupVerifier.verify(catalog, manifest(FULL), false)).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith(FULL + "/data/part-0.parquet");
            assertThat(p.problem()).contains("bytes, but the manifest says").contains("appended");
        });
    }

    @Test
    void aManifestRecordCountThatDisagreesWithItsFilesIsCaughtNamingTheManifest() throws IOException {
        BackupManifest good = fixture.build(NS, "20260104T000000Z-full-0004", BackupManifest.FULL, null, null, null,
                Instant.parse("2026-01-04T01:00:00Z"), 8, 9);
        BackupManifest lying = fixture.commit(CatalogFixture.with(good, NS, null, 18, good.files()));

        assertThat(BackupVerifier.verify(catalog, lying, false)).singleElement().satisfies(p -> {
            assertThat(p.backupId()).isEqualTo(lying.backupId());
            assertThat(p.file()).endsWith(lying.backupId() + "/manifest.json");
            assertThat(p.problem()).contains("recordCount is 18, but its files hold 17 rows");
            assertThat(p.action()).contains("do not restore");
        });
    }

    @Test
    void aPerFileRowCountThatDisagreesWithTheFooterIsCaughtWhenReadingRows() throws IOException {
        BackupManifest good = fixture.build(NS, "20260104T000000Z-full-0004", BackupManifest.FULL, null, null, null,
                Instant.parse("2026-01-04T01:00:00Z"), 8, 9);
        List<BackupManifest.DataFile> files = new ArrayList<>(good.files());
        BackupManifest.DataFile f = files.get(1);
        files.set(1, new BackupManifest.DataFile(f.path(), 10, f.bytes(), f.sha256()));
        // The totals agree with the lie, so only the footer can tell.
        BackupManifest lying = fixture.commit(CatalogFixture.with(good, NS, null, 18, files));

        assertThat(BackupVerifier.verify(catalog, lying, false)).isEmpty();
        assertThat(BackupVerifier.verify(catalog, lying, true)).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith(lying.backupId() + "/data/part-1.parquet");
            assertThat(p.problem()).contains("footer declares 9 rows, but the manifest says 10");
        });
    }

    @Test
    void aFileWithTheRightChecksumThatIsNotABackupFileFailsToDecode() throws IOException {
        BackupManifest good = fixture.build(NS, "20260104T000000Z-full-0004", BackupManifest.FULL, null, null, null,
                Instant.parse("2026-01-04T01:00:00Z"), 3);
        Path file = fixture.dataFile(NS, good.backupId(), 0);
        Files.write(file, "not parquet at all".getBytes());
        org.apache.flink.core.fs.Path flinkPath = new org.apache.flink.core.fs.Path(file.toUri());
        BackupManifest.DataFile f = new BackupManifest.DataFile(good.files().get(0).path(), 3, Files.size(file),
                DataFiles.sha256(flinkPath));
        BackupManifest lying = fixture.commit(new BackupManifest(good.formatVersion(), good.backupId(), good.kind(),
                null, NS, good.sets(), null, null, good.partitions(), good.startedAt(), good.finishedAt(), 3,
                Files.size(file), 0, List.of(f), List.of(), List.of(), "zstd", 3, null, "test", good.options()));

        assertThat(BackupVerifier.verify(catalog, lying, false)).isEmpty();
        assertThat(BackupVerifier.verify(catalog, lying, true)).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("part-0.parquet");
            assertThat(p.problem()).startsWith("does not decode").contains(file.getFileName().toString());
        });
    }

    @Test
    void aListedPathOutsideTheBackupFolderIsAProblemNotARead() throws IOException {
        BackupManifest good = manifest(FULL);
        BackupManifest.DataFile f = good.files().get(0);
        BackupManifest lying = CatalogFixture.with(good, NS, null, good.recordCount(), List.of(
                new BackupManifest.DataFile("../" + DELTA1 + "/" + f.path(), f.records(), f.bytes(), f.sha256()),
                good.files().get(1)));
        assertThat(BackupVerifier.verify(catalog, lying, true)).singleElement()
                .satisfies(p -> assertThat(p.problem()).contains("outside the backup folder"));
    }

    @Test
    void everyDamagedFileIsReportedInOneRun() throws IOException {
        Files.delete(fixture.dataFile(NS, FULL, 0));
        Files.write(fixture.dataFile(NS, DELTA2, 0), new byte[] {1}, StandardOpenOption.APPEND);
        assertThat(verifyChain(DELTA2, true)).extracting(Problem::backupId).containsExactly(FULL, DELTA2);
    }

    private BackupManifest manifest(String id) throws IOException {
        return new ChainResolver(catalog).manifest(NS, id);
    }

    private List<Problem> verifyChain(String id, boolean readRows) throws IOException {
        return BackupVerifier.verify(catalog, ChainResolver.resolve(catalog, NS, id), readRows);
    }
}
