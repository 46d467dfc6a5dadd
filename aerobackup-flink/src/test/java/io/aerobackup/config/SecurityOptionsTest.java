package io.aerobackup.config;

import com.aerospike.client.Host;
import com.aerospike.client.policy.AuthMode;
import io.aerobackup.cluster.Passwords;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS and login options as a job reads them: defaults, the rules between them, and no secret inside. */
class SecurityOptionsTest {
    @TempDir
    Path temp;

    private static SecurityOptions of(Map<String, String> values) {
        return SecurityOptions.from(Configuration.fromMap(values));
    }

    @Test
    void nothingGivenIsAPlainConnection() {
        SecurityOptions none = of(Map.of());
        assertThat(none.tls()).isFalse();
        assertThat(none.login()).isFalse();
        assertThat(none.password()).isNull();
        assertThat(none.authMode()).isEqualTo(AuthMode.INTERNAL);
    }

    @Test
    void aUserWithoutAPasswordSourceReadsAerospikePassword() {
        SecurityOptions user = of(Map.of("user", "u"));
        assertThat(user.password()).isEqualTo(SecurityOptions.PasswordSource.environment("AEROSPIKE_PASSWORD"));
        assertThat(of(Map.of("user", "u", "password-env", "PW")).password().location()).isEqualTo("PW");
        assertThat(of(Map.of("user", "u", "password-file", "/run/pw")).password().describe())
                .isEqualTo("--password-file /run/pw");
    }

    @Test
    void anyTlsDetailTurnsTlsOnAndProtocolsAreChecked() {
        assertThat(of(Map.of("tls-cafile", "/ca.pem")).tls()).isTrue();
        assertThat(of(Map.of("tls-enable", "true", "tls-protocols", "+TLSv1.3 +TLSv1.2")).protocols())
                .containsExactly("TLSv1.3", "TLSv1.2");
        assertThatThrownBy(() -> of(Map.of("tls-enable", "true", "tls-protocols", "SSLv3")))
                .hasMessageContaining("--tls-protocols").hasMessageContaining("SSLv3");
    }

    @Test
    void optionsThatDoNotFitTogetherAreNamed() {
        assertThatThrownBy(() -> of(Map.of("tls-certfile", "/c.pem"))).hasMessageContaining("--tls-keyfile");
        assertThatThrownBy(() -> of(Map.of("auth", "PKI", "tls-enable", "true")))
                .hasMessageContaining("--tls-certfile");
        assertThatThrownBy(() -> of(Map.of("auth", "PKI", "user", "u", "tls-certfile", "/c", "tls-keyfile", "/k")))
                .hasMessageContaining("leave out --user");
        assertThatThrownBy(() -> of(Map.of("auth", "EXTERNAL", "user", "u"))).hasMessageContaining("--tls-enable");
        assertThatThrownBy(() -> of(Map.of("password-file", "/pw"))).hasMessageContaining("needs --user");
        assertThatThrownBy(() -> of(Map.of("user", "u", "password-file", "/pw", "password-env", "X")))
                .hasMessageContaining("one of");
    }

    @Test
    void hostsTakeTheTlsNameOrTheirOwn() {
        SecurityOptions tls = of(Map.of("tls-enable", "true", "tls-name", "db.example"));
        Host[] hosts = new ConnectionOptions("10.0.0.1:4333,10.0.0.2:other:4333", Duration.ofSeconds(1), tls)
                .parsedHosts();
        assertThat(hosts[0].tlsName).isEqualTo("db.example");
        assertThat(hosts[1].tlsName).isEqualTo("other");
        Host[] own = new ConnectionOptions("db1.example:4333", Duration.ofSeconds(1),
                of(Map.of("tls-enable", "true"))).parsedHosts();
        assertThat(own[0].tlsName).isEqualTo("db1.example");
        assertThat(new ConnectionOptions("h:3000", Duration.ofSeconds(1)).parsedHosts()[0].tlsName).isNull();
    }

    @Test
    void theSerializedOptionsNameThePasswordFileAndHoldNoPassword() throws Exception {
        Path file = Files.writeString(temp.resolve("pw"), "the-Secret-42\n");
        ConnectionOptions options = ConnectionOptions.from(Configuration.fromMap(Map.of("hosts", "h:3000", "user", "u",
                "password-file", file.toString(), "tls-enable", "true")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(options);
        }
        String serialized = bytes.toString(StandardCharsets.ISO_8859_1);
        assertThat(serialized).contains(file.toString()).doesNotContain("the-Secret-42");
        assertThat(Passwords.read(options.security().password())).isEqualTo("the-Secret-42");
    }

    @Test
    void passwordSourcesThatCannotBeReadSayWhereNotWhat() {
        assertThatThrownBy(() -> Passwords.read(SecurityOptions.PasswordSource.file(temp.resolve("none").toString())))
                .hasMessageContaining("--password-file").hasMessageContaining("none");
        assertThatThrownBy(() -> Passwords.read(SecurityOptions.PasswordSource.environment("AEROBACKUP_NO_SUCH_VAR")))
                .hasMessageContaining("AEROBACKUP_NO_SUCH_VAR");
        assertThatThrownBy(() -> Passwords.read(SecurityOptions.PasswordSource.prompted("prompt-unknown")))
                .hasMessageContaining("--password-file or --password-env");
        assertThat(SecurityOptions.OPTIONS).extracting(o -> o.key()).doesNotContain("password")
                .containsAll(List.of("tls-enable", "tls-name", "tls-cafile", "tls-certfile", "tls-keyfile",
                        "tls-protocols", "user", "password-file", "password-env", "auth"));
    }
}
