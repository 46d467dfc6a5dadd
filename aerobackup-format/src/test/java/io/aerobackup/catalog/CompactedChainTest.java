package io.aerobackup.catalog;

import io.aerobackup.catalog.retention.Candidate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static io.aerobackup.catalog.CatalogFixture.DELTA1;
import static io.aerobackup.catalog.CatalogFixture.DELTA1_AT;
import static io.aerobackup.catalog.CatalogFixture.DELTA2;
import static io.aerobackup.catalog.CatalogFixture.DELTA2_AT;
import static io.aerobackup.catalog.CatalogFixture.FULL;
import static io.aerobackup.catalog.CatalogFixture.FULL_AT;
import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compacted full stands for the chain point it was made from: "latest" and "at time" prefer it
 * over the chain for that point, and only for that point (compacting an old point later must not
 * make it the latest).
 */
class CompactedChainTest {
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

    @Test
    void theCompactedFullOfTheLatestPointIsTheLatestAndReadAlone() throws IOException {
        BackupManifest target = ChainResolver.resolve(catalog, NS, DELTA2).target();
        String compacted = compact(target, DELTA2_AT, "20260110T000000Z-full-00cc");
        RestoreChain latest = ChainResolver.latest(catalog, NS);
        assertThat(latest.members()).extracting(BackupManifest::backupId).containsExactly(compacted);
        assertThat(latest.pointInTime()).isEqualTo(DELTA2_AT);
        assertThat(catalog.latest(NS).orElseThrow().backupId()).isEqualTo(compacted);
        assertThat(targetAt(DELTA2_AT)).isEqualTo(compacted);
        assertThat(targetAt(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo(compacted);
        assertThat(targetAt(DELTA2_AT.minusMillis(1))).isEqualTo(DELTA1);
        // The chain is still there and still restorable by id.
        assertThat(ChainResolver.resolve(catalog, NS, DELTA2).members()).hasSize(3);
    }

    @Test
    void compactingAnOlderPointDoesNotMakeItTheLatest() throws IOException {
        BackupManifest target = ChainResolver.resolve(catalog, NS, DELTA1).target();
        String compacted = compact(target, DELTA1_AT, "20260110T000000Z-full-00cd");
        assertThat(ChainResolver.latest(catalog, NS).target().backupId()).isEqualTo(DELTA2);
        assertThat(catalog.latest(NS).orElseThrow().backupId()).isEqualTo(DELTA2);
        assertThat(targetAt(DELTA1_AT)).isEqualTo(compacted);
        assertThat(targetAt(DELTA2_AT.minusMillis(1))).isEqualTo(compacted);
        assertThat(targetAt(DELTA2_AT)).isEqualTo(DELTA2);
    }

    @Test
    void aCompactedFullOfAFullHasTheFullsPointInTimeAndCoversOnlyWhatTheFullCovers() throws IOException {
        BackupManifest full = ChainResolver.resolve(catalog, NS, FULL).target();
        String compacted = compact(full, FULL_AT, "20260101T020000Z-full-00ce");
        assertThat(targetAt(FULL_AT)).isEqualTo(compacted);
        assertThat(targetAt(FULL_AT.minusMillis(1)))
                .as("not restorable before its source was").isNull();
        BackupManifest m = ChainResolver.resolve(catalog, NS, compacted).target();
        assertThat(m.coverageEndMillis()).as("an incremental from it starts where its source's coverage ends")
                .isEqualTo(full.coverageEndMillis());
    }

    @Test
    void retentionSeesTheCompactedFullFinishedWhenItsSourceDid() throws IOException {
        BackupManifest target = ChainResolver.resolve(catalog, NS, DELTA2).target();
        String compacted = compact(target, DELTA2_AT, "20260110T000000Z-full-00cf");
        Candidate candidate = Candidate.of(ChainResolver.resolve(catalog, NS, compacted).target());
        assertThat(candidate.pointInTime()).isEqualTo(DELTA2_AT);
        assertThat(candidate.finishedAt()).isEqualTo(Instant.parse(target.finishedAt()));
        assertThat(candidate.isFull()).isTrue();
    }

    /** Commits a compacted full of {@code target} as the compaction does (its data files are arbitrary). */
    private String compact(BackupManifest target, Instant pointInTime, String id) throws IOException {
        BackupManifest files = fixture.build(NS, id, BackupManifest.FULL, null, null, null,
                Instant.parse("2026-01-10T00:05:00Z"), 3);
        fixture.commit(new BackupManifest(files.formatVersion(), id, BackupManifest.FULL, null, NS, target.sets(),
                null, target.coverageEndMillis(), target.partitions(), files.startedAt(), files.finishedAt(),
                files.recordCount(), files.fileBytes(), files.binBytes(), files.files(), target.secondaryIndexes(),
                target.udfs(), "zstd", 1, null, "test", Map.of(Compacted.FROM, target.backupId(),
                Compacted.FROM_FINISHED_AT, target.finishedAt(), Compacted.POINT_IN_TIME, pointInTime.toString())));
        return id;
    }

    private String targetAt(Instant time) throws IOException {
        try {
            return ChainResolver.atTime(catalog, NS, time).target().backupId();
        } catch (ChainException e) {
            return null;
        }
    }
}
