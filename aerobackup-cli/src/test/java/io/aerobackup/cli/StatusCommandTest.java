package io.aerobackup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.job.replicate.ReplicationStatus;
import io.aerobackup.job.replicate.StatusLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aerobackup status}: finds the status file a replication writes and prints it; no cluster, no job. */
class StatusCommandTest {
    private static final long COVERED = Instant.parse("2026-12-03T02:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static ReplicationStatus status(long updatedAt) {
        return new ReplicationStatus(ReplicationStatus.FORMAT_VERSION, "test", "standby", 7, "delta", COVERED,
                updatedAt, updatedAt - COVERED, 12_345, 67, 3, 1_500.0, 20.0);
    }

    @Test
    void printsLagCountsAndTheLastRoundFromTheGivenFile() throws IOException {
        Path file = dir.resolve("status.json");
        long updated = System.currentTimeMillis() - 2_000;
        status(updated).write(new org.apache.flink.core.fs.Path(file.toUri()));

        long before = System.currentTimeMillis();
        assertThat(run("status", "--status-to", file.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);
        long after = System.currentTimeMillis();

        assertThat(out.toString()).startsWith("Replication of namespace test to standby")
                .contains("last applied round 7 (delta), every source write before 2026-12-03T02:00:00Z")
                .contains("applied 12,345 records and 67 deletes in all; 3 conflicts skipped")
                .contains("last round: 1,500 records/s, 20 deletes/s");
        // The lag grows while nothing newer is applied: now minus the covered time, not the stored figure.
        java.util.regex.Matcher lag = java.util.regex.Pattern.compile("lag ([0-9.]+) s now").matcher(out.toString());
        assertThat(lag.find()).as(out.toString()).isTrue();
        assertThat(Double.parseDouble(lag.group(1))).isBetween((before - COVERED) / 1000.0 - 0.05,
                (after - COVERED) / 1000.0 + 0.05);
    }

    @Test
    void jsonCarriesEveryFigureAndTheLagNow() throws IOException {
        Path file = dir.resolve("status.json");
        long updated = System.currentTimeMillis();
        status(updated).write(new org.apache.flink.core.fs.Path(file.toUri()));

        assertThat(run("status", "--status-to", file.toString(), "--json")).isEqualTo(ExitCodes.OK);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("sourceNamespace").asText()).isEqualTo("test");
        assertThat(json.get("destinationNamespace").asText()).isEqualTo("standby");
        assertThat(json.get("lastRound").asLong()).isEqualTo(7);
        assertThat(json.get("recordsApplied").asLong()).isEqualTo(12_345);
        assertThat(json.get("deletesApplied").asLong()).isEqualTo(67);
        assertThat(json.get("conflictsSkipped").asLong()).isEqualTo(3);
        assertThat(json.get("lagMillisAtUpdate").asLong()).isEqualTo(updated - COVERED);
        assertThat(json.get("lagMillisNow").asLong()).isGreaterThanOrEqualTo(updated - COVERED);
        assertThat(json.get("coveredUntil").asText()).isEqualTo("2026-12-03T02:00:00Z");
    }

    @Test
    void findsTheFileNextToTheBackupsFromTheReplicationsOwnOptions() throws IOException {
        String root = dir.resolve("catalog").toString();
        String where = StatusLocation.inCatalog(root, "test", "standby");
        status(System.currentTimeMillis()).write(new org.apache.flink.core.fs.Path(where));

        assertThat(run("status", "--backup-to", root, "--namespace", "test,standby")).isEqualTo(ExitCodes.OK);

        assertThat(where).endsWith("/catalog/_replication/test-to-standby.json");
        assertThat(out.toString()).contains("last applied round 7");
    }

    @Test
    void aMissingFileIsBadInputNamingIt() {
        Path file = dir.resolve("nothing-here.json");

        assertThat(run("status", "--status-to", file.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("no replication status at").contains("nothing-here.json")
                .contains("after its first applied round");
    }

    @Test
    void aFileOfANewerFormatIsRefusedWithWhatToDo() throws IOException {
        Path file = dir.resolve("newer.json");
        Files.writeString(file, "{\"formatVersion\": 99, \"sourceNamespace\": \"test\", \"destinationNamespace\": \"t\"}");

        assertThat(run("status", "--status-to", file.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("format version 99").contains("upgrade aerobackup");
    }

    @Test
    void withoutAFileOrANamespaceItSaysWhatToGive() {
        assertThat(run("status")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("give --status-to URI, or the replication's --namespace");
    }

    private int run(String... args) {
        return CliTestSupport.cli(out, err, args);
    }
}
