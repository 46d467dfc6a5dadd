package io.aerobackup.catalog;

import io.aerobackup.catalog.ChainException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.aerobackup.catalog.CatalogFixture.DELTA1;
import static io.aerobackup.catalog.CatalogFixture.DELTA1_AT;
import static io.aerobackup.catalog.CatalogFixture.DELTA2;
import static io.aerobackup.catalog.CatalogFixture.DELTA2_AT;
import static io.aerobackup.catalog.CatalogFixture.FULL;
import static io.aerobackup.catalog.CatalogFixture.FULL_AT;
import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainResolverTest {
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
    void aFullIdIsThatSnapshotAlone() throws IOException {
        RestoreChain chain = ChainResolver.resolve(catalog, NS, FULL);
        assertThat(chain.namespace()).isEqualTo(NS);
        assertThat(chain.isSingleSnapshot()).isTrue();
        assertThat(chain.full().backupId()).isEqualTo(FULL);
        assertThat(chain.deltas()).isEmpty();
        assertThat(chain.totalRecords()).isEqualTo(50);
        assertThat(chain.pointInTime()).isEqualTo(FULL_AT);
    }

    @Test
    void aDeltaIdIsItsWholeChainOldestFirst() throws IOException {
        RestoreChain chain = ChainResolver.resolve(catalog, NS, DELTA2);
        assertThat(chain.members()).extracting(BackupManifest::backupId).containsExactly(FULL, DELTA1, DELTA2);
        assertThat(chain.deltas()).extracting(BackupManifest::backupId).containsExactly(DELTA1, DELTA2);
        assertThat(chain.isSingleSnapshot()).isFalse();
        assertThat(chain.totalRecords()).isEqualTo(50 + 10 + 12);
        assertThat(chain.pointInTime()).isEqualTo(DELTA2_AT);
        assertThat(ChainResolver.resolve(catalog, NS, DELTA1).members()).extracting(BackupManifest::backupId)
                .containsExactly(FULL, DELTA1);
    }

    @Test
    void latestIsTheNewestCommittedBackupsChainSkippingIncompleteOnes() throws IOException {
        fixture.incomplete(NS, "20260104T000000Z-delta-0004");
        assertThat(ChainResolver.latest(catalog, NS).target().backupId()).isEqualTo(DELTA2);
        assertThat(ChainResolver.latest(catalog, NS).members()).hasSize(3);
    }

    @Test
    void aNewFullBackupStartsANewChain() throws IOException {
        fixture.full(NS, "20260105T000000Z-full-0005", Instant.parse("2026-01-05T01:00:00Z"), 4);
        fixture.delta(NS, "20260106T000000Z-delta-0006", "20260105T000000Z-full-0005",
                Instant.parse("2026-01-05T01:00:00Z"), Instant.parse("2026-01-06T00:00:00Z"), 2);
        assertThat(ChainResolver.latest(catalog, NS).members()).extracting(BackupManifest::backupId)
                .containsExactly("20260105T000000Z-full-0005", "20260106T000000Z-delta-0006");
        assertThat(ChainResolver.atTime(catalog, NS, Instant.parse("2026-01-04T00:00:00Z")).target().backupId())
                .isEqualTo(DELTA2);
    }

    @Test
    void atTimeTakesTheLatestChainPointAtOrBeforeIt() throws IOException {
        assertThat(targetAt(FULL_AT)).isEqualTo(FULL);
        assertThat(targetAt(DELTA1_AT.minusMillis(1))).isEqualTo(FULL);
        assertThat(targetAt(DELTA1_AT)).isEqualTo(DELTA1);
        assertThat(targetAt(DELTA1_AT.plusSeconds(3600))).isEqualTo(DELTA1);
        assertThat(targetAt(DELTA2_AT)).isEqualTo(DELTA2);
        assertThat(targetAt(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo(DELTA2);
        assertThat(ChainResolver.atTime(catalog, NS, DELTA1_AT).members()).extracting(BackupManifest::backupId)
                .containsExactly(FULL, DELTA1);
    }

    @Test
    void atTimeBeforeTheFirstBackupNamesTheEarliest() {
        assertThatThrownBy(() -> ChainResolver.atTime(catalog, NS, FULL_AT.minusMillis(1)))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.NOTHING_AT_OR_BEFORE))
                .hasMessageContaining("the earliest is " + FULL + " at " + FULL_AT);
    }

    @Test
    void anUnknownIdListsTheBackupsThatExist() throws IOException {
        fixture.incomplete(NS, "20260104T000000Z-full-0004");
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, "20991231T000000Z-full-ffff"))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.isBadRequest()).isTrue())
                .hasMessageContaining("unknown backup '20991231T000000Z-full-ffff'")
                .hasMessageContaining(FULL).hasMessageContaining(DELTA1).hasMessageContaining(DELTA2)
                .hasMessageContaining("20260104T000000Z-full-0004 (incomplete)");
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, "../" + NS + "/" + FULL))
                .hasMessageContaining("unknown backup");
    }

    @Test
    void anIncompleteBackupIsNamedAsSuch() throws IOException {
        fixture.incomplete(NS, "20260104T000000Z-full-0004");
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, "20260104T000000Z-full-0004"))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE))
                .hasMessageContaining("20260104T000000Z-full-0004").hasMessageContaining("incomplete")
                .hasMessageContaining("no manifest");
    }

    @Test
    void aMissingParentIsAGap() throws IOException {
        fixture.delta(NS, "20260104T000000Z-delta-0004", "20260103T120000Z-delta-dead", DELTA2_AT,
                DELTA2_AT.plusSeconds(3600), 1);
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, "20260104T000000Z-delta-0004"))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.GAP))
                .hasMessageContaining("chain gap").hasMessageContaining("20260104T000000Z-delta-0004")
                .hasMessageContaining("20260103T120000Z-delta-dead");
    }

    @Test
    void anIncompleteParentIsAGap() throws IOException {
        fixture.incomplete(NS, "20260104T000000Z-delta-0004");
        fixture.delta(NS, "20260105T000000Z-delta-0005", "20260104T000000Z-delta-0004", DELTA2_AT,
                DELTA2_AT.plusSeconds(3600), 1);
        assertThatThrownBy(() -> ChainResolver.latest(catalog, NS))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.GAP))
                .hasMessageContaining("parent 20260104T000000Z-delta-0004, which is incomplete");
    }

    @Test
    void aDeltaWithoutParentIdIsAGap() throws IOException {
        fixture.delta(NS, "20260104T000000Z-delta-0004", null, DELTA2_AT, DELTA2_AT.plusSeconds(60), 1);
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, "20260104T000000Z-delta-0004"))
                .hasMessageContaining("names no parentId");
    }

    @Test
    void aManifestOfAnotherNamespaceIsRefused() throws IOException {
        BackupManifest foreign = fixture.build("other", "20260104T000000Z-full-0004", BackupManifest.FULL, null,
                null, null, Instant.parse("2026-01-04T01:00:00Z"), 2);
        fixture.writeManifest(NS, foreign);
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, "20260104T000000Z-full-0004"))
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NAMESPACE_MISMATCH))
                .hasMessageContaining("20260104T000000Z-full-0004").hasMessageContaining("manifest.json")
                .hasMessageContaining("says namespace other, expected test");
        // As a parent it is refused just the same.
        BackupManifest delta = fixture.build(NS, "20260105T000000Z-delta-0005", BackupManifest.DELTA,
                "20260104T000000Z-full-0004", 0L, 1L, Instant.parse("2026-01-05T01:00:00Z"), 1);
        fixture.commit(delta);
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, delta.backupId()))
                .hasMessageContaining("says namespace other, expected test");
    }

    @Test
    void aDeltaWhoseParentIsInAnotherNamespaceIsRefused() throws IOException {
        fixture.full("other", "20260104T000000Z-full-0004", Instant.parse("2026-01-04T01:00:00Z"), 2);
        fixture.delta(NS, "20260105T000000Z-delta-0005", "20260104T000000Z-full-0004", DELTA2_AT,
                DELTA2_AT.plusSeconds(60), 1);
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, "20260105T000000Z-delta-0005"))
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.FOREIGN_PARENT))
                .hasMessageContaining("a backup of namespace other");
    }

    @Test
    void aCycleIsRefusedNamingTheLoop() throws IOException {
        String a = "20260104T000000Z-delta-000a";
        String b = "20260105T000000Z-delta-000b";
        fixture.delta(NS, a, b, DELTA2_AT, DELTA2_AT.plusSeconds(60), 1);
        fixture.delta(NS, b, a, DELTA2_AT, DELTA2_AT.plusSeconds(120), 1);
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, b))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CYCLE))
                .hasMessageContaining(b + " -> " + a + " -> " + b);
        String self = "20260106T000000Z-delta-000c";
        fixture.delta(NS, self, self, DELTA2_AT, DELTA2_AT.plusSeconds(180), 1);
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, NS, self)).hasMessageContaining("loops");
    }

    @Test
    void aMissingRootOrNamespaceIsABadRequest() throws IOException {
        Catalog missing = new Catalog(new org.apache.flink.core.fs.Path(dir.resolve("nope").toUri()));
        assertThatThrownBy(() -> ChainResolver.latest(missing, NS))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_CATALOG))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ChainResolver.resolve(catalog, "bar", FULL))
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_NAMESPACE))
                .hasMessageContaining("namespaces there: test");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ChainResolver.latest(catalog, "empty"))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_BACKUPS));
    }

    private String targetAt(Instant time) throws IOException {
        return ChainResolver.atTime(catalog, NS, time).target().backupId();
    }
}
