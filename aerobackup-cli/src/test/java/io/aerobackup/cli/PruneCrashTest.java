package io.aerobackup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogFixture;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.catalog.ManifestCodec;
import io.aerobackup.testutils.CrashingFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.aerobackup.catalog.CatalogFixture.NS;
import static io.aerobackup.cli.PruneCommandTest.C2;
import static io.aerobackup.cli.PruneCommandTest.F2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prune that dies midway, at every possible step: a file system that fails every delete and rename
 * after the first N. Whatever N, no manifest left names a missing file, every committed backup still
 * resolves its chain, {@code list} shows the partly deleted backup as incomplete, and a second prune
 * finishes the job.
 */
class PruneCrashTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aCrashAtAnyStepLeavesEveryBackupCompleteOrIncomplete() throws IOException {
        int crashes = 0;
        for (int allowed = 0; ; allowed++) {
            Path folder = Files.createDirectory(dir.resolve("run" + allowed));
            PruneCommandTest.catalogIn(folder);
            int code = run("prune", "--to", CrashingFileSystem.root(allowed, folder), "--namespace", NS,
                    "--keep-last", "1");
            if (code == ExitCodes.OK) {
                // 4 backups of 1 to 2 files: a rename, the files and the folder each.
                assertThat(allowed).isGreaterThanOrEqualTo(4 * 3);
                assertThat(PruneCommandTest.folders(folder)).containsExactly(F2, C2);
                break;
            }
            crashes++;
            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(err.toString()).contains("simulated crash").contains("run prune again to finish");
            assertConsistent(folder);

            assertThat(run("prune", "--to", folder.toString(), "--namespace", NS, "--keep-last", "1"))
                    .as(err.toString()).isEqualTo(ExitCodes.OK);
            assertThat(PruneCommandTest.folders(folder)).as("after a crash at step " + allowed).containsExactly(F2, C2);
        }
        assertThat(crashes).isGreaterThanOrEqualTo(12);
    }

    @Test
    void aFailureWithJsonTellsScriptsWhatWasDeleted() throws IOException {
        PruneCommandTest.catalogIn(dir);
        // DELTA2 (two files) takes 4 changes; renaming D2's manifest is the 5th.
        assertThat(run("prune", "--to", CrashingFileSystem.root(4, dir), "--namespace", NS, "--keep-last", "1",
                "--json")).isEqualTo(ExitCodes.RUN_FAILED);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("error").asText()).startsWith("deleting backup " + PruneCommandTest.D2)
                .contains("1 of 4 deletions were done (" + CatalogFixture.DELTA2 + ")");
        assertThat(json.get("deletedBeforeFailure").toString()).isEqualTo("[\"" + CatalogFixture.DELTA2 + "\"]");
        assertConsistent(dir);
    }

    /** No manifest names a missing file; committed backups resolve; the rest is listed as incomplete. */
    private void assertConsistent(Path folder) throws IOException {
        Catalog catalog = new Catalog(new org.apache.flink.core.fs.Path(folder.toUri()));
        ChainResolver resolver = new ChainResolver(catalog);
        assertThat(run("list", "--from", folder.toString(), "--namespace", NS, "--json")).isEqualTo(ExitCodes.OK);
        JsonNode listed = new ObjectMapper().readTree(out.toString());
        for (JsonNode row : listed) {
            String id = row.get("backupId").asText();
            Path backup = folder.resolve(NS).resolve(id);
            Path manifestFile = backup.resolve(CatalogPaths.MANIFEST);
            if (Files.exists(manifestFile)) {
                assertThat(row.get("status").asText()).isEqualTo("complete");
                BackupManifest manifest = ManifestCodec.fromJson(Files.readAllBytes(manifestFile), id);
                for (BackupManifest.DataFile file : manifest.files()) {
                    assertThat(backup.resolve(file.path())).as(id + " names " + file.path()).exists();
                }
                assertThat(resolver.chain(NS, id).target().backupId()).isEqualTo(id);
            } else {
                assertThat(row.get("status").asText()).as(id).isEqualTo("incomplete");
            }
        }
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
