package io.aerobackup.job;

import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.AfterEach;
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

    @RegisterExtension
    static final AerospikeTestCluster DESTINATION = AerospikeTestCluster.standby(1, "standby");

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    /** Runs the entry point: it must refuse with the usage code and say {@code expected} on standard error. */
    private void assertRefused(String expected, String... args) throws Exception {
        assertThat(ReplicateJob.run(args)).isEqualTo(EntryPoint.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(expected);
    }

    @Test
    void aNamespaceMissingOnTheDestinationIsNamed() throws Exception {
        assertRefused("target namespace 'nope' not found; the cluster has standby", "--hosts", SOURCE.hosts(),
                "--namespace", "test,nope", "--to-hosts", DESTINATION.hosts());
    }

    @Test
    void aNamespaceMissingOnTheSourceIsNamed() throws Exception {
        assertRefused("namespace 'nope' not found", "--hosts", SOURCE.hosts(), "--namespace", "nope,standby",
                "--to-hosts", DESTINATION.hosts());
    }

    @Test
    void anUnreachableDestinationIsNamed() throws Exception {
        assertRefused("ReplicateJob: --to-hosts: ", "--hosts", SOURCE.hosts(), "--namespace", "test,standby",
                "--to-hosts", "127.0.0.1:1", "--to-connect-timeout", "500");
    }
}
