package io.aerobackup.source.changefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.catalog.CatalogPaths;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Manual full-snapshot requests, left in the catalog by {@code aerobackup trigger} and picked up by
 * the running job: one small JSON file per request at
 * {@code <root>/<namespace>/_triggers/<timestamp>-<random>.json}. The catalog is the one place both
 * the command line and the job (on any cluster node) can reach; {@code Catalog.list} skips
 * underscore folders, so requests are never mistaken for backups. All I/O goes through Flink's
 * {@link FileSystem}, so the catalog may be on S3, HDFS or a local disk.
 *
 * <p>A full snapshot taken for any reason satisfies every request made before it started: the job
 * consumes those, not only the one it reports, so a pending request does not start a second one.
 */
public final class ManualTriggerRequests {
    /** The folder of requests inside a namespace folder. */
    public static final String FOLDER = "_triggers";
    private static final String SUFFIX = ".json";
    private static final Logger LOG = LoggerFactory.getLogger(ManualTriggerRequests.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Same shape as backup ids, so file names sort by request time.
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private ManualTriggerRequests() {
    }

    public static Path folder(Path root, String namespace) {
        return new Path(CatalogPaths.namespaceDir(root, checkNamespace(namespace)), FOLDER);
    }

    /** Writes a request and returns it; the random part keeps two requests in one millisecond apart. */
    public static ManualRequest request(Path root, String namespace, String requestedBy, Instant now)
            throws IOException {
        String id = STAMP.format(now) + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt());
        Path file = new Path(folder(root, namespace), id + SUFFIX);
        String by = requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request", "full-snapshot");
        json.put("namespace", namespace);
        json.put("requestedAt", now.toString());
        json.put("requestedBy", by);
        // NO_OVERWRITE: an id collision fails loudly instead of silently merging two requests.
        try (FSDataOutputStream out = file.getFileSystem().create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
            out.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        }
        return new ManualRequest(id, namespace, now, by, file.toString());
    }

    /**
     * The namespace's pending requests, oldest first. A file that does not parse is skipped with a
     * warning: it may still be being written (local disks show partial files), and a damaged one
     * must not stop the job.
     */
    public static List<ManualRequest> pending(Path root, String namespace) throws IOException {
        Path dir = folder(root, namespace);
        FileSystem fs = dir.getFileSystem();
        List<ManualRequest> requests = new ArrayList<>();
        if (!fs.exists(dir)) {
            return requests;
        }
        FileStatus[] statuses = fs.listStatus(dir);
        for (FileStatus status : statuses == null ? new FileStatus[0] : statuses) {
            String name = status.getPath().getName();
            if (status.isDir() || name.startsWith(".") || !name.endsWith(SUFFIX)) {
                continue;
            }
            try {
                requests.add(read(status.getPath(), namespace));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping full-snapshot request {}: {} (delete it if it stays unreadable)",
                        status.getPath(), e.getMessage());
            }
        }
        requests.sort(Comparator.comparing(ManualRequest::requestedAt).thenComparing(ManualRequest::id));
        return requests;
    }

    /** Deletes a request once its full snapshot started; false when it was already gone (consumed twice). */
    public static boolean consume(Path root, String namespace, ManualRequest request) throws IOException {
        if (!namespace.equals(request.namespace())) {
            throw new IllegalArgumentException("request " + request.id() + " is for namespace "
                    + request.namespace() + ", not " + namespace);
        }
        if (request.id().contains("/") || request.id().contains("\\") || request.id().startsWith(".")) {
            throw new IllegalArgumentException("invalid request id '" + request.id() + "'");
        }
        // Rebuilt from root and id rather than trusting request.file(): only a request file is deleted.
        Path file = new Path(folder(root, namespace), request.id() + SUFFIX);
        FileSystem fs = file.getFileSystem();
        if (!fs.exists(file)) {
            return false;
        }
        return fs.delete(file, false);
    }

    private static ManualRequest read(Path file, String namespace) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FSDataInputStream in = file.getFileSystem().open(file)) {
            in.transferTo(bytes);
        }
        JsonNode json = MAPPER.readTree(bytes.toByteArray());
        if (json == null || !json.isObject() || !json.hasNonNull("requestedAt")) {
            throw new IOException("not a request: no requestedAt");
        }
        Instant at;
        try {
            at = Instant.parse(json.get("requestedAt").asText());
        } catch (DateTimeParseException e) {
            throw new IOException("requestedAt is not an ISO-8601 time: " + json.get("requestedAt").asText(), e);
        }
        String name = file.getName();
        String by = json.hasNonNull("requestedBy") ? json.get("requestedBy").asText() : "unknown";
        return new ManualRequest(name.substring(0, name.length() - SUFFIX.length()), namespace, at, by,
                file.toString());
    }

    /** A namespace is one folder name: anything else could place a request outside the catalog. */
    private static String checkNamespace(String namespace) {
        if (namespace == null || namespace.isBlank() || namespace.contains("/") || namespace.contains("\\")
                || namespace.startsWith(".") || namespace.startsWith("_")) {
            throw new IllegalArgumentException("invalid namespace '" + namespace + "': give an Aerospike namespace"
                    + " name (--namespace)");
        }
        return namespace;
    }
}
