package io.aerobackup.job.replicate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.aerobackup.catalog.JsonDocuments;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.UUID;

/**
 * What a replication job last applied, as its committer writes it after every applied round
 * (a JSON file at {@code --status-to}; {@code aerobackup status} prints it). Written under a hidden
 * name and renamed, so a reader sees the previous file or the new one, never half of one.
 *
 * @param formatVersion        {@link #FORMAT_VERSION}; a reader refuses newer major versions
 * @param sourceNamespace      the namespace replicated
 * @param destinationNamespace the namespace it is written into
 * @param lastRound            the number of the last applied round (rounds count up from 1 per job)
 * @param lastRoundKind        {@code full} or {@code delta}
 * @param coveredUntilMillis   epoch ms: every source write before it is on the destination (a delta's
 *                             window end; for a full round the time it was planned)
 * @param updatedAtMillis      epoch ms when this status was written
 * @param lagMillis            {@code updatedAtMillis - coveredUntilMillis}
 * @param recordsApplied       records written since the job first started (kept across restores)
 * @param deletesApplied       deletes applied since the job first started
 * @param conflictsSkipped     source versions not written because the destination held a newer one
 * @param lastRoundRecordsPerSecond records written per second while the last round was applied
 * @param lastRoundDeletesPerSecond deletes applied per second while the last round was applied
 */
@JsonPropertyOrder({"formatVersion", "sourceNamespace", "destinationNamespace", "lastRound", "lastRoundKind",
        "coveredUntilMillis", "updatedAtMillis", "lagMillis", "recordsApplied", "deletesApplied", "conflictsSkipped",
        "lastRoundRecordsPerSecond", "lastRoundDeletesPerSecond"})
public record ReplicationStatus(
        int formatVersion,
        String sourceNamespace,
        String destinationNamespace,
        long lastRound,
        String lastRoundKind,
        long coveredUntilMillis,
        long updatedAtMillis,
        long lagMillis,
        long recordsApplied,
        long deletesApplied,
        long conflictsSkipped,
        double lastRoundRecordsPerSecond,
        double lastRoundDeletesPerSecond) {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Indented with "\n" on every platform: the same bytes wherever the job runs. */
    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    public byte[] toJson() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the replication status", e);
        }
    }

    /** Parses a status file's bytes; {@code source} names it in errors. */
    public static ReplicationStatus fromJson(byte[] json, String source) throws IOException {
        ReplicationStatus status = JsonDocuments.parse(MAPPER, json, ReplicationStatus.class,
                "replication status " + source);
        if (status.formatVersion() > FORMAT_VERSION) {
            throw new IOException("replication status " + source + " has format version " + status.formatVersion()
                    + "; this aerobackup reads up to " + FORMAT_VERSION + " (upgrade aerobackup)");
        }
        if (status.sourceNamespace() == null || status.destinationNamespace() == null) {
            throw new IOException("replication status " + source + " lacks its namespaces");
        }
        return status;
    }

    /** Reads the status file at {@code path} (any Flink file system). */
    public static ReplicationStatus read(Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        if (!fs.exists(path)) {
            throw new IOException("no replication status at " + path + " (the job writes it after its first"
                    + " applied round)");
        }
        try (FSDataInputStream in = fs.open(path)) {
            return fromJson(in.readAllBytes(), path.toString());
        }
    }

    /** Writes this status to {@code path}: a hidden file in the same folder, then renamed over the old one. */
    public void write(Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        Path parent = path.getParent();
        if (parent != null) {
            fs.mkdirs(parent);
        }
        Path hidden = new Path(parent, "." + path.getName() + "." + UUID.randomUUID() + ".tmp");
        try (FSDataOutputStream out = fs.create(hidden, FileSystem.WriteMode.NO_OVERWRITE)) {
            out.write(toJson());
            out.sync();
        }
        // Not every file system renames over an existing file (HDFS does not): remove the old one first.
        // A reader in between sees no file for a moment, never a partial one.
        if (fs.exists(path) && !fs.rename(hidden, path)) {
            fs.delete(path, false);
        }
        if (fs.exists(hidden) && !fs.rename(hidden, path)) {
            fs.delete(hidden, false);
            throw new IOException("cannot rename the replication status into " + path);
        }
    }
}
