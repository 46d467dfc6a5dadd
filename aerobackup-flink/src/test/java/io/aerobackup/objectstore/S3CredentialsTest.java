package io.aerobackup.objectstore;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which credentials the S3 file system gets: config.yaml first, then the environment, then a credentials file. */
class S3CredentialsTest {
    @TempDir
    Path temp;

    private static final Map<String, String> ENVIRONMENT = Map.of("AWS_ACCESS_KEY_ID", "env-id",
            "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_SESSION_TOKEN", "env-token");

    @Test
    void theEnvironmentsCredentialsReachTheFileSystem() {
        Configuration config = new Configuration();
        S3Credentials.addTo(config, ENVIRONMENT);
        assertThat(config.toMap()).containsEntry(S3Credentials.ACCESS_KEY, "env-id")
                .containsEntry(S3Credentials.SECRET_KEY, "env-secret")
                .containsEntry(S3Credentials.SESSION_TOKEN, "env-token");
    }

    @Test
    void keysInTheConfigurationWinOverTheEnvironment() {
        Configuration config = new Configuration();
        config.setString("fs.s3a.access.key", "file-id");
        S3Credentials.addTo(config, ENVIRONMENT);
        assertThat(config.toMap()).doesNotContainKey(S3Credentials.ACCESS_KEY).doesNotContainKey(S3Credentials.SECRET_KEY);
    }

    @Test
    void theCredentialsFileJoinsTheChainOnlyWhenItExists() throws IOException {
        Configuration without = new Configuration();
        S3Credentials.addTo(without, Map.of(S3Credentials.CREDENTIALS_FILE_VARIABLE, temp.resolve("none").toString()));
        assertThat(without.toMap().get(S3Credentials.PROVIDERS)).doesNotContain("ProfileCredentialsProvider")
                .endsWith("IAMInstanceCredentialsProvider");

        Path file = Files.writeString(temp.resolve("credentials"), "[default]\n");
        Configuration with = new Configuration();
        S3Credentials.addTo(with, Map.of(S3Credentials.CREDENTIALS_FILE_VARIABLE, file.toString()));
        assertThat(with.toMap().get(S3Credentials.PROVIDERS))
                .contains("EnvironmentVariableCredentialsProvider,com.amazonaws.auth.profile.ProfileCredentialsProvider,");
    }

    @Test
    void aConfiguredProviderChainIsKept() {
        Configuration config = new Configuration();
        config.setString("s3.aws.credentials.provider", "my.Provider");
        S3Credentials.addTo(config, Map.of());
        assertThat(config.toMap()).containsEntry(S3Credentials.PROVIDERS, "my.Provider");
    }
}
