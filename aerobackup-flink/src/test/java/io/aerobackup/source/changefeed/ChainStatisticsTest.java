package io.aerobackup.source.changefeed;

import io.aerobackup.catalog.CatalogFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static io.aerobackup.catalog.CatalogFixture.DELTA1;
import static io.aerobackup.catalog.CatalogFixture.DELTA1_AT;
import static io.aerobackup.catalog.CatalogFixture.DELTA2;
import static io.aerobackup.catalog.CatalogFixture.DELTA2_AT;
import static io.aerobackup.catalog.CatalogFixture.FULL;
import static io.aerobackup.catalog.CatalogFixture.FULL_AT;
import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

/** Chain statistics over catalogs built on disk. */
class ChainStatisticsTest {
    private static final String FULL2 = "20260104T000000Z-full-0004";
    private static final Instant FULL2_AT = Instant.parse("2026-01-04T01:00:00Z");

    @TempDir
    Path dir;

    private CatalogFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new CatalogFixture(dir);
    }

    private ChainStatistics stats() throws IOException {
        return ChainStatistics.of(fixture.catalog(), NS);
    }

    @Test
    void aNamespaceWithoutBackupsHasNoChain() throws IOException {
        assertThat(stats()).isEqualTo(ChainStatistics.none(NS));
        fixture.incomplete(NS, "20260101T000000Z-full-0009"); // a failed full does not count
        assertThat(stats().lastFullStart()).isNull();
        TriggerInputs in = stats().inputs(FULL_AT, OptionalInt.empty(), Optional.empty(), TriggerState.initial());
        assertThat(new FullSnapshotPolicy(FullSnapshotTriggers.none()).evaluate(in).map(Trigger::kind))
                .contains(Trigger.Kind.NO_CHAIN);
    }

    @Test
    void theStandardChainCountsItsDeltasAndRecords() throws IOException {
        fixture.standardChain();
        ChainStatistics stats = stats();
        assertThat(stats.lastFullId()).isEqualTo(FULL);
        assertThat(stats.lastFullStart()).isEqualTo(FULL_AT.minusSeconds(60)); // the fixture starts a minute early
        assertThat(stats.recordsInLastFull()).isEqualTo(50);
        assertThat(stats.deltasSinceFull()).isEqualTo(2);
        assertThat(stats.recordsInDeltasSinceFull()).isEqualTo(22);

        Instant now = DELTA2_AT.plusSeconds(3600);
        TriggerInputs in = stats.inputs(now, OptionalInt.of(40), Optional.empty(), TriggerState.initial());
        assertThat(in).isEqualTo(new TriggerInputs(now, FULL_AT.minusSeconds(60), 2, 22, 50, OptionalInt.of(40),
                Optional.empty(), TriggerState.initial()));
        // 22 of 50 records is 44%: above 43%, not above 44%.
        assertThat(new FullSnapshotPolicy(FullSnapshotTriggers.of(null, 0, 43, 0)).evaluate(in)).isPresent();
        assertThat(new FullSnapshotPolicy(FullSnapshotTriggers.of(null, 0, 44, 0)).evaluate(in)).isEmpty();
        assertThat(new FullSnapshotPolicy(FullSnapshotTriggers.of(null, 2, 0, 0)).evaluate(in)).isPresent();
        assertThat(new FullSnapshotPolicy(FullSnapshotTriggers.of(null, 3, 0, 0)).evaluate(in)).isEmpty();
    }

    @Test
    void onlyDeltasChainedOnTheNewestFullCount() throws IOException {
        fixture.standardChain();
        fixture.full(NS, FULL2, FULL2_AT, 40);
        // The old chain went on after the new full, and a delta of the new full: only the latter counts.
        fixture.delta(NS, "20260104T120000Z-delta-0005", DELTA2, DELTA2_AT, FULL2_AT.plusSeconds(3600), 9);
        fixture.delta(NS, "20260105T000000Z-delta-0006", FULL2, FULL2_AT, FULL2_AT.plusSeconds(86400), 3, 4);
        fixture.delta(NS, "20260106T000000Z-delta-0007", "20260105T000000Z-delta-0006", FULL2_AT.plusSeconds(86400),
                FULL2_AT.plusSeconds(2 * 86400), 1);
        ChainStatistics stats = stats();
        assertThat(stats.lastFullId()).isEqualTo(FULL2);
        assertThat(stats.lastFullStart()).isEqualTo(FULL2_AT.minusSeconds(60));
        assertThat(stats.recordsInLastFull()).isEqualTo(40);
        assertThat(stats.deltasSinceFull()).isEqualTo(2);
        assertThat(stats.recordsInDeltasSinceFull()).isEqualTo(8);
    }

    @Test
    void brokenChainsUnreadableManifestsOtherNamespacesAndRequestsDoNotCount() throws IOException {
        fixture.standardChain();
        // A delta whose parent was deleted, and a loop of two deltas.
        fixture.delta(NS, "20260103T120000Z-delta-0010", "20260103T110000Z-delta-dead", DELTA2_AT,
                DELTA2_AT.plusSeconds(60), 5);
        fixture.delta(NS, "20260103T130000Z-delta-0011", "20260103T140000Z-delta-0012", DELTA2_AT,
                DELTA2_AT.plusSeconds(120), 5);
        fixture.delta(NS, "20260103T140000Z-delta-0012", "20260103T130000Z-delta-0011", DELTA2_AT,
                DELTA2_AT.plusSeconds(180), 5);
        // A newer full whose manifest is damaged is skipped: measuring from the older full is the safe side.
        Path broken = dir.resolve(NS).resolve("20260109T000000Z-full-0013");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("manifest.json"), "{ not json");
        fixture.incomplete(NS, "20260110T000000Z-full-0014");
        fixture.full("other", "20260111T000000Z-full-0015", FULL2_AT.plusSeconds(86400 * 7), 3);
        ManualTriggerRequests.request(fixture.catalog().root(), NS, "alice", FULL2_AT);

        ChainStatistics stats = stats();
        assertThat(stats.lastFullId()).isEqualTo(FULL);
        assertThat(stats.deltasSinceFull()).isEqualTo(2);
        assertThat(stats.recordsInDeltasSinceFull()).isEqualTo(22);
        assertThat(ChainStatistics.of(fixture.catalog(), "other").recordsInLastFull()).isEqualTo(3);
        assertThat(ChainStatistics.of(fixture.catalog(), "missing")).isEqualTo(ChainStatistics.none("missing"));
    }

    @Test
    void aManifestCopiedIntoAnotherFolderIsIgnored() throws IOException {
        fixture.standardChain();
        fixture.writeManifest(NS, fixture.build("other", FULL2, "full", null, null, null, FULL2_AT, 1));
        assertThat(stats().lastFullId()).isEqualTo(FULL);
        assertThat(stats().deltasSinceFull()).isEqualTo(2);
    }

    @Test
    void backupsBuiltWithBackupOfCountTheirRows() throws IOException {
        var generator = new io.aerobackup.record.RecordGenerator(7);
        fixture.backupOf(NS, FULL, "full", null, FULL_AT, generator.records(12));
        fixture.backupOf(NS, DELTA1, "delta", FULL, DELTA1_AT, generator.records(3));
        ChainStatistics stats = stats();
        assertThat(stats.recordsInLastFull()).isEqualTo(12);
        assertThat(stats.deltasSinceFull()).isEqualTo(1);
        assertThat(stats.recordsInDeltasSinceFull()).isEqualTo(3);
    }
}
