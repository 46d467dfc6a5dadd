package io.aerobackup.job.replicate;

import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status file: frozen JSON of format version 1, atomic replacement, refusal of newer versions. */
class ReplicationStatusTest {
    /** Format version 1 as written; never edit, add one per new version. */
    private static final String STATUS_V1 = """
            {
              "formatVersion" : 1,
              "sourceNamespace" : "test",
              "destinationNamespace" : "standby",
              "lastRound" : 42,
              "lastRoundKind" : "delta",
              "coveredUntilMillis" : 1764700000000,
              "updatedAtMillis" : 1764700003500,
              "lagMillis" : 3500,
              "recordsApplied" : 123456,
              "deletesApplied" : 789,
              "conflictsSkipped" : 3,
              "lastRoundRecordsPerSecond" : 2500.5,
              "lastRoundDeletesPerSecond" : 12.25
            }""";

    @TempDir
    java.nio.file.Path temp;

    static ReplicationStatus sample() {
        return new ReplicationStatus(1, "test", "standby", 42, "delta", 1_764_700_000_000L, 1_764_700_003_500L, 3_500,
                123_456, 789, 3, 2_500.5, 12.25);
    }

    @Test
    void frozenJsonOfFormatVersionOne() throws IOException {
        assertThat(new String(sample().toJson(), StandardCharsets.UTF_8)).isEqualTo(STATUS_V1);
        assertThat(ReplicationStatus.fromJson(STATUS_V1.getBytes(StandardCharsets.UTF_8), "frozen"))
                .isEqualTo(sample());
    }

    @Test
    void writingReplacesTheFileWholeAndLeavesNoHiddenFile() throws IOException {
        java.nio.file.Path file = temp.resolve("sub/status.json");
        Path path = new Path(file.toUri());
        sample().write(path);
        ReplicationStatus next = new ReplicationStatus(1, "test", "standby", 43, "delta", 1, 2, 1, 5, 6, 7, 0, 0);
        next.write(path);
        assertThat(ReplicationStatus.read(path)).isEqualTo(next);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("status.json");
        }
    }

    @Test
    void aNewerFormatOrAMissingFileIsAClearError() {
        String newer = STATUS_V1.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        assertThatThrownBy(() -> ReplicationStatus.fromJson(newer.getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("format version 2");
        assertThatThrownBy(() -> ReplicationStatus.read(new Path(temp.resolve("none.json").toUri())))
                .isInstanceOf(IOException.class).hasMessageContaining("no replication status");
    }
}
