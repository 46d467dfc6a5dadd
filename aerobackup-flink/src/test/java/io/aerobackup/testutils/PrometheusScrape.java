package io.aerobackup.testutils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus endpoint (text format), with the samples of each metric family.
 * Flink's reporter names a metric by its scope and groups ({@code flink_taskmanager_job_task_operator_aerobackup_recordsRead})
 * and puts job, task and subtask into labels, so one family has a sample per subtask.
 */
public final class PrometheusScrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})?\\s+(\\S+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Map<String, List<Double>> samples;
    private final String text;

    private PrometheusScrape(Map<String, List<Double>> samples, String text) {
        this.samples = samples;
        this.text = text;
    }

    public static PrometheusScrape parse(String text) {
        Map<String, List<Double>> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (!line.startsWith("#") && m.matches()) {
                samples.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Double.parseDouble(m.group(3)));
            }
        }
        return new PrometheusScrape(samples, text);
    }

    /** The endpoint's metrics now, or null while it does not answer. */
    public static PrometheusScrape fetch(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Scrapes until {@code run} is done and returns the last scrape that had a family ending in
     * every one of {@code markers}: a finished job's metrics leave the endpoint with it, so that is its latest state.
     */
    public static PrometheusScrape lastWhile(Future<?> run, int port, String... markers) throws InterruptedException {
        PrometheusScrape last = null;
        while (!run.isDone()) {
            PrometheusScrape now = fetch(port);
            // A finishing operator unregisters its metrics one by one: keep only complete scrapes.
            if (now != null && java.util.Arrays.stream(markers).allMatch(now::has)) {
                last = now;
            }
            Thread.sleep(100);
        }
        return last;
    }

    /** True when a family whose name ends with {@code suffix} has samples. */
    public boolean has(String suffix) {
        return samples.keySet().stream().anyMatch(name -> name.endsWith(suffix));
    }

    /** The sum over every sample of the families ending with {@code suffix} (counters of all subtasks). */
    public double sum(String suffix) {
        return values(suffix).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The largest sample of the families ending with {@code suffix} (a gauge every subtask reports alike). */
    public double max(String suffix) {
        return values(suffix).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private List<Double> values(String suffix) {
        List<Double> values = new ArrayList<>();
        samples.forEach((name, list) -> {
            if (name.endsWith(suffix)) {
                values.addAll(list);
            }
        });
        return values;
    }

    /** The aerobackup families, for assertion messages. */
    @Override
    public String toString() {
        return text.lines().filter(l -> l.contains("_aerobackup_") && !l.startsWith("#"))
                .reduce((a, b) -> a + "\n" + b).orElse("(no aerobackup metrics)");
    }
}
