package io.aerobackup.source.changefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.aerobackup.catalog.CatalogFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests written, listed oldest first, consumed; what is not a request is left alone. */
class ManualTriggerRequestsTest {
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:05:00Z");

    @TempDir
    Path dir;

    private CatalogFixture fixture;
    private org.apache.flink.core.fs.Path root;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new CatalogFixture(dir);
        root = fixture.catalog().root();
    }

    @Test
    void aRequestIsASmallJsonFileUnderTheNamespacesTriggersFolder() throws IOException {
        ManualRequest request = ManualTriggerRequests.request(root, NS, "alice", T1);
        assertThat(request.id()).matches("20260301T100000123Z-[0-9a-f]{8}");
        assertThat(request.namespace()).isEqualTo(NS);
        assertThat(request.requestedAt()).isEqualTo(T1);
        assertThat(request.requestedBy()).isEqualTo("alice");
        Path file = dir.resolve(NS).resolve("_triggers").resolve(request.id() + ".json");
        assertThat(file).exists();
        assertThat(Path.of(new org.apache.flink.core.fs.Path(request.file()).toUri())).isEqualTo(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("request").asText()).isEqualTo("full-snapshot");
        assertThat(json.get("namespace").asText()).isEqualTo(NS);
        assertThat(json.get("requestedAt").asText()).isEqualTo(T1.toString());
        assertThat(json.get("requestedBy").asText()).isEqualTo("alice");
    }

    @Test
    void pendingListsOldestFirstAndConsumeDeletes() throws IOException {
        assertThat(ManualTriggerRequests.pending(root, NS)).isEmpty();
        ManualRequest later = ManualTriggerRequests.request(root, NS, "bob", T2);
        ManualRequest earlier = ManualTriggerRequests.request(root, NS, "alice", T1);
        ManualRequest sameTime = ManualTriggerRequests.request(root, NS, "carol", T2);
        ManualTriggerRequests.request(root, "other", "dave", T1);

        List<ManualRequest> pending = ManualTriggerRequests.pending(root, NS);
        assertThat(pending).extracting(ManualRequest::requestedBy).first().isEqualTo("alice");
        assertThat(pending).containsExactlyInAnyOrder(earlier, later, sameTime);
        assertThat(pending.subList(1, 3)).isSortedAccordingTo(java.util.Comparator.comparing(ManualRequest::id));

        assertThat(ManualTriggerRequests.consume(root, NS, earlier)).isTrue();
        assertThat(ManualTriggerRequests.consume(root, NS, earlier)).isFalse(); // consumed twice: already gone
        assertThat(ManualTriggerRequests.pending(root, NS)).containsExactlyInAnyOrder(later, sameTime);
        assertThat(ManualTriggerRequests.pending(root, "other")).hasSize(1);
    }

    @Test
    void unreadableOrForeignFilesAreSkipped() throws IOException {
        ManualRequest ok = ManualTriggerRequests.request(root, NS, "alice", T1);
        Path folder = dir.resolve(NS).resolve("_triggers");
        Files.writeString(folder.resolve("20260301T100000000Z-half.json"), "{\"request\":\"full-snap");
        Files.writeString(folder.resolve("20260301T100000001Z-notime.json"), "{\"request\":\"full-snapshot\"}");
        Files.writeString(folder.resolve("notes.txt"), "hello");
        Files.writeString(folder.resolve(".hidden.json"), "{\"requestedAt\":\"2026-03-01T00:00:00Z\"}");
        Files.createDirectories(folder.resolve("sub.json"));
        assertThat(ManualTriggerRequests.pending(root, NS)).containsExactly(ok);
    }

    @Test
    void requestsAreNotBackups() throws IOException {
        fixture.standardChain();
        ManualTriggerRequests.request(root, NS, "alice", T1);
        assertThat(new Catalog(root).list(NS)).hasSize(3).allMatch(Catalog.CatalogEntry::complete);
    }

    @Test
    void aNamespaceThatIsNotOneFolderNameIsRefused() {
        for (String bad : new String[] {"", " ", "a/b", "..", "_triggers", ".x", "a\\b"}) {
            assertThatThrownBy(() -> ManualTriggerRequests.request(root, bad, "alice", T1)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--namespace");
        }
        ManualRequest forged = new ManualRequest("../../manifest", NS, T1, "x", "file:/tmp/x");
        assertThatThrownBy(() -> ManualTriggerRequests.consume(root, NS, forged))
                .isInstanceOf(IllegalArgumentException.class);
        ManualRequest otherNamespace = new ManualRequest("20260301T100000123Z-00000000", "other", T1, "x", "f");
        assertThatThrownBy(() -> ManualTriggerRequests.consume(root, NS, otherNamespace))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
    }

    @Test
    void aBlankRequesterIsRecordedAsUnknown() throws IOException {
        ManualTriggerRequests.request(root, NS, " ", T1);
        assertThat(ManualTriggerRequests.pending(root, NS)).extracting(ManualRequest::requestedBy)
                .containsExactly("unknown");
    }
}
