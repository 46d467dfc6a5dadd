package io.aerobackup.job;

import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flink run ... ReplicateJob} refuses bad input before a job starts, with the usage exit code
 * and a message that names what is wrong: a namespace missing on either cluster, a destination that
 * does not answer.
 */
class ReplicateJobPreflightITCase {
    @RegisterExtension
    static final AerospikeTestCluster SOURCE = AerospikeTestCluster.create();

    private static EmbeddedAerospike destination;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeAll
    static void startDestination() {
        destination = EmbeddedAerospike.builder().namespaces(java.util.List.of("standby")).build().start();
    }

    @AfterAll
    static void stopDestination() {
        destination.close();
    }

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNamespaceMissingOnTheDestinationIsNamed() throws Exception {
        int code = ReplicateJob.run("--hosts", SOURCE.hosts(), "--namespace", "test,nope", "--to-hosts",
                destination.hosts());
        assertThat(code).isEqualTo(EntryPoint.USAGE);
        assertThat(errors()).contains("target namespace 'nope' not found; the cluster has standby");
    }

    @Test
    void aNamespaceMissingOnTheSourceIsNamed() throws Exception {
        int code = ReplicateJob.run("--hosts", SOURCE.hosts(), "--namespace", "nope,standby", "--to-hosts",
                destination.hosts());
        assertThat(code).isEqualTo(EntryPoint.USAGE);
        assertThat(errors()).contains("namespace 'nope' not found");
    }

    @Test
    void anUnreachableDestinationIsNamed() throws Exception {
        int code = ReplicateJob.run("--hosts", SOURCE.hosts(), "--namespace", "test,standby", "--to-hosts",
                "127.0.0.1:1", "--to-connect-timeout", "500");
        assertThat(code).isEqualTo(EntryPoint.USAGE);
        assertThat(errors()).contains("ReplicateJob: --to-hosts: ");
    }
}
