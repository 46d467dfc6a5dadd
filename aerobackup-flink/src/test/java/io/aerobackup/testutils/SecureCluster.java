package io.aerobackup.testutils;

import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.TlsPolicy;
import io.aerobackup.cluster.TlsContexts;
import io.aerobackup.embedded.security.SecurityConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * An embedded cluster with TLS and login for the security tests: certificates made for the run, the
 * nodes' TLS name, a read-write user with a random password (the secret the tests look for), a
 * read-only user, and the command-line options that reach it.
 */
public final class SecureCluster {
    public static final String TLS_NAME = "aerospike.test";
    public static final String USER = "backup";
    public static final String READER = "reader";

    private final Path dir;
    private final TestCertificates certificates;
    /** The password the tests search for: random, so it cannot occur anywhere by chance. */
    private final String password = "Sekr1t-" + UUID.randomUUID().toString().replace("-", "");
    private final Path passwordFile;
    private final AerospikeTestCluster cluster;

    public SecureCluster(int nodes) {
        try {
            dir = Files.createTempDirectory("aerobackup-tls");
            certificates = TestCertificates.create(dir.resolve("certs"));
            passwordFile = dir.resolve("password.txt");
            Files.writeString(passwordFile, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SecurityConfig security = new SecurityConfig().user(USER, password, List.of("read-write"))
                .user(READER, "reader-" + password, List.of("read"));
        cluster = AerospikeTestCluster.secured(nodes, b -> b.tls(certificates.serverTls(TLS_NAME, false))
                .security(security), this::clientPolicy);
    }

    /** The fixture to register as a JUnit extension. */
    public AerospikeTestCluster cluster() {
        return cluster;
    }

    public String password() {
        return password;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /** A file holding {@code text} (a wrong password, say). */
    public Path file(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options that reach the cluster with TLS and the user's password file. */
    public List<String> options() {
        return List.of("--hosts", cluster.hosts(), "--tls-enable", "--tls-name", TLS_NAME, "--tls-cafile",
                certificates.caFile().toString(), "--user", USER, "--password-file", passwordFile.toString());
    }

    private ClientPolicy clientPolicy() {
        ClientPolicy policy = new ClientPolicy();
        policy.tlsPolicy = new TlsPolicy();
        policy.tlsPolicy.context = TlsContexts.create(certificates.caFile().toString(), null, null);
        policy.tlsPolicy.protocols = new String[] {"TLSv1.2", "TLSv1.3"};
        policy.user = USER;
        policy.password = password;
        return policy;
    }
}
