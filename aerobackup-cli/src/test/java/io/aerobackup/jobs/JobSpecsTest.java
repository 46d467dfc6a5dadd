package io.aerobackup.jobs;

import io.aerobackup.jobs.ShellInvocations.Invocation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The orchestrator examples in jobs/ stay runnable: every YAML resource has the fields its kind
 * needs, every main class exists, and every command line and job argument list is accepted by the
 * parser of the program it starts (the Airflow DAG's and crontab's commands too), so renaming an
 * option breaks this test rather than a deployment. YAML comes from SnakeYAML, which the Aerospike
 * client brings onto the classpath.
 */
class JobSpecsTest {
    private static final Path JOBS = Path.of("jobs");
    private static final Pattern MAIN_CLASS_NAME = Pattern.compile("io\\.aerobackup(?:\\.[a-z0-9_]+)+\\.[A-Z]\\w*");
    private static final Pattern SUBMIT_DEFAULT = Pattern.compile("AEROBACKUP_JOB:-([\\w.]+)");
    private static final Set<String> UPGRADE_MODES = Set.of("stateless", "savepoint", "last-state");

    @Test
    void everyKubernetesResourceHasItsFieldsAndStartsRealProgramsWithRealOptions() throws Exception {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Path file : files("yaml")) {
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                Map<String, Object> resource = map(document, file + ": a document");
                resource.put("__file", file.toString());
                resources.add(resource);
            }
        }
        Set<String> kinds = new HashSet<>();
        for (Map<String, Object> resource : resources) {
            String where = resource.get("__file") + " " + resource.get("kind");
            text(resource, "apiVersion", where);
            text(map(resource.get("metadata"), where + " metadata"), "name", where);
            String kind = text(resource, "kind", where);
            kinds.add(kind);
            Map<String, Object> spec = map(resource.get("spec"), where + " spec");
            switch (kind) {
                case "FlinkDeployment" -> checkFlinkDeployment(spec, where);
                case "FlinkSessionJob" -> checkFlinkSessionJob(spec, resources, where);
                case "CronJob" -> checkCronJob(spec, where);
                default -> fail(where + ": no checks for kind " + kind + "; add them to " + getClass().getName());
            }
        }
        assertThat(kinds).contains("FlinkDeployment", "FlinkSessionJob", "CronJob");
    }

    @Test
    void theCommandsOfTheDagTheCrontabAndTheReadmeAreAcceptedByTheirPrograms() throws Exception {
        String submitDefault = submitScriptDefaultClass();
        List<Invocation> invocations = new ArrayList<>();
        for (Path file : files("py", "md", "sh", "crontab")) {
            invocations.addAll(ShellInvocations.find(Files.readString(file), file.toString(), submitDefault));
        }
        for (Invocation invocation : invocations) {
            invocation.entryPoint().assertAccepts(invocation.args(), invocation.where());
        }
        assertThat(invocations).as("commands found").extracting(i -> i.where().replaceAll(":\\d+$", ""))
                .contains(JOBS.resolve("airflow_dag.py").toString(), JOBS.resolve("crontab").toString(),
                        JOBS.resolve("README.md").toString());
    }

    @Test
    void everyAerobackupClassTheExamplesNameExists() throws IOException {
        for (Path file : files("yaml", "py", "md", "sh", "crontab")) {
            Matcher name = MAIN_CLASS_NAME.matcher(Files.readString(file));
            while (name.find()) {
                try {
                    Class.forName(name.group());
                } catch (ClassNotFoundException e) {
                    fail(file + " names " + name.group() + ", which does not exist");
                }
            }
        }
    }

    @Test
    void theDagIsValidPythonAndTheScriptValidBash() throws Exception {
        // Airflow itself is not needed: the DAG must only parse.
        if (onPath("python3")) {
            run("python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])",
                    JOBS.resolve("airflow_dag.py").toString());
        }
        if (onPath("bash")) {
            run("bash", "-n", JOBS.resolve("submit-flink.sh").toString());
        }
    }

    private static void checkFlinkDeployment(Map<String, Object> spec, String where) throws Exception {
        text(spec, "image", where);
        String flinkVersion = EnvironmentInformation.getVersion();
        assertThat(text(spec, "flinkVersion", where)).as(where + " flinkVersion for Flink " + flinkVersion)
                .isEqualTo("v" + flinkVersion.replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2"));
        Map<String, Object> config = map(spec.get("flinkConfiguration"), where + " flinkConfiguration");
        Set<String> known = flinkOptionKeys();
        for (String key : config.keySet()) {
            if (!key.startsWith("metrics.reporter.") && !key.startsWith("kubernetes.")) {
                assertThat(known).as(where + ": flinkConfiguration key " + key + " is a Flink option").contains(key);
            }
        }
        if (spec.containsKey("job")) {
            Map<String, Object> job = checkJob(map(spec.get("job"), where + " job"), where);
            assertThat(text(job, "jarURI", where)).as(where + " jarURI: the jar docker/Dockerfile puts in the image")
                    .isEqualTo("local:///opt/flink/usrlib/aerobackup.jar");
            assertThat(Files.readString(Path.of("docker/Dockerfile"))).contains("/opt/flink/usrlib/aerobackup.jar");
            if (((List<?>) job.get("args")).contains("--continuous")) {
                assertThat(job.get("upgradeMode")).as(where + ": the change feed upgrades through savepoints")
                        .isEqualTo("savepoint");
                assertThat(config).as(where + ": savepoint upgrades need a savepoint folder")
                        .containsKey(CheckpointingOptions.SAVEPOINT_DIRECTORY.key());
            }
        }
    }

    private static void checkFlinkSessionJob(Map<String, Object> spec, List<Map<String, Object>> resources,
                                             String where) throws Exception {
        String deployment = text(spec, "deploymentName", where);
        assertThat(resources).as(where + ": the session cluster " + deployment + " is defined in jobs/")
                .anyMatch(r -> "FlinkDeployment".equals(r.get("kind"))
                        && deployment.equals(((Map<?, ?>) r.get("metadata")).get("name"))
                        && !((Map<?, ?>) r.get("spec")).containsKey("job"));
        Map<String, Object> job = checkJob(map(spec.get("job"), where + " job"), where);
        assertThat(text(job, "jarURI", where)).as(where + " jarURI").endsWith(".jar");
    }

    /** The fields every operator job has; the entry class exists and accepts the args. */
    private static Map<String, Object> checkJob(Map<String, Object> job, String where) throws Exception {
        text(job, "jarURI", where);
        assertThat(UPGRADE_MODES).as(where + " upgradeMode").contains(text(job, "upgradeMode", where));
        EntryPoint.mainClass(text(job, "entryClass", where)).assertAccepts(strings(job.get("args"), where), where);
        return job;
    }

    private static void checkCronJob(Map<String, Object> spec, String where) {
        assertThat(text(spec, "schedule", where).split(" ")).as(where + " schedule: five cron fields").hasSize(5);
        Map<String, Object> pod = map(map(map(map(spec.get("jobTemplate"), where).get("spec"), where)
                .get("template"), where).get("spec"), where + " pod");
        List<Object> containers = new ArrayList<>((List<?>) pod.getOrDefault("initContainers", List.of()));
        containers.addAll((List<?>) pod.get("containers"));
        int started = 0;
        for (Object item : containers) {
            Map<String, Object> container = map(item, where + " container");
            String name = where + " container " + container.get("name");
            text(container, "image", name);
            List<String> command = new ArrayList<>(strings(container.get("command"), name));
            command.addAll(strings(container.getOrDefault("args", List.of()), name));
            if (command.get(0).endsWith("aerobackup")) {
                EntryPoint.cliSubcommand(command.get(1)).assertAccepts(command.subList(2, command.size()), name);
                started++;
            }
        }
        assertThat(started).as(where + ": containers that run aerobackup").isPositive();
    }

    /** Every key of Flink's core options (and their fallback keys), read from the option classes. */
    private static Set<String> flinkOptionKeys() throws IOException, ClassNotFoundException, IllegalAccessException {
        Set<String> keys = new HashSet<>();
        Path jar = Path.of(CheckpointingOptions.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (JarFile classes = new JarFile(jar.toFile())) {
            for (String entry : classes.stream().map(e -> e.getName())
                    .filter(n -> n.matches("org/apache/flink/configuration/\\w+Options\\.class")).toList()) {
                for (Field field : Class.forName(entry.replace('/', '.').replace(".class", "")).getFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                        ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                        keys.add(option.key());
                        for (FallbackKey fallback : option.fallbackKeys()) {
                            keys.add(fallback.getKey());
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static String submitScriptDefaultClass() throws IOException {
        Matcher matcher = SUBMIT_DEFAULT.matcher(Files.readString(JOBS.resolve("submit-flink.sh")));
        assertThat(matcher.find()).as("jobs/submit-flink.sh has a default AEROBACKUP_JOB").isTrue();
        return matcher.group(1);
    }

    private static List<Path> files(String... endings) throws IOException {
        try (Stream<Path> files = Files.list(JOBS)) {
            return files.filter(f -> Stream.of(endings).anyMatch(e -> f.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        assertThat(value).as(where + " is a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        assertThat(value).as(where + ": " + key).isNotNull();
        assertThat(value.toString()).as(where + ": " + key).isNotBlank();
        return value.toString();
    }

    private static List<String> strings(Object value, String where) {
        assertThat(value).as(where + ": a list").isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
