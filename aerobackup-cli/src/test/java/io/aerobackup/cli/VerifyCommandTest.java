package io.aerobackup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.catalog.CatalogFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.aerobackup.catalog.CatalogFixture.DELTA1;
import static io.aerobackup.catalog.CatalogFixture.DELTA2;
import static io.aerobackup.catalog.CatalogFixture.DELTA2_AT;
import static io.aerobackup.catalog.CatalogFixture.FULL;
import static io.aerobackup.catalog.CatalogFixture.FULL_AT;
import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code aerobackup verify} on catalogs built on disk: output and exit codes; no cluster. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private String root;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        fixture = new CatalogFixture(dir);
        fixture.standardChain();
        root = dir.toString();
    }

    @Test
    void aCleanCatalogExitsZeroWithALinePerBackupAndASummary() {
        assertThat(run("verify", "--from", root)).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("OK      test " + FULL + " full, 2 file(s), 50 records")
                .contains("OK      test " + DELTA2 + " delta, 2 file(s), 12 records")
                .contains("Clean: 3 backup(s), 5 file(s), 72 records verified").contains("no problems")
                .doesNotContain("PROBLEM");
    }

    @Test
    void aBackupIdVerifiesItsWholeChainAndFindsItsNamespace() {
        assertThat(run("verify", "--from", root, "--backup", DELTA1)).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains(FULL).contains(DELTA1).doesNotContain(DELTA2)
                .contains("2 backup(s)");
    }

    @Test
    void aCorruptedFileIsAFailedCheckNamingTheFile() throws IOException {
        Path file = fixture.dataFile(NS, FULL, 1);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);

        assertThat(run("verify", "--from", root, "--namespace", NS, "--backup", DELTA2)).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("FAILED  test " + FULL)
                .containsPattern("(?m)^PROBLEM " + FULL + ": \\S+/" + FULL + "/data/part-1.parquet has SHA-256")
                .contains("FAILED: 3 backup(s)").contains("1 problem(s) in 1 backup(s)");
    }

    @Test
    void jsonListsBackupsAndProblems() throws IOException {
        Files.delete(fixture.dataFile(NS, DELTA1, 0));

        assertThat(run("verify", "--from", root, "--json", "--checksums-only")).isEqualTo(ExitCodes.RUN_FAILED);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("rowsDecoded").asBoolean()).isFalse();
        assertThat(json.get("backups")).hasSize(3);
        assertThat(json.get("problems")).hasSize(1);
        JsonNode problem = json.get("problems").get(0);
        assertThat(problem.get("backupId").asText()).isEqualTo(DELTA1);
        assertThat(problem.get("file").asText()).endsWith(DELTA1 + "/data/part-0.parquet");
        assertThat(problem.get("problem").asText()).isEqualTo("is missing");
        assertThat(problem.get("action").asText()).isNotEmpty();
    }

    @Test
    void aBrokenChainIsAFailedCheck() throws IOException {
        fixture.delta(NS, "20260104T000000Z-delta-0004", "20260103T120000Z-delta-dead", DELTA2_AT,
                DELTA2_AT.plusSeconds(60), 1);
        assertThat(run("verify", "--from", root)).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("PROBLEM 20260104T000000Z-delta-0004").contains("chain gap")
                .contains("FAILED  test 20260104T000000Z-delta-0004 delta, 1 file(s), 1 records")
                .contains("OK      test " + DELTA2);
    }

    @Test
    void aManifestOfAnotherNamespaceOrNotJsonIsAFailedCheck() throws IOException {
        fixture.writeManifest(NS, fixture.build("other", "20260104T000000Z-full-0004", "full", null, null, null,
                FULL_AT.plusSeconds(86400 * 3), 1));
        Path broken = dir.resolve(NS).resolve("20260105T000000Z-full-0005");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("manifest.json"), "{ not json");

        assertThat(run("verify", "--from", root)).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("says namespace other, expected test")
                .containsPattern("(?m)^PROBLEM 20260105T000000Z-full-0005: \\S+manifest.json cannot read manifest")
                .contains("2 problem(s) in 2 backup(s)");
    }

    @Test
    void incompleteBackupsAreSkippedAndCounted() throws IOException {
        fixture.incomplete(NS, "20260104T000000Z-full-0004");
        assertThat(run("verify", "--from", root)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("1 incomplete backup(s) skipped");
        assertThat(run("verify", "--from", root, "--backup", "20260104T000000Z-full-0004"))
                .isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("is incomplete");
    }

    @Test
    void anUnknownBackupIdIsBadInputListingTheBackups() {
        assertThat(run("verify", "--from", root, "--namespace", NS, "--backup", "20991231T000000Z-full-ffff"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown backup '20991231T000000Z-full-ffff'").contains(FULL)
                .contains(DELTA2);
        assertThat(run("verify", "--from", root, "--backup", "nope")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown backup 'nope'").contains("aerobackup list");
    }

    @Test
    void aMissingRootOrNamespaceIsBadInput() throws IOException {
        assertThat(run("verify", "--from", dir.resolve("nope").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("does not exist");
        assertThat(run("verify", "--from", root, "--namespace", "bar")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("namespace 'bar'");
        Files.createDirectories(dir.resolve("empty"));
        assertThat(run("verify", "--from", dir.resolve("empty").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not an aerobackup catalog");
    }

    @Test
    void atTimeVerifiesThatChainAndATimeBeforeTheFirstIsBadInput() {
        assertThat(run("verify", "--from", root, "--namespace", NS, "--at", "2026-01-02T12:00:00Z"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains(DELTA1).doesNotContain(DELTA2).contains("2 backup(s)");
        assertThat(run("verify", "--from", root, "--namespace", NS, "--at", "2025-12-31T00:00:00Z"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the earliest is " + FULL + " at " + FULL_AT);
        assertThat(run("verify", "--from", root, "--at", "2026-01-02T12:00:00Z")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("verify", "--from", root, "--namespace", NS, "--at", "yesterday")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("verify", "--from", root, "--backup", FULL, "--namespace", NS, "--at", "1767225600"))
                .isEqualTo(ExitCodes.USAGE);
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
