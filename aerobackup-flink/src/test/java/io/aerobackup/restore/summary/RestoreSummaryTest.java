package io.aerobackup.restore.summary;

import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The restore summary's JSON (format version 1, frozen in serde/restore-summary-v1.json) and how it is written. */
class RestoreSummaryTest {
    @TempDir
    java.nio.file.Path temp;

    private static final RestoreSummary.Plan PLAN = new RestoreSummary.Plan("file:///backups",
            "20261202T223620543Z-restore-0d13", "test", "restore", "20261202T020000000Z-delta-3fa2",
            List.of("20261201T020000000Z-full-1a2b", "20261202T020000000Z-delta-3fa2"), 6100, 4,
            Instant.parse("2026-12-02T22:36:20.543Z").toEpochMilli());

    private static RestoreSummary summary() {
        // Two writers' outcomes, as the final step adds them up.
        WriterOutcome a = new WriterOutcome(3000, 7, 600_000, Map.of("generation", 100L, "expired", 3L), Map.of());
        WriterOutcome b = new WriterOutcome(2890, 0, 634_567, Map.of("generation", 97L, "exists", 0L),
                Map.of(13, 3L));
        return RestoreSummary.of(PLAN, "d20bc3d011aa0d645575932bf30b18f4", Instant.parse("2026-12-02T22:36:31.002Z"),
                a.plus(b));
    }

    private static byte[] frozen() throws IOException {
        try (InputStream in = RestoreSummaryTest.class.getResourceAsStream("/serde/restore-summary-v1.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void encodesToTheFrozenVersion1Bytes() throws IOException {
        assertThat(new String(RestoreSummaries.toJson(summary()), StandardCharsets.UTF_8))
                .isEqualTo(new String(frozen(), StandardCharsets.UTF_8).stripTrailing());
    }

    @Test
    void decodesTheFrozenVersion1Bytes() throws IOException {
        RestoreSummary decoded = RestoreSummaries.fromJson(frozen(), "restore-summary-v1.json");
        assertThat(decoded).isEqualTo(summary());
        assertThat(decoded.recordsFailed()).containsEntry(13, 3L);
        assertThat(decoded.outcome()).isEqualTo(RestoreSummary.SUCCEEDED_WITH_IGNORED_ERRORS);
    }

    @Test
    void noFailedRowsIsSucceeded() {
        RestoreSummary ok = RestoreSummary.of(PLAN, "j", Instant.EPOCH, new WriterOutcome(1, 0, 1, Map.of(), Map.of()));
        assertThat(ok.outcome()).isEqualTo(RestoreSummary.SUCCEEDED);
    }

    @Test
    void aNewerFormatOrAMissingIdIsRefusedWithItsName() {
        String newer = new String(RestoreSummaries.toJson(summary()), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        assertThatThrownBy(() -> RestoreSummaries.fromJson(newer.getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("x.json has format version 2");
        assertThatThrownBy(() -> RestoreSummaries.fromJson("{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8),
                "y.json")).hasMessageContaining("y.json lacks restoreId or outcome");
    }

    @Test
    void isWrittenUnderTheCatalogsRestoresFolderAndReplacesAnEarlierAttempt() throws IOException {
        RestoreSummary.Plan plan = new RestoreSummary.Plan(temp.toUri().toString(), PLAN.restoreId(),
                PLAN.sourceNamespace(), PLAN.targetNamespace(), PLAN.backupId(), PLAN.sourceBackupIds(), 1, 1,
                PLAN.startedAtMillis());
        RestoreSummaries.write(plan, RestoreSummary.of(plan, "first", Instant.EPOCH, WriterOutcome.NONE));
        Path path = RestoreSummaries.write(plan, summary());
        assertThat(path.getPath()).endsWith("/_restores/20261202T223620543Z-restore-0d13.json");
        assertThat(RestoreSummaries.read(path)).isEqualTo(summary());
        try (var files = Files.list(temp.resolve("_restores"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .as("no hidden file is left behind").containsExactly("20261202T223620543Z-restore-0d13.json");
        }
    }
}
