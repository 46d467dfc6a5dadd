package io.aerobackup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CatalogFixture;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.catalog.retention.BackupDeletion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.aerobackup.catalog.CatalogFixture.DELTA1;
import static io.aerobackup.catalog.CatalogFixture.DELTA2;
import static io.aerobackup.catalog.CatalogFixture.FULL;
import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code aerobackup prune} on catalogs built on disk: what remains, chains, dry run, JSON, incomplete backups. */
class PruneCommandTest {
    static final String F2 = "20260105T000000Z-full-0005";
    static final String D2 = "20260106T000000Z-delta-0006";
    /** A cumulative delta: its parent is the full F2. */
    static final String C2 = "20260106T120000Z-delta-0007";

    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private String root;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        fixture = catalogIn(dir);
        root = dir.toString();
    }

    /** FULL, DELTA1, DELTA2 (1 to 3 January); F2 (5 January), its delta D2 and its cumulative delta C2 (6 January). */
    static CatalogFixture catalogIn(Path dir) throws IOException {
        CatalogFixture fixture = new CatalogFixture(dir);
        fixture.standardChain();
        Instant f2At = Instant.parse("2026-01-05T01:00:00Z");
        fixture.full(NS, F2, f2At, 2);
        fixture.delta(NS, D2, F2, f2At, Instant.parse("2026-01-06T00:00:00Z"), 1);
        fixture.delta(NS, C2, F2, f2At, Instant.parse("2026-01-06T12:00:00Z"), 1);
        return fixture;
    }

    @Test
    void keepLastDeletesWhatNoPolicyKeepsButNeverAChainMember() throws IOException {
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-last", "1")).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        assertThat(folders(dir)).containsExactly(F2, C2);
        assertThat(ChainResolver.resolve(fixture.catalog(), NS, C2).members()).extracting(BackupManifest::backupId)
                .containsExactly(F2, C2);
        assertThat(out.toString()).contains("Prune of namespace test under " + root + ": keep-last 1")
                .containsPattern("KEEP +" + C2 + " +delta +2026-01-06T12:00:00Z +last")
                .containsPattern("KEEP +" + F2 + " +full .*needed by " + C2)
                .containsPattern("DELETED +" + FULL + " +full .*no policy keeps it")
                .contains("Done: 2 kept, 4 deleted");
    }

    @Test
    void everyKeptBackupStillRestoresAndVerifies() throws IOException {
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-daily", "4")).isEqualTo(ExitCodes.OK);
        assertThat(folders(dir)).containsExactly(FULL, DELTA1, DELTA2, F2, C2);
        assertThat(out.toString()).containsPattern("KEEP +" + DELTA1 + " .*daily 2026-01-02, needed by " + DELTA2)
                .containsPattern("KEEP +" + FULL + " .*needed by " + DELTA2)
                .containsPattern("DELETED +" + D2 + " .*no policy keeps it");
        ChainResolver resolver = new ChainResolver(fixture.catalog());
        for (String id : folders(dir)) {
            assertThat(resolver.chain(NS, id).target().backupId()).isEqualTo(id);
        }
        assertThat(run("verify", "--from", root, "--checksums-only")).as(out.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aDryRunPrintsThePlanAndDeletesNothing() throws IOException {
        Map<String, Long> before = tree(dir);
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-last", "1", "--keep-within", "12h",
                "--dry-run")).isEqualTo(ExitCodes.OK);
        assertThat(tree(dir)).isEqualTo(before);
        assertThat(out.toString())
                .contains("keep-last 1, keep-within 12h, --incomplete-grace 1d (dry run: nothing is deleted)")
                .containsPattern("KEEP +" + C2 + " .*last, within 12h of the newest")
                .containsPattern("KEEP +" + D2 + " .*within 12h of the newest")
                .containsPattern("DELETE +" + DELTA2).doesNotContain("DELETED")
                .contains("Dry run: 3 kept, 3 to delete");
    }

    @Test
    void jsonListsKeptAndDeletedBackupsWithReasonsInDeletionOrder() throws IOException {
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-last", "1", "--json")).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("dryRun").asBoolean()).isFalse();
        assertThat(json.get("namespace").asText()).isEqualTo(NS);
        assertThat(json.get("policy").asText()).isEqualTo("keep-last 1");
        assertThat(ids(json.get("kept"))).containsExactly(C2, F2);
        assertThat(json.get("kept").get(0).get("reasons").toString()).isEqualTo("[\"last\"]");
        assertThat(json.get("kept").get(1).get("reasons").get(0).asText()).isEqualTo("needed by " + C2);
        assertThat(json.get("kept").get(0).get("parentId").asText()).isEqualTo(F2);
        assertThat(json.get("kept").get(0).get("time").asText()).isEqualTo("2026-01-06T12:00:00Z");
        // Children before parents: DELTA2 before DELTA1 before FULL.
        assertThat(ids(json.get("deleted"))).containsExactly(DELTA2, D2, DELTA1, FULL);
        long bytes = 0;
        for (JsonNode d : json.get("deleted")) {
            assertThat(d.get("reasons").get(0).asText()).isEqualTo("no policy keeps it");
            assertThat(d.get("status").asText()).isEqualTo("complete");
            bytes += d.get("fileBytes").asLong();
        }
        assertThat(bytes).isPositive().isEqualTo(json.get("deletedBytes").asLong());
        assertThat(json.get("leftAlone")).isEmpty();
        assertThat(folders(dir)).containsExactly(F2, C2);
    }

    @Test
    void incompleteBackupsGoAfterTheGracePeriodAndRunningOnesStay() throws IOException {
        Instant now = Instant.now();
        String old = "20260104T000000Z-full-0008";
        fixture.incomplete(NS, old);
        touch(dir.resolve(NS).resolve(old), now.minus(Duration.ofDays(3)));
        String oldButActive = "20260104T120000Z-full-0009"; // started long ago, still writing files
        fixture.incomplete(NS, oldButActive);
        String young = BackupIds.newId(now.minus(Duration.ofHours(2)), "delta");
        fixture.incomplete(NS, young);
        touch(dir.resolve(NS).resolve(young), now.minus(Duration.ofHours(2)));
        Files.createDirectories(dir.resolve(NS).resolve("notes"));
        Files.createDirectories(dir.resolve(NS).resolve("_triggers"));
        Files.writeString(dir.resolve(NS).resolve("_triggers").resolve("request.json"), "{}");

        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-last", "1", "--json")).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(ids(json.get("deleted"))).containsExactly(DELTA2, D2, DELTA1, FULL, old);
        JsonNode gone = json.get("deleted").get(4);
        assertThat(gone.get("status").asText()).isEqualTo("incomplete");
        assertThat(gone.get("reasons").get(0).asText()).startsWith("incomplete (no manifest), last change 3d")
                .endsWith("longer than --incomplete-grace 1d");
        assertThat(ids(json.get("leftAlone"))).containsExactlyInAnyOrder(oldButActive, young, "notes");
        assertThat(reasonOf(json.get("leftAlone"), young)).startsWith("incomplete (no manifest), last change 2h")
                .endsWith("within --incomplete-grace 1d: it may still be running");
        assertThat(reasonOf(json.get("leftAlone"), "notes")).contains("not named like a backup id");
        assertThat(folders(dir)).containsExactly(oldButActive, F2, C2, young, "notes");
        assertThat(Files.exists(dir.resolve(NS).resolve("_triggers").resolve("request.json"))).isTrue();

        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-last", "1", "--incomplete-grace", "1h"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .containsPattern("DELETED +" + young + " +incomplete .*longer than --incomplete-grace 1h")
                .containsPattern("LEAVE +" + oldButActive + " +incomplete .*it may still be running");
        assertThat(folders(dir)).containsExactly(oldButActive, F2, C2, "notes");
    }

    @Test
    void badInputIsExitCodeTwoNamingTheOption() throws IOException {
        assertThat(run("prune", "--to", root, "--namespace", NS)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no retention policy given").contains("--keep-last")
                .contains("--keep-within");
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-within", "7x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--keep-within '7x' is not a duration");
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-last", "1", "--incomplete-grace", "soon"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--incomplete-grace 'soon' is not a duration");
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-daily", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--keep-daily must be at least 1");
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-weekly", "two")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--keep-weekly");
        assertThat(run("prune", "--to", root, "--namespace", "nope", "--keep-last", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no backups of namespace 'nope'").contains("namespaces there: test");
        assertThat(run("prune", "--to", dir.resolve("missing").toString(), "--namespace", NS, "--keep-last", "1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("does not exist");
        Path foreign = Files.createDirectories(dir.resolve("foreign").resolve(NS).resolve(FULL));
        assertThat(run("prune", "--to", foreign.getParent().getParent().toString(), "--namespace", NS,
                "--keep-last", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not an aerobackup catalog");
        assertThat(Files.exists(foreign)).isTrue();
        assertThat(folders(dir)).hasSize(6);
    }

    @Test
    void helpDescribesThePoliciesAndTheGracePeriod() {
        assertThat(run("prune", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("--keep-last=N").contains("--keep-daily=N").contains("--keep-weekly=N")
                .contains("--keep-monthly=N").contains("--keep-within=DURATION").contains("--incomplete-grace=DURATION")
                .contains("default: 24h").contains("--dry-run").contains("Times are each backup's point in");
    }

    @Test
    void aPruneInterruptedAfterItsManifestStepLeavesAnIncompleteBackupThatTheNextPruneFinishes() throws IOException {
        BackupDeletion deletion = new BackupDeletion(fixture.catalog().root(), NS);
        deletion.retireManifest(DELTA2); // the process dies right after step 1

        assertThat(run("list", "--from", root, "--namespace", NS)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).containsPattern(DELTA2 + " .*incomplete \\(no manifest\\)");
        assertThat(ChainResolver.latest(fixture.catalog(), NS).target().backupId()).isEqualTo(C2);
        assertThat(ChainResolver.resolve(fixture.catalog(), NS, DELTA1).members()).hasSize(2);

        // Its folder was just modified, yet it is no running backup: prune finishes it at once.
        assertThat(run("prune", "--to", root, "--namespace", NS, "--keep-last", "5")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).containsPattern("DELETED +" + DELTA2 + " +incomplete .*interrupted prune");
        assertThat(folders(dir)).containsExactly(FULL, DELTA1, F2, D2, C2);
    }

    static List<String> folders(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(NS))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("_") && !n.startsWith(".")).sorted().toList();
        }
    }

    /** Every file under the root with its size. */
    private static Map<String, Long> tree(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                files.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
            }
        }
        return files;
    }

    private static void touch(Path folder, Instant time) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(time));
            }
        }
    }

    private static List<String> ids(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get("backupId").asText()));
        return ids;
    }

    private static String reasonOf(JsonNode rows, String id) {
        for (JsonNode r : rows) {
            if (r.get("backupId").asText().equals(id)) {
                return r.get("reasons").get(0).asText();
            }
        }
        throw new AssertionError(id + " not in " + rows);
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
