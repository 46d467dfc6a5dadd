package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.AuthMode;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.TlsPolicy;
import io.aerobackup.cluster.TlsContexts;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.testutils.SecureCluster;
import io.aerobackup.testutils.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server's TLS and security as the real client meets them: login, authentication of
 * every new connection (discovered peers included), session expiry and renewal, roles, and the
 * refusals a real Enterprise server gives.
 */
class SecurityITCase {
    private static final SecureCluster SECURE = new SecureCluster(2);

    @RegisterExtension
    static final io.aerobackup.testutils.AerospikeTestCluster CLUSTER = SECURE.cluster();

    private ClientPolicy policy(String user, String password) {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 3000;
        policy.failIfNotConnected = true;
        policy.tlsPolicy = new TlsPolicy();
        policy.tlsPolicy.context = TlsContexts.create(SECURE.certificates().caFile().toString(), null, null);
        policy.user = user;
        policy.password = password;
        return policy;
    }

    private Host seed() {
        EmbeddedAerospike server = CLUSTER.embedded();
        return new Host("127.0.0.1", server.tlsName(), server.nodes().get(0).port());
    }

    @Test
    void aLoggedInClientOverTlsFindsEveryNodeAndReadsAndWrites() {
        try (AerospikeClient client = new AerospikeClient(policy(SecureCluster.USER, SECURE.password()), seed())) {
            assertThat(client.getNodes()).hasSize(2);
            Key key = new Key("test", "sec", 1);
            client.put(null, key, new Bin("a", 7));
            Record record = client.get(null, key);
            assertThat(record.getInt("a")).isEqualTo(7);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtLogin() {
        assertThatThrownBy(() -> new AerospikeClient(policy(SecureCluster.USER, "wrong"), seed()).close())
                .isInstanceOf(AerospikeException.class)
                .hasMessageContaining(String.valueOf(ResultCode.INVALID_PASSWORD));
    }

    @Test
    void anUnknownUserIsRefusedAtLogin() {
        assertThatThrownBy(() -> new AerospikeClient(policy("nobody", "x"), seed()).close())
                .isInstanceOf(AerospikeException.class)
                .hasMessageContaining(String.valueOf(ResultCode.INVALID_USER));
    }

    @Test
    void aClientWithoutTlsCannotConnect() {
        ClientPolicy plain = new ClientPolicy();
        plain.timeout = 2000;
        Host seed = seed();
        assertThatThrownBy(() -> new AerospikeClient(plain, new Host(seed.name, seed.port)).close())
                .isInstanceOf(AerospikeException.class);
    }

    @Test
    void aServerCertificateFromAnotherCaIsNotTrusted() {
        ClientPolicy policy = policy(SecureCluster.USER, SECURE.password());
        policy.tlsPolicy.context = TlsContexts.create(SECURE.certificates().otherCaFile().toString(), null, null);
        assertThatThrownBy(() -> new AerospikeClient(policy, seed()).close())
                .isInstanceOf(AerospikeException.class); // the client keeps only "Connection failed" of the seed
    }

    @Test
    void aReadOnlyUserMayReadButNotWrite() {
        try (AerospikeClient writer = new AerospikeClient(policy(SecureCluster.USER, SECURE.password()), seed());
             AerospikeClient reader = new AerospikeClient(policy(SecureCluster.READER, "reader-" + SECURE.password()),
                     seed())) {
            Key key = new Key("test", "sec", 2);
            writer.put(null, key, new Bin("a", 1));
            assertThat(reader.get(null, key).getInt("a")).isEqualTo(1);
            assertThatThrownBy(() -> reader.put(null, key, new Bin("a", 2)))
                    .isInstanceOfSatisfying(AerospikeException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.ROLE_VIOLATION));
        }
    }

    @Test
    void expiredSessionsAreRenewedByLoggingInAgain() throws Exception {
        try (AerospikeClient client = new AerospikeClient(policy(SecureCluster.USER, SECURE.password()), seed())) {
            Key key = new Key("test", "sec", 3);
            client.put(null, key, new Bin("a", 1));
            CLUSTER.embedded().expireSessions();
            CLUSTER.embedded().dropConnections();
            long deadline = System.currentTimeMillis() + 10_000;
            Record record = null;
            while (record == null && System.currentTimeMillis() < deadline) {
                try {
                    record = client.get(null, key);
                } catch (AerospikeException e) {
                    Thread.sleep(100); // the next tend logs in again
                }
            }
            assertThat(record).isNotNull();
        }
    }

    @Test
    void pkiLogsInAsTheClientCertificatesName() {
        TestCertificates.Issued cert = SECURE.certificates().leaf("pki-client", SecureCluster.USER);
        ClientPolicy policy = policy(null, null);
        policy.authMode = AuthMode.PKI;
        policy.tlsPolicy.context = TlsContexts.create(SECURE.certificates().caFile().toString(),
                cert.certFile().toString(), cert.keyFile().toString());
        try (AerospikeClient client = new AerospikeClient(policy, seed())) {
            client.put(null, new Key("test", "sec", 4), new Bin("a", 1));
        }
    }

    @Test
    void unusedSecurityCommandsAreRefused() {
        try (AerospikeClient client = new AerospikeClient(policy(SecureCluster.USER, SECURE.password()), seed())) {
            assertThatThrownBy(() -> client.queryUsers(null))
                    .isInstanceOfSatisfying(AerospikeException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_COMMAND));
        }
    }
}
