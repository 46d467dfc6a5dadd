package io.aerobackup.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone Flink session cluster as separate JVM processes, started the way Flink's
 * {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh} start them: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}) with
 * {@code --configDir} pointing at a {@code config.yaml} written here, JVM memory flags and dynamic
 * properties computed by Flink's own process utilities (as the scripts do through BashJavaUtils).
 * There is no Flink distribution archive: the classpath is the jars of one ({@code provided} scope
 * of the build, listed by the build in {@code target/flink-cluster/flink.classpath}) plus the few
 * libraries Flink needs that Maven resolved to compile scope because the job uses them too. The
 * project's own classes are not on it: jobs bring them in their jar. Jobs are submitted with Flink's
 * own command line ({@code flink run}, {@code CliFrontend}) in a process of its own; the cluster is
 * watched through its REST API. Every process writes its log and stdout under {@code home}.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Flink's own dependencies that Maven mediated to compile scope because the job depends on them as well. */
    private static final Pattern FLINK_LIBS_IN_JOB_SCOPE = Pattern.compile(
            ".*/(commons-lang3|commons-compress|commons-io|snappy-java|slf4j-api)-[^/]*\\.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short-lived JVMs on a small machine: the serial collector, and the quick compiler only (starts faster). */
    private static final List<String> SMALL_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The module options of a Flink distribution's config.yaml ({@code env.java.opts.all}) for Java 17. */
    private static final List<String> MODULE_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path home;
    private final Path conf;
    private final String classpath;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private int nextTaskManager;

    private StandaloneFlinkCluster(Path home, Path conf, String classpath, int restPort) {
        this.home = home;
        this.conf = conf;
        this.classpath = classpath;
        this.restPort = restPort;
    }

    /**
     * Writes the configuration and starts the JobManager and {@code taskManagers} TaskManagers;
     * returns once all of them are registered. {@code settings} are added to (and win over) the defaults.
     */
    public static StandaloneFlinkCluster start(Path home, int taskManagers, Map<String, String> settings)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path conf = Files.createDirectories(home.resolve("conf"));
        int restPort = freePort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "localhost");
        config.put("jobmanager.rpc.port", String.valueOf(freePort()));
        config.put("jobmanager.bind-host", "localhost");
        config.put("rest.address", "localhost");
        config.put("rest.bind-address", "localhost");
        config.put("rest.port", String.valueOf(restPort));
        config.put("taskmanager.host", "localhost");
        config.put("taskmanager.bind-host", "localhost");
        config.put("io.tmp.dirs", Files.createDirectories(home.resolve("tmp")).toString());
        config.put("jobmanager.memory.heap.size", "224m");
        config.put("jobmanager.memory.off-heap.size", "64m");
        config.put("jobmanager.memory.jvm-metaspace.size", "192m");
        config.put("taskmanager.memory.framework.heap.size", "64m");
        config.put("taskmanager.memory.task.heap.size", "192m");
        config.put("taskmanager.memory.managed.size", "64m");
        // Flink's default; batch jobs (a restore) read their shuffle data through a part of it (batch-shuffle.size).
        config.put("taskmanager.memory.framework.off-heap.size", "128m");
        config.put("taskmanager.memory.framework.off-heap.batch-shuffle.size", "32m");
        config.put("taskmanager.memory.network.min", "64m");
        config.put("taskmanager.memory.network.max", "64m");
        // Each blocking result of a batch job (a restore) reserves this many buffers of 32 KiB (default 512).
        config.put("taskmanager.network.sort-shuffle.min-buffers", "128");
        config.put("taskmanager.memory.jvm-metaspace.size", "192m");
        config.putAll(settings);
        StringBuilder yaml = new StringBuilder("# written by StandaloneFlinkCluster\n");
        config.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml.toString());
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = FileAppender",
                "appender.file.name = FileAppender",
                "appender.file.type = File",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5level %-40c{1} %x - %m%n",
                "logger.netty.name = org.apache.flink.shaded.netty4",
                "logger.netty.level = WARN", ""));
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(home, conf, flinkClasspath(), restPort);
        // Should the test JVM end without closing the cluster (a killed fork), its processes end with it.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> cluster.processes.values().forEach(Process::destroyForcibly), "flink-cluster-reaper"));
        try {
            cluster.startJobManager();
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            String logs = cluster.logTails();
            cluster.close();
            throw new AssertionError("the Flink cluster did not start: " + e.getMessage() + logs, e);
        }
    }

    /** The jars of a Flink distribution's lib/ folder, from the build's lists. */
    static String flinkClasspath() throws IOException {
        Path lists = Path.of("target", "flink-cluster");
        List<String> jars = new ArrayList<>(Arrays.asList(read(lists.resolve("flink.classpath")).split(":")));
        for (String jar : read(lists.resolve("job.classpath")).split(":")) {
            if (FLINK_LIBS_IN_JOB_SCOPE.matcher(jar).matches()) {
                jars.add(jar);
            }
        }
        return String.join(":", jars);
    }

    private static String read(Path list) throws IOException {
        if (!Files.exists(list)) {
            throw new IOException(list + " is missing: it is written by the build (generate-test-resources)"
                    + "; run the test through mvn");
        }
        return Files.readString(list).trim();
    }

    private void startJobManager() throws IOException {
        Configuration config = GlobalConfiguration.loadConfiguration(conf.toString());
        var spec = JobManagerProcessUtils.processSpecFromConfig(config);
        List<String> jvm = split(JobManagerProcessUtils.generateJvmParametersStr(spec, config));
        List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
        args.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        launch("jobmanager", jvm, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", args);
    }

    /** Starts one more TaskManager (resource id {@code tm-<n>}); returns its name. */
    public String startTaskManager() throws IOException {
        String name = "tm-" + nextTaskManager++;
        Configuration config = GlobalConfiguration.loadConfiguration(conf.toString());
        var spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        List<String> jvm = split(ProcessMemoryUtils.generateJvmParametersStr(spec));
        List<String> args = new ArrayList<>(List.of("--configDir", conf.toString(), "-D",
                "taskmanager.resource-id=" + name));
        args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        launch(name, jvm, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args);
        return name;
    }

    private static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private Process launch(String name, List<String> jvm, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(MODULE_OPTIONS);
        command.addAll(SMALL_JVM);
        command.add("-Dlog.file=" + home.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".out").toFile()).start();
        processes.put(name, process);
        return process;
    }

    /**
     * Runs Flink's command line ({@code flink <args>}, e.g. {@code run -d -c Main job.jar ...}) in its
     * own process against this cluster; waits at most {@code timeout}.
     */
    public CliRun flink(String name, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx192m", "-Dlog.file=" + home.resolve(name + ".log"),
                "-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"), "-cp", classpath,
                "org.apache.flink.client.cli.CliFrontend"));
        command.addAll(1, MODULE_OPTIONS);
        command.addAll(1, SMALL_JVM);
        command.addAll(List.of(args));
        Path out = home.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("flink " + String.join(" ", args) + " did not return within " + timeout
                    + ":\n" + tail(out, 40) + logTails());
        }
        return new CliRun(process.exitValue(), Files.readString(out));
    }

    /** What {@code flink ...} printed, and its exit code. */
    public record CliRun(int exitCode, String output) {
        private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

        /** The job id {@code flink run -d} reports. */
        public String jobId() {
            Matcher m = JOB_ID.matcher(output);
            if (!m.find()) {
                throw new AssertionError("flink run printed no job id (exit " + exitCode + "):\n" + output);
            }
            return m.group(1);
        }
    }

    /** Kills a process of the cluster with SIGKILL, as a machine failure would. */
    public void kill(String name) throws InterruptedException {
        Process process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name + "; there are " + processes.keySet());
        }
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die within 10 s of SIGKILL");
        }
    }

    /** GET on the REST API; fails on any status but 200. */
    public JsonNode rest(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    /** The job's state ({@code RUNNING}, {@code FINISHED}, ...). */
    public String jobState(String jobId) {
        return rest("/jobs/" + jobId).path("state").asText();
    }

    /** Waits until the job ended; fails (with the cluster's logs) unless it FINISHED. */
    public void awaitFinished(String jobId, Duration timeout) throws InterruptedException {
        String[] state = {""};
        await("job " + jobId + " to finish", timeout, () -> {
            state[0] = jobState(jobId);
            return state[0].equals("FINISHED") || state[0].equals("FAILED") || state[0].equals("CANCELED");
        });
        if (!state[0].equals("FINISHED")) {
            throw new AssertionError("job " + jobId + " ended " + state[0] + ": "
                    + rest("/jobs/" + jobId + "/exceptions").path("exceptionHistory").toString() + logTails());
        }
    }

    /** The names of the TaskManagers that run at least one task now (their resource ids). */
    public List<String> busyTaskManagers() {
        List<String> busy = new ArrayList<>();
        for (JsonNode tm : rest("/taskmanagers").path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                busy.add(tm.path("id").asText());
            }
        }
        return busy;
    }

    private void awaitTaskManagers(int count) throws InterruptedException {
        await(count + " TaskManagers to register", START_TIMEOUT, () -> {
            for (Map.Entry<String, Process> p : processes.entrySet()) {
                if (!p.getValue().isAlive()) {
                    throw new AssertionError(p.getKey() + " exited with " + p.getValue().exitValue());
                }
            }
            try {
                return rest("/taskmanagers").path("taskmanagers").size() >= count;
            } catch (UncheckedIOException e) {
                return false; // the REST endpoint is not up yet
            }
        });
    }

    /** Registered TaskManagers, as the JobManager sees them. */
    public int registeredTaskManagers() {
        return rest("/taskmanagers").path("taskmanagers").size();
    }

    /** Waits for {@code condition}, checking every 100 ms; fails with the cluster's logs after {@code timeout}. */
    public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + logTails());
            }
            Thread.sleep(100);
        }
    }

    /** The last lines of every process's log and output, for failure messages. */
    public String logTails() {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(home)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out"))
                    .sorted().toList()) {
                text.append("\n----- ").append(file).append(" (last lines) -----\n").append(tail(file, 25));
            }
        } catch (IOException e) {
            text.append("\n(logs unreadable: ").append(e).append(')');
        }
        return text.toString();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public Path home() {
        return home;
    }

    /** Kills every process of the cluster (SIGKILL after a short grace period) and waits for them. */
    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
