package io.aerobackup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.catalog.CatalogFixture;
import io.aerobackup.source.changefeed.ManualRequest;
import io.aerobackup.source.changefeed.ManualTriggerRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code aerobackup trigger}: the request it leaves, its output and exit codes; no cluster, no job. */
class TriggerCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private List<ManualRequest> pending(String ns) throws IOException {
        return ManualTriggerRequests.pending(new org.apache.flink.core.fs.Path(dir.toUri()), ns);
    }

    @Test
    void leavesARequestAndPrintsWhere() throws IOException {
        new CatalogFixture(dir).standardChain();
        Instant before = Instant.now();
        assertThat(run("trigger", "--to", dir.toString(), "--namespace", NS, "--requested-by", "alice"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        List<ManualRequest> pending = pending(NS);
        assertThat(pending).hasSize(1);
        ManualRequest request = pending.get(0);
        assertThat(request.requestedBy()).isEqualTo("alice");
        assertThat(request.requestedAt()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(out.toString()).startsWith("Requested a full snapshot of namespace test: ")
                .contains("/test/_triggers/" + request.id() + ".json").contains("next check");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonDescribesTheRequestAndTheRequesterDefaultsToTheUser() throws IOException {
        new CatalogFixture(dir).standardChain();
        assertThat(run("trigger", "--to", dir.toString(), "--namespace", NS, "--json")).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        ManualRequest request = pending(NS).get(0);
        assertThat(json.get("namespace").asText()).isEqualTo(NS);
        assertThat(json.get("requestId").asText()).isEqualTo(request.id());
        assertThat(json.get("requestedAt").asText()).isEqualTo(request.requestedAt().toString());
        assertThat(json.get("requestedBy").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(json.get("file").asText()).endsWith("/test/_triggers/" + request.id() + ".json");
        assertThat(json.get("namespaceHasBackups").asBoolean()).isTrue();
    }

    @Test
    void aNamespaceWithoutBackupsIsRequestedWithAWarning() throws IOException {
        new CatalogFixture(dir).standardChain();
        assertThat(run("trigger", "--to", dir.toString(), "--namespace", "fresh")).isEqualTo(ExitCodes.OK);
        assertThat(pending("fresh")).hasSize(1);
        assertThat(err.toString()).contains("warning").contains("no backups of namespace fresh");
    }

    @Test
    void aFolderThatIsNotACatalogIsBadInputAndGetsNoRequest() throws IOException {
        Files.createDirectories(dir.resolve("plain"));
        assertThat(run("trigger", "--to", dir.resolve("plain").toString(), "--namespace", NS))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not an aerobackup catalog").contains("aerobackup-catalog.json");
        assertThat(dir.resolve("plain")).isEmptyDirectory();
        assertThat(run("trigger", "--to", dir.resolve("missing").toString(), "--namespace", NS))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(dir.resolve("missing")).doesNotExist();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anInvalidNamespaceOrMissingOptionIsBadInput() throws IOException {
        new CatalogFixture(dir);
        assertThat(run("trigger", "--to", dir.toString(), "--namespace", "../escape")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("invalid namespace '../escape'");
        assertThat(run("trigger", "--to", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--namespace");
        assertThat(run("trigger", "--namespace", NS)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--to");
    }

    @Test
    void helpListsTheCommand() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("trigger");
        assertThat(run("trigger", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("--to").contains("--namespace").contains("--json");
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
