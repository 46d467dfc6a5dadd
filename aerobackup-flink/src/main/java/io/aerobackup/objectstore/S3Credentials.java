package io.aerobackup.objectstore;

import org.apache.flink.configuration.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the S3 file system takes its credentials from, in this order: {@code s3.access-key}/{@code
 * s3.secret-key} in config.yaml, the environment ({@code AWS_ACCESS_KEY_ID}, {@code
 * AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), a credentials file ({@code ~/.aws/credentials} or
 * {@code AWS_CREDENTIAL_PROFILES_FILE}; {@code AWS_PROFILE} picks the profile), then the instance's IAM role. Never the
 * command line. The environment is copied into the file system's configuration (and nowhere else) so
 * that the environment the command line was given is the one used, also in tests.
 */
final class S3Credentials {
    static final String ACCESS_KEY = "s3.access-key";
    static final String SECRET_KEY = "s3.secret-key";
    static final String SESSION_TOKEN = "s3.session.token";
    static final String PROVIDERS = "s3.aws.credentials.provider";

    /** The environment variable the plugin's AWS SDK (1.x) reads for another credentials file. */
    static final String CREDENTIALS_FILE_VARIABLE = "AWS_CREDENTIAL_PROFILES_FILE";

    /**
     * Hadoop S3A's default chain (Hadoop 3.3), with the credentials file before the instance role when
     * there is one: the SDK's file provider fails the whole chain when the file is missing, rather than
     * passing on to the next provider.
     */
    private static final List<String> CHAIN_HEAD = List.of("org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
            "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
            "com.amazonaws.auth.EnvironmentVariableCredentialsProvider");
    private static final String FILE_PROVIDER = "com.amazonaws.auth.profile.ProfileCredentialsProvider";
    private static final String INSTANCE_ROLE_PROVIDER = "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider";

    /** Spellings of the same settings that the plugin accepts (s3., s3a., fs.s3a. prefixes; - or .). */
    private static final List<String> PREFIXES = List.of("s3.", "s3a.", "fs.s3a.");

    private S3Credentials() {
    }

    static void addTo(Configuration fsConfig, Map<String, String> environment) {
        Map<String, String> configured = fsConfig.toMap();
        String keyId = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (!isSet(configured, "access-key", "access.key") && notBlank(keyId) && notBlank(secret)) {
            fsConfig.setString(ACCESS_KEY, keyId);
            fsConfig.setString(SECRET_KEY, secret);
            String token = environment.get("AWS_SESSION_TOKEN");
            if (notBlank(token)) {
                fsConfig.setString(SESSION_TOKEN, token);
            }
        }
        if (!isSet(configured, "aws.credentials.provider")) {
            List<String> chain = new ArrayList<>(CHAIN_HEAD);
            if (credentialsFile(environment).isPresent()) {
                chain.add(FILE_PROVIDER);
            }
            chain.add(INSTANCE_ROLE_PROVIDER);
            fsConfig.setString(PROVIDERS, String.join(",", chain));
        }
    }

    /** Where the SDK will look for the credentials file: the variable's file, else ~/.aws/credentials (user.home). */
    static Optional<Path> credentialsFile(Map<String, String> environment) {
        String configured = environment.get(CREDENTIALS_FILE_VARIABLE);
        Path file = notBlank(configured) ? Paths.get(configured)
                : Paths.get(System.getProperty("user.home"), ".aws", "credentials");
        return Files.isReadable(file) ? Optional.of(file) : Optional.empty();
    }

    private static boolean isSet(Map<String, String> configured, String... suffixes) {
        for (String prefix : PREFIXES) {
            for (String suffix : suffixes) {
                if (notBlank(configured.get(prefix + suffix))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
