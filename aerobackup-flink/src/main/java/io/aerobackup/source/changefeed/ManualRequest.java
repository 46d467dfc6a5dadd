package io.aerobackup.source.changefeed;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * An operator's request for a full snapshot, as stored by {@link ManualTriggerRequests}.
 *
 * @param id          the request file's name without {@code .json}: {@code <timestamp>-<random>}
 * @param namespace   the namespace to snapshot
 * @param requestedAt when it was requested
 * @param requestedBy who requested it (a user name, for the log and the manifest)
 * @param file        the request file's URI, to consume it
 */
public record ManualRequest(String id, String namespace, Instant requestedAt, String requestedBy, String file)
        implements Serializable {

    public ManualRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(file, "file");
    }
}
