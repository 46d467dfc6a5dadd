package io.aerobackup.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;

/**
 * A job's failures as Flink's REST API lists them ({@code GET /jobs/:id/exceptions}): how many
 * there were and the newest one's stack trace. Every failure that Flink answers with a restart is
 * an entry, so this tells a watcher how often the job restarted and why, for the command line's
 * local cluster and for a remote one alike.
 *
 * <p>Plain {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: the latter keeps a
 * selector thread blocked in native code for the life of the JVM, and a JVM that exits with a
 * thread in native code waits 300 ms for it (HotSpot's VM_Exit), on every command.
 */
final class FailureHistory {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int TIMEOUT_MILLIS = 2000;
    private final URI uri;

    private FailureHistory(URI uri) {
        this.uri = uri;
    }

    /** The history of a job, when the configuration names a REST port; else empty. */
    static Optional<FailureHistory> of(ReadableConfig config, JobID job) {
        Optional<Integer> port = config.getOptional(RestOptions.PORT);
        if (port.isEmpty()) {
            return Optional.empty();
        }
        String address = config.getOptional(RestOptions.ADDRESS).orElse("localhost");
        return Optional.of(new FailureHistory(URI.create("http://" + address + ":" + port.get() + "/jobs/" + job
                + "/exceptions?maxExceptions=1000")));
    }

    /** The failures so far and the newest one's stack trace. */
    record Failures(int count, String latestStackTrace) {
    }

    /** Asks the JobManager; empty when it does not answer (the watch then counts restarts by status). */
    Optional<Failures> fetch() {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            if (connection.getResponseCode() != 200) {
                return Optional.empty();
            }
            JsonNode entries;
            try (InputStream body = connection.getInputStream()) {
                entries = JSON.readTree(body).path("exceptionHistory").path("entries");
            }
            if (!entries.isArray() || entries.isEmpty()) {
                return Optional.of(new Failures(0, null));
            }
            return Optional.of(new Failures(entries.size(), entries.get(0).path("stacktrace").asText(null)));
        } catch (java.io.IOException e) {
            LOG.debug("no failure history from {}: {}", uri, e.toString());
            return Optional.empty();
        }
    }
}
