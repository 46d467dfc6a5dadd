package io.aerobackup.execution;

import com.aerospike.client.AerospikeException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

/** A job that failed on a refused login, a refused certificate or an unreadable secret: bad input, named. */
class FailureCausesSecurityTest {
    private static final String HOSTS = "10.0.0.5:4333";

    @Test
    void aRefusedLoginWhileTheJobRanIsBadInputNamingTheHosts() {
        FailureCauses.Explanation e = FailureCauses.explain(new RuntimeException("Job execution failed",
                new RuntimeException("login to Aerospike at " + HOSTS + " refused for user 'backup': Invalid"
                        + " password (result code 62)")), HOSTS, "/backups");
        assertThat(e.badInput()).isTrue();
        assertThat(e.line()).startsWith("login to Aerospike at " + HOSTS + " refused");
    }

    @Test
    void theClientsOwnWordsForAnExpiredSessionAreRecognized() {
        FailureCauses.Explanation e = FailureCauses.explain(new RuntimeException("fetcher failed",
                new AerospikeException(66, "Authentication failed")), HOSTS, null);
        assertThat(e.badInput()).isTrue();
        assertThat(e.line()).contains("the cluster at " + HOSTS + " refused the login")
                .contains("session expired");
    }

    @Test
    void aTlsHandshakeFailureIsBadInputWithAHint() {
        FailureCauses.Explanation e = FailureCauses.explain(new RuntimeException("reader failed",
                new SSLHandshakeException("PKIX path building failed")), HOSTS, null);
        assertThat(e.badInput()).isTrue();
        assertThat(e.line()).startsWith("TLS connection to the cluster at " + HOSTS);
        assertThat(e.hint()).contains("--tls-cafile");
    }

    @Test
    void anUnreadablePasswordFileIsNotMistakenForAMissingDestination() {
        FailureCauses.Explanation e = FailureCauses.explain(new IllegalArgumentException(
                "--password-file /run/secrets/pw cannot be read: NoSuchFileException",
                new NoSuchFileException("/run/secrets/pw")), HOSTS, "/backups");
        assertThat(e.badInput()).isTrue();
        assertThat(e.line()).contains("--password-file /run/secrets/pw");
        assertThat(e.hint()).contains("TaskManager");
    }

    @Test
    void otherFailuresStayRunFailures() {
        FailureCauses.Explanation e = FailureCauses.explain(new AerospikeException(9, "timeout"), HOSTS, null);
        assertThat(e.badInput()).isFalse();
    }
}
