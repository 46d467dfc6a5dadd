package io.aerobackup.objectstore;

import io.aerobackup.execution.BadInputException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an object-store location before a command runs, so that a missing bucket, wrong or missing
 * credentials, an unreachable endpoint or a missing S3 plugin fail at once with a message that names
 * the bucket and endpoint and says what to do (a {@link BadInputException}: exit code 2), instead of
 * in the middle of a job after restarts. It only reads: nothing is written.
 */
public final class ObjectStoreProbe {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Configuration config;
    private final Map<String, String> environment;

    public ObjectStoreProbe(Configuration config, Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    public void check(URI location) {
        String bucket = location.getHost() != null ? location.getHost() : location.getAuthority();
        checkReachable(location);
        try {
            Path path = new Path(location);
            path.getFileSystem().exists(path);
        } catch (UnsupportedFileSystemSchemeException e) {
            throw new BadInputException("no file system for " + location.getScheme() + "://: the S3 plugin"
                    + " (flink-s3-fs-hadoop) was not found under " + ObjectStoreFileSystems.pluginFolder(environment)
                    + "; bin/aerobackup bundles it in aerobackup-cli/target/plugins/s3-fs-hadoop, or set"
                    + " FLINK_PLUGINS_DIR to a folder holding s3-fs-hadoop/flink-s3-fs-hadoop-<version>.jar");
        } catch (IOException | RuntimeException e) {
            throw withCause(explain(e, location, bucket), e);
        }
    }

    private BadInputException explain(Throwable failure, URI location, String bucket) {
        String at = "bucket '" + bucket + "' at " + endpoint();
        if (has(failure, "UnknownStoreException") || mentions(failure, "NoSuchBucket", "does not exist")) {
            return new BadInputException(at + " does not exist (" + location + "): create the bucket, or fix the"
                    + " bucket name or s3.endpoint");
        }
        if (has(failure, "NoAwsCredentialsException") || mentions(failure, "No AWS Credentials",
                "Unable to load AWS credentials")) {
            return new BadInputException("no credentials for " + at + ": set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, use a credentials file (~/.aws/credentials), or set s3.access-key and"
                    + " s3.secret-key in config.yaml (FLINK_CONF_DIR)");
        }
        if (has(failure, AccessDeniedException.class.getSimpleName()) || mentions(failure, "403", "Forbidden",
                "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied")) {
            return new BadInputException("access to " + at + " was denied (" + location + "): check the credentials"
                    + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the credentials file, or s3.access-key in"
                    + " config.yaml) and that they may list, read and write the bucket");
        }
        if (has(failure, ConnectException.class.getSimpleName()) || has(failure, UnknownHostException.class
                .getSimpleName()) || mentions(failure, "Unable to execute HTTP request", "Connection refused")) {
            return new BadInputException("cannot reach " + endpoint() + " for " + location + ": check s3.endpoint"
                    + " (in config.yaml or -Ds3.endpoint=...) and the network");
        }
        return new BadInputException("cannot access " + location + " (" + at + "): " + firstLine(failure));
    }

    /**
     * A configured endpoint that refuses connections would otherwise keep the S3 client retrying for many
     * minutes (its retries are meant for a store that is briefly away, and stay as they are for the jobs).
     */
    private void checkReachable(URI location) {
        configuredEndpoint().map(ObjectStoreProbe::hostAndPort).ifPresent(address -> {
            try (Socket socket = new Socket()) {
                socket.connect(address, (int) CONNECT_TIMEOUT.toMillis());
            } catch (IOException e) {
                throw new BadInputException("cannot reach " + endpoint() + " for " + location + " (" + e.getMessage()
                        + "): check s3.endpoint (in config.yaml or -Ds3.endpoint=...) and that the store is running");
            }
        });
    }

    private static InetSocketAddress hostAndPort(String endpoint) {
        URI uri = URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint);
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return new InetSocketAddress(uri.getHost(), port);
    }

    private Optional<String> configuredEndpoint() {
        Map<String, String> values = config.toMap();
        for (String key : new String[] {"s3.endpoint", "s3a.endpoint", "fs.s3a.endpoint"}) {
            String endpoint = values.get(key);
            if (endpoint != null && !endpoint.isBlank()) {
                return Optional.of(endpoint.trim());
            }
        }
        return Optional.empty();
    }

    /** The endpoint as configured, for messages; AWS's own when none is. */
    private String endpoint() {
        return configuredEndpoint().map(endpoint -> "endpoint " + endpoint)
                .orElse("the AWS S3 endpoint (set s3.endpoint for another S3-compatible store)");
    }

    /**
     * The original failure stays reachable for AEROBACKUP_DEBUG's stack trace, but as a suppressed exception:
     * the one-line error then shows only the explanation, not the store's long request dump.
     */
    private static BadInputException withCause(BadInputException explained, Throwable cause) {
        explained.addSuppressed(cause);
        return explained;
    }

    private static boolean has(Throwable failure, String simpleClassName) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleClassName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable failure, String... words) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (message.contains(word.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
