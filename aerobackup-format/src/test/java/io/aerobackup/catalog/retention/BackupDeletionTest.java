package io.aerobackup.catalog.retention;

import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.aerobackup.catalog.CatalogFixture.DELTA1;
import static io.aerobackup.catalog.CatalogFixture.DELTA2;
import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

/** The deletion steps of one backup, one at a time, as a crash between them would leave them. */
class BackupDeletionTest {
    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private Catalog catalog;
    private BackupDeletion deletion;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new CatalogFixture(dir);
        fixture.standardChain();
        catalog = fixture.catalog();
        deletion = new BackupDeletion(catalog.root(), NS);
    }

    @Test
    void afterEachStepTheBackupIsIncompleteAndItsDataGoesNext() throws IOException {
        var manifest = catalog.readManifest(io.aerobackup.catalog.CatalogPaths.manifest(catalog.root(), NS, DELTA2));
        Path folder = dir.resolve(NS).resolve(DELTA2);

        deletion.retireManifest(DELTA2);
        assertThat(folder.resolve("manifest.json")).doesNotExist();
        assertThat(folder.resolve(BackupDeletion.RETIRED)).exists();
        assertThat(fixture.dataFile(NS, DELTA2, 0)).exists();
        assertThat(statusOf(DELTA2)).isFalse();
        assertThat(statusOf(DELTA1)).isTrue();

        deletion.deleteDataFiles(manifest);
        assertThat(fixture.dataFile(NS, DELTA2, 0)).doesNotExist();
        assertThat(fixture.dataFile(NS, DELTA2, 1)).doesNotExist();
        assertThat(statusOf(DELTA2)).isFalse();

        deletion.deleteFolder(DELTA2);
        assertThat(folder).doesNotExist();
        assertThat(catalog.list(NS)).extracting(Catalog.CatalogEntry::backupId).doesNotContain(DELTA2);
    }

    @Test
    void anIncompleteFolderThatCommittedMeanwhileIsNotDeleted() throws IOException {
        assertThat(deletion.deleteIncomplete(DELTA2)).isFalse();
        assertThat(Files.exists(dir.resolve(NS).resolve(DELTA2).resolve("manifest.json"))).isTrue();
        fixture.incomplete(NS, "20260104T000000Z-full-0004");
        assertThat(deletion.deleteIncomplete("20260104T000000Z-full-0004")).isTrue();
        assertThat(dir.resolve(NS).resolve("20260104T000000Z-full-0004")).doesNotExist();
    }

    private boolean statusOf(String id) throws IOException {
        return catalog.list(NS).stream().filter(e -> e.backupId().equals(id)).findFirst().orElseThrow().complete();
    }
}
