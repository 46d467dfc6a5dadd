package io.aerobackup.testutils;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a secret could leak, gathered for a test to search: log output (every logger at DEBUG while
 * capturing), every file under a folder (manifests, data), and what Flink's REST API shows of the
 * jobs and the cluster's configuration.
 */
public final class SecretSearch {
    private SecretSearch() {
    }

    /** Captures all log output while open: the root logger at INFO, aerobackup and Aerospike at DEBUG. */
    public static final class Logs implements AutoCloseable {
        private final StringWriter text = new StringWriter();
        private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
        private final WriterAppender appender;
        private final Level rootLevel;
        private final java.util.Map<String, org.apache.logging.log4j.core.Appender> rootAppenders;

        public Logs() {
            appender = WriterAppender.newBuilder().setName("secret-search-" + System.nanoTime()).setTarget(text)
                    .setLayout(PatternLayout.newBuilder().withPattern("%c %m %throwable%n").build()).build();
            appender.start();
            org.apache.logging.log4j.core.config.Configuration config = context.getConfiguration();
            config.addAppender(appender);
            LoggerConfig root = config.getRootLogger();
            rootLevel = root.getLevel();
            rootAppenders = new java.util.LinkedHashMap<>(root.getAppenders());
            rootAppenders.keySet().forEach(root::removeAppender); // only the capture sees the lines
            root.addAppender(appender, Level.ALL, null);
            root.setLevel(Level.INFO);
            for (String name : new String[] {"io.aerobackup", "com.aerospike"}) {
                LoggerConfig own = new LoggerConfig(name, Level.DEBUG, false);
                own.addAppender(appender, Level.ALL, null);
                config.addLogger(name, own);
            }
            context.updateLoggers();
        }

        public String text() {
            return text.toString();
        }

        @Override
        public void close() {
            org.apache.logging.log4j.core.config.Configuration config = context.getConfiguration();
            config.getRootLogger().removeAppender(appender.getName());
            rootAppenders.values().forEach(a -> config.getRootLogger().addAppender(a, null, null));
            config.getRootLogger().setLevel(rootLevel);
            config.removeLogger("io.aerobackup");
            config.removeLogger("com.aerospike");
            context.updateLoggers();
            appender.stop();
        }
    }

    /** Every file under {@code root}, as text (ISO-8859-1, so any byte sequence survives). */
    public static String files(Path root) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                all.append(p).append('\n').append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    /**
     * What Flink's REST API (the web UI's source) shows: the cluster's configuration, and for every job
     * its details, configuration (the execution config and global job parameters), plan and exceptions.
     */
    public static String rest(Configuration clientConfiguration) {
        String base = "http://" + clientConfiguration.get(RestOptions.ADDRESS) + ":"
                + clientConfiguration.get(RestOptions.PORT);
        StringBuilder all = new StringBuilder();
        String overview = get(base + "/jobs/overview");
        all.append(overview).append(get(base + "/jobmanager/config"));
        Matcher ids = Pattern.compile("\"jid\"\\s*:\\s*\"([0-9a-f]{32})\"").matcher(overview);
        List<String> jobs = new ArrayList<>();
        while (ids.find()) {
            jobs.add(ids.group(1));
        }
        assertThat(jobs).as("jobs the REST API lists").isNotEmpty();
        for (String job : jobs) {
            for (String path : new String[] {"", "/config", "/plan", "/exceptions", "/jobmanager/config",
                "/checkpoints/config"}) {
                all.append(get(base + "/jobs/" + job + path));
            }
        }
        return all.toString();
    }

    private static String get(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return url + "\n" + response.body() + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
