package io.aerobackup.cli;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ScanPolicy;
import io.aerobackup.config.JobArguments;
import io.aerobackup.demo.SampleData;
import io.aerobackup.job.BackupJobOptions;
import io.aerobackup.job.changefeed.ChangeFeedJobOptions;
import io.aerobackup.job.changefeed.ChangeFeedPipeline;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.reader.ScanProgress;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.SecretSearch;
import io.aerobackup.testutils.SecureCluster;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup, restore and estimate over TLS with a login, end to end through the command line, against
 * the embedded server with TLS and security on; and the secret (the user's password) is searched
 * for everywhere it could leak: the command's output, every log line, the catalog's files, what
 * Flink's REST API shows of the jobs and the cluster, and the job graph itself.
 */
class SecureConnectionITCase {
    private static final SecureCluster SECURE = new SecureCluster(2);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = SECURE.cluster();

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args) {
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(new String[0]));
    }

    private static List<String> args(String command, List<String> connection, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(connection);
        all.addAll(List.of(more));
        return all;
    }

    private static long count(AerospikeClient client, String namespace, String set) {
        AtomicLong n = new AtomicLong();
        client.scanAll(new ScanPolicy(), namespace, set, (key, record) -> n.incrementAndGet());
        return n.get();
    }

    @Test
    void backupRestoreAndEstimateOverTlsWithLoginLeaveThePasswordNowhere() {
        String set = AerospikeTestCluster.uniqueSet("tls");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 300, 7);
        String to = temp.resolve("catalog").toString();
        String secret = SECURE.password();
        String logs;
        try (SecretSearch.Logs captured = new SecretSearch.Logs()) {
            int backup = run(args("backup", SECURE.options(), "--namespace", "test", "--set", set, "--to", to,
                    "--json", "--parallelism", "2"));
            assertThat(backup).as(err.toString()).isEqualTo(ExitCodes.OK);
            assertThat(out.toString()).contains("\"records\" : 300");

            int restore = run(args("restore", SECURE.options(), "--namespace", "test,restore", "--from", to,
                    "--json"));
            assertThat(restore).as(err.toString()).isEqualTo(ExitCodes.OK);

            int estimate = run(args("estimate", SECURE.options(), "--namespace", "test", "--set", set, "--sample",
                    "50", "--no-write-test", "--json"));
            assertThat(estimate).as(err.toString()).isEqualTo(ExitCodes.OK);
            logs = captured.text();
        }
        assertThat(count(CLUSTER.client(), "restore", set)).isEqualTo(300);
        String catalog = SecretSearch.files(temp.resolve("catalog"));
        assertThat(catalog).as("the manifest records how the run connected").contains("\"tls\" : \"true\"")
                .contains("\"user\" : \"" + SecureCluster.USER + "\"");
        String rest = SecretSearch.rest(FLINK.getClientConfiguration());
        assertThat(logs).as("the capture works").contains("io.aerobackup");
        assertThat(rest).as("the REST API shows the jobs").contains("aerobackup backup");
        String processList = ProcessHandle.current().info().commandLine().orElse("")
                + ProcessHandle.current().info().arguments().map(a -> String.join(" ", a)).orElse("");
        for (String where : List.of(out.toString(), err.toString(), logs, catalog, rest, processList)) {
            assertThat(where).doesNotContain(secret);
        }
    }

    /** A password from an environment variable: the variable's name goes to the job. */
    @Test
    void thePasswordComesFromAnEnvironmentVariable() {
        String variable = System.getenv("HOME") != null ? "HOME" : "PATH";
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(variable) != null);
        CLUSTER.embedded().security().user("envuser", System.getenv(variable), List.of("read"));
        List<String> options = new ArrayList<>(SECURE.options().subList(0, 7));
        options.addAll(List.of("--user", "envuser", "--password-env", variable));
        int exit = run(args("estimate", options, "--namespace", "test", "--sample", "10", "--no-write-test"));
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    }

    /** {@code flink run ... BackupJob} has no password option at all. */
    @Test
    void theFlinkRunMainsTakeNoPasswordValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobArguments.parse(new String[] {"--hosts", "h:1",
            "--password", "x"}, BackupJobOptions.ALL)).hasMessageContaining("unknown option '--password'");
    }

    @Test
    void thePromptedPasswordStaysInTheProcess() {
        String set = AerospikeTestCluster.uniqueSet("prompt");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 20, 3);
        List<String> options = new ArrayList<>(SECURE.options().subList(0, SECURE.options().size() - 2));
        options.add("--password");
        var before = PasswordPrompt.terminal;
        List<String> prompts = new ArrayList<>();
        PasswordPrompt.terminal = prompt -> {
            prompts.add(prompt);
            return SECURE.password().toCharArray();
        };
        try {
            int exit = run(args("backup", options, "--namespace", "test", "--set", set, "--to",
                    temp.resolve("p").toString()));
            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        } finally {
            PasswordPrompt.terminal = before;
        }
        assertThat(prompts).containsExactly("Password for " + SecureCluster.USER + ": ");
        assertThat(SecretSearch.files(temp.resolve("p"))).doesNotContain(SECURE.password());
    }

    /**
     * The job graph that would be submitted to a cluster (operators, their serialized specs, the
     * execution config with its global job parameters) names the password file, never the password.
     */
    @Test
    void theJobGraphCarriesThePasswordFilesPathNotThePassword() throws Exception {
        List<String> flinkRun = new ArrayList<>(SECURE.options());
        flinkRun.addAll(List.of("--namespace", "test", "--to", temp.resolve("g").toString()));
        var config = JobArguments.parse(flinkRun.toArray(new String[0]), BackupJobOptions.ALL);
        BackupSpec spec = BackupJobOptions.toSpec(config);
        ChangeFeedOptions feed = ChangeFeedJobOptions.toOptions(config, spec);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ChangeFeedPipeline.build(env, spec, feed, new ScanProgress("graph-test"), UnaryOperator.identity());
        JobGraph graph = env.getStreamGraph().getJobGraph();
        StringBuilder everything = new StringBuilder();
        everything.append(new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1));
        everything.append(graph.getJobConfiguration());
        for (JobVertex vertex : graph.getVertices()) {
            everything.append(vertex.getConfiguration());
            everything.append(new String(InstantiationUtil.serializeObject(vertex.getConfiguration()),
                    StandardCharsets.ISO_8859_1));
        }
        everything.append(env.getConfig().getGlobalJobParameters().toMap());
        everything.append(new String(InstantiationUtil.serializeObject(env.getConfig()), StandardCharsets.ISO_8859_1));
        everything.append(config);
        assertThat(everything.toString()).contains(SECURE.passwordFile().toString())
                .doesNotContain(SECURE.password());
    }
}
