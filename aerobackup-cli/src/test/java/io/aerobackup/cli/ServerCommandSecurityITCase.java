package io.aerobackup.cli;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.SecurityOptions;
import io.aerobackup.testutils.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code aerobackup server} with TLS (mutual) and a user: the product's clients reach it with the same options. */
class ServerCommandSecurityITCase {
    @TempDir
    Path temp;

    @Test
    void theServerCommandServesTlsAndLoginFromPemFilesAndAPasswordFile() throws Exception {
        TestCertificates certs = TestCertificates.create(temp.resolve("certs"));
        TestCertificates.Issued server = certs.leaf("server", "db.test");
        TestCertificates.Issued client = certs.leaf("client", "client.test");
        Path password = Files.writeString(temp.resolve("pw"), "s3rver-pw\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AerobackupCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Thread running = new Thread(() -> cli.execute("server", "--port", "0", "--tls-certfile",
                server.certFile().toString(), "--tls-keyfile", server.keyFile().toString(), "--tls-name", "db.test",
                "--tls-cafile", certs.caFile().toString(), "--user", "admin", "--password-file", password.toString()));
        running.start();
        try {
            long deadline = System.currentTimeMillis() + 20_000;
            Matcher hosts = Pattern.compile("--hosts (\\S+)").matcher("");
            while (!hosts.reset(out.toString()).find() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(out.toString()).as(err.toString()).contains("TLS: on (name db.test, client certificates"
                    + " required); security: on (user admin)").doesNotContain("s3rver-pw");
            SecurityOptions.Builder security = SecurityOptions.builder().tlsName("db.test")
                    .caFile(certs.caFile().toString()).certFile(client.certFile().toString())
                    .keyFile(client.keyFile().toString()).user("admin")
                    .password(SecurityOptions.PasswordSource.file(password.toString()));
            ConnectionOptions options = new ConnectionOptions(hosts.group(1), Duration.ofSeconds(5), security.build());
            try (AerospikeClient aerospike = AerospikeClients.create(options)) {
                aerospike.put(null, new Key("test", "s", 1), new Bin("a", 1));
                assertThat(aerospike.get(null, new Key("test", "s", 1)).getInt("a")).isEqualTo(1);
            }
            TestCertificates.Issued pki = certs.leaf("pki", "admin");
            ConnectionOptions byCertificate = new ConnectionOptions(hosts.group(1), Duration.ofSeconds(5),
                    SecurityOptions.builder().tlsName("db.test").caFile(certs.caFile().toString())
                            .certFile(pki.certFile().toString()).keyFile(pki.keyFile().toString())
                            .authMode(com.aerospike.client.policy.AuthMode.PKI).build());
            try (AerospikeClient aerospike = AerospikeClients.create(byCertificate)) {
                assertThat(aerospike.get(null, new Key("test", "s", 1)).getInt("a")).as("PKI login").isEqualTo(1);
            }
            ConnectionOptions noClientCertificate = new ConnectionOptions(hosts.group(1), Duration.ofSeconds(3),
                    SecurityOptions.builder().tlsName("db.test").caFile(certs.caFile().toString()).user("admin")
                            .password(SecurityOptions.PasswordSource.file(password.toString())).build());
            assertThatThrownBy(() -> AerospikeClients.create(noClientCertificate).close())
                    .hasMessageContaining("TLS connection to Aerospike at " + hosts.group(1));
        } finally {
            running.interrupt();
            running.join(10_000);
        }
    }
}
