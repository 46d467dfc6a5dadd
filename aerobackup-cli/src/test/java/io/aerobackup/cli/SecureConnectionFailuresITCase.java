package io.aerobackup.cli;

import io.aerobackup.demo.SampleData;
import io.aerobackup.embedded.security.SecurityConfig;
import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.SecretSearch;
import io.aerobackup.testutils.SecureCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused logins and refused TLS: each ends the run with exit code 2, a message naming the hosts and
 * the cause, within a bounded time, nothing committed, and no password in the output.
 */
class SecureConnectionFailuresITCase {
    private static final SecureCluster SECURE = new SecureCluster(1);

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

    /** The backup command with the working options, {@code replace}d where given (flag, value) pairs say. */
    private List<String> backup(String to, String... replace) {
        List<String> args = new ArrayList<>(List.of("backup"));
        args.addAll(SECURE.options());
        for (int i = 0; i < replace.length; i += 2) {
            int at = args.indexOf(replace[i]);
            if (replace[i].equals("--tls-enable")) {
                args.remove(at); // a flag without a value
            } else if (replace[i + 1] == null) {
                args.remove(at + 1);
                args.remove(at);
            } else if (at < 0) {
                args.add(replace[i]);
                args.add(replace[i + 1]);
            } else {
                args.set(at + 1, replace[i + 1]);
            }
        }
        args.addAll(List.of("--namespace", "test", "--to", temp.resolve(to).toString(), "--connect-timeout", "3000"));
        return args;
    }

    private void assertRefused(int exit, long startNanos, String... mentions) {
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(CLUSTER.hosts()).contains(mentions).doesNotContain(SECURE.password());
        assertThat(out.toString()).doesNotContain(SECURE.password());
        assertThat((System.nanoTime() - startNanos) / 1e9).as("fails fast").isLessThan(30);
        assertThat(SecretSearch.files(temp)).doesNotContain("manifest.json");
    }

    @Test
    void aWrongPasswordIsRefusedWithExitTwo() {
        String wrong = "wrong-" + SECURE.password().substring(7, 15);
        Path file = SECURE.file("wrong.txt", wrong);
        long start = System.nanoTime();
        int exit = run(backup("a", "--password-file", file.toString()));
        assertRefused(exit, start, "login", "refused", "user 'backup'", "Invalid password", file.toString());
        assertThat(err.toString()).doesNotContain(wrong);
    }

    @Test
    void anUnknownUserIsRefusedWithExitTwo() {
        long start = System.nanoTime();
        assertRefused(run(backup("b", "--user", "nobody")), start, "login", "user 'nobody'", "Invalid user");
    }

    @Test
    void aServerCertificateFromAnUntrustedCaIsRefusedWithExitTwo() {
        long start = System.nanoTime();
        int exit = run(backup("c", "--tls-cafile", SECURE.certificates().otherCaFile().toString()));
        assertRefused(exit, start, "TLS connection", "not trusted", "--tls-cafile");
    }

    @Test
    void aTlsNameTheCertificateDoesNotCarryIsNamed() {
        long start = System.nanoTime();
        assertRefused(run(backup("d", "--tls-name", "other.name")), start, "TLS", "other.name", "--tls-name");
    }

    @Test
    void withoutTlsTheRunSaysTheClusterMayExpectIt() {
        long start = System.nanoTime();
        List<String> args = backup("e", "--tls-enable", null, "--tls-name", null, "--tls-cafile", null);
        assertRefused(run(args), start, "cannot connect", "--tls-enable");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithoutRepeatingIt() {
        String typed = "cmdline-" + SECURE.password().substring(7, 15);
        List<String> args = backup("f", "--password-file", null);
        args.add("--password=" + typed);
        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        args.set(args.size() - 1, "--password");
        args.add(typed);
        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--password takes no value").doesNotContain(typed);
    }

    @Test
    void aMissingPasswordFileIsNamed() {
        String missing = temp.resolve("no-such-file").toString();
        assertThat(run(backup("g", "--password-file", missing))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--password-file " + missing);
    }

    @Test
    void withoutATerminalAUserWithoutPasswordSourceIsTold() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AEROSPIKE_PASSWORD") == null);
        var before = PasswordPrompt.terminal;
        PasswordPrompt.terminal = prompt -> null;
        try {
            assertThat(run(backup("h", "--password-file", null))).isEqualTo(ExitCodes.USAGE);
        } finally {
            PasswordPrompt.terminal = before;
        }
        assertThat(err.toString()).contains("no terminal").contains("--password-file").contains("--password-env");
    }

    /**
     * The sessions expire while the backup runs and the password was changed meanwhile: the clients
     * cannot log in again, and the run ends with exit code 2 naming the login, not a hang.
     */
    @Test
    void anExpiredSessionThatCannotBeRenewedEndsTheRunWithExitTwo() throws Exception {
        String set = AerospikeTestCluster.uniqueSet("expire");
        SampleData.load(CLUSTER.client(), "test", List.of(set), 400, 5);
        List<String> args = backup("i", "--set", set, "--records-per-second", "40", "--parallelism", "1",
                "--restart-attempts", "1", "--restart-delay", "0.5");
        long start = System.nanoTime();
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> run(args));
        SecurityConfig security = CLUSTER.embedded().security();
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (CLUSTER.embedded().openScans() == 0 && !running.isDone()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(running).as("the backup is still scanning: " + err).isNotDone();
            security.user(SecureCluster.USER, "rotated-" + SECURE.password(), List.of("read-write"));
            CLUSTER.embedded().expireSessions();
            CLUSTER.embedded().dropConnections();
            int exit = running.get(90, TimeUnit.SECONDS);
            assertRefused(exit, start, "login to Aerospike", "refused", "user 'backup'", "Invalid password");
            String rest = SecretSearch.rest(FLINK.getClientConfiguration());
            assertThat(rest).as("the job's failure as Flink's REST API shows it").contains("login to Aerospike")
                    .doesNotContain(SECURE.password());
        } finally {
            security.user(SecureCluster.USER, SECURE.password(), List.of("read-write"));
        }
    }
}
