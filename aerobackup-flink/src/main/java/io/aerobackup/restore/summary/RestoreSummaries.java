package io.aerobackup.restore.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aerobackup.catalog.JsonDocuments;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Restore summaries in the catalog: {@code <root>/_restores/<restoreId>.json}, pretty JSON in a
 * stable field order, written under a hidden name and renamed, so a reader never sees half of one.
 * The folder starts with {@code _}, so {@code list}, {@code prune} and restores never take it for a
 * namespace.
 */
public final class RestoreSummaries {
    public static final String FOLDER = "_restores";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RestoreSummaries() {
    }

    public static Path path(String catalogRoot, String restoreId) {
        return new Path(new Path(new Path(catalogRoot), FOLDER), restoreId + ".json");
    }

    public static byte[] toJson(RestoreSummary summary) {
        try {
            return MAPPER.writeValueAsBytes(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode restore summary " + summary.restoreId(), e);
        }
    }

    /** Parses a summary; {@code source} names it in errors. */
    public static RestoreSummary fromJson(byte[] json, String source) throws IOException {
        RestoreSummary summary = JsonDocuments.parse(MAPPER, json, RestoreSummary.class, "restore summary " + source);
        if (summary.formatVersion() < 1 || summary.formatVersion() > RestoreSummary.FORMAT_VERSION) {
            throw new IOException("restore summary " + source + " has format version " + summary.formatVersion()
                    + "; this aerobackup reads 1 to " + RestoreSummary.FORMAT_VERSION + " (upgrade aerobackup)");
        }
        if (summary.restoreId() == null || summary.outcome() == null) {
            throw new IOException("restore summary " + source + " lacks restoreId or outcome");
        }
        return summary;
    }

    /**
     * Writes the summary of {@code plan}'s restore; replaces one an earlier attempt of the final step
     * wrote. Returns where.
     */
    public static Path write(RestoreSummary.Plan plan, RestoreSummary summary) throws IOException {
        Path path = path(plan.catalogRoot(), plan.restoreId());
        Path hidden = new Path(path.getParent(), "." + path.getName() + ".writing");
        FileSystem fs = path.getFileSystem();
        fs.mkdirs(path.getParent());
        try (FSDataOutputStream out = fs.create(hidden, FileSystem.WriteMode.OVERWRITE)) {
            out.write(toJson(summary));
        }
        if (fs.exists(path)) {
            fs.delete(path, false);
        }
        if (!fs.rename(hidden, path)) {
            throw new IOException("cannot rename " + hidden + " to " + path + " (check the catalog's permissions)");
        }
        return path;
    }

    public static RestoreSummary read(Path path) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FSDataInputStream in = path.getFileSystem().open(path)) {
            in.transferTo(bytes);
        }
        return fromJson(bytes.toByteArray(), path.toString());
    }
}
