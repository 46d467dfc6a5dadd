package io.aerobackup.cli;

import io.aerobackup.demo.SampleData;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The backup and list commands end to end, and every kind of bad input: exit code 2, a clear message, no manifest. */
class BackupCommandITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.create();

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void backupThenListShowsTheCommittedBackupAndAJsonSummary() throws IOException {
        String set = AerospikeTestCluster.uniqueSet("cli");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 200, 1);
        String to = temp.resolve("cat").toString();

        int exit = run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", set, "--to", to,
                "--json", "--parallelism", "1");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"records\" : 200").contains("\"backupId\"");
        assertThat(manifests(temp.resolve("cat"))).hasSize(1);
        out.getBuffer().setLength(0);
        assertThat(run("list", "--from", to)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("complete").contains("200").contains("full");
    }

    @Test
    void anIncompleteBackupIsListedAsSuch() throws IOException {
        Path root = temp.resolve("partial");
        Files.createDirectories(root.resolve("test/20260101T000000Z-full-abcd/data"));
        Files.writeString(root.resolve("aerobackup-catalog.json"), "{}");
        assertThat(run("list", "--from", root.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("20260101T000000Z-full-abcd").contains("incomplete");
    }

    @Test
    void unreachableHostsFailFastWithExitCodeTwo() {
        long start = System.nanoTime();
        int exit = run("backup", "--hosts", "127.0.0.1:1", "--connect-timeout", "1000", "--namespace", "test",
                "--to", temp.resolve("x").toString());
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("127.0.0.1:1").contains("--hosts");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void unknownNamespaceAndUnknownSetAreNamed() {
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "nosuch", "--to",
                temp.resolve("a").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("namespace 'nosuch' not found").contains("test");
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--set", "never_written_set",
                "--to", temp.resolve("b").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("set 'never_written_set' not found");
        assertThat(temp.resolve("a")).doesNotExist();
        assertThat(temp.resolve("b")).doesNotExist();
    }

    @Test
    void aNonEmptyForeignDestinationOrAFileIsRefused() throws IOException {
        Path foreign = Files.createDirectories(temp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "someone else's");
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--to", foreign.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not empty").contains("--to");
        Path file = Files.writeString(temp.resolve("plain-file"), "x");
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--to", file.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is a file");
        assertThat(manifests(temp)).isEmpty();
        assertThat(foreign.resolve("test")).doesNotExist();
    }

    @Test
    void malformedOptionsNameTheOption() {
        String to = temp.resolve("m").toString();
        assertThat(run("backup", "--hosts", "nocolon", "--namespace", "test", "--to", to)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--hosts entry 'nocolon'");
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--to", to,
                "--modified-after", "2026-11-25 02:00")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--modified-after").contains("ISO-8601");
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--to", to,
                "--partitions", "4000-5000")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--partitions");
        assertThat(run("backup", "--hosts", CLUSTER.hosts(), "--namespace", "test", "--to", to,
                "--filter-exp", "%%%")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--filter-exp");
        assertThat(temp.resolve("m")).doesNotExist();
    }

    private static List<Path> manifests(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("manifest.json")).toList();
        }
    }
}
