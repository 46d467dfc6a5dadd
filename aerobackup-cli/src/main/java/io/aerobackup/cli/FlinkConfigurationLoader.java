package io.aerobackup.cli;

import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Flink configuration of a command-line run, read as Flink itself reads it: {@code config.yaml}
 * in the folder named by {@code FLINK_CONF_DIR} (the launcher points it at the project's
 * {@code conf/} unless it is set), then {@code -D key=value} options, which win. Used as a picocli
 * mixin of the root command; its option is inherited, so {@code aerobackup backup -Ds3.endpoint=...}
 * works on every subcommand.
 */
public final class FlinkConfigurationLoader {
    /**
     * Parts of a key that mark a secret. Command-line arguments are visible to every user of the
     * machine (process list) and end up in shell history and orchestrator logs, so secrets must come
     * from the environment, a credentials file or config.yaml.
     */
    private static final List<String> SECRET_KEY_PARTS = List.of("access-key", "access.key", "secret", "password",
            "session-token", "session.token");

    @Option(names = "-D", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT, description = "A Flink configuration"
            + " option, e.g. -Ds3.endpoint=http://minio:9000 -Ds3.path.style.access=true; wins over config.yaml in"
            + " FLINK_CONF_DIR. Credentials are refused here: use AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a"
            + " credentials file.")
    Map<String, String> dynamicProperties = new LinkedHashMap<>();

    /** What {@link #load} read for this run; the commands that start a local cluster use it. */
    private Configuration loaded;

    /**
     * The configuration for this run. An IllegalArgumentException (exit code 2) names a secret given
     * with -D or a FLINK_CONF_DIR that does not exist.
     */
    public Configuration load(Map<String, String> environment) {
        Configuration dynamic = dynamicConfiguration();
        String confDir = environment.get(ConfigConstants.ENV_FLINK_CONF_DIR);
        if (confDir == null || confDir.isBlank()) {
            loaded = dynamic;
        } else if (!new File(confDir).isDirectory()) {
            throw new IllegalArgumentException(ConfigConstants.ENV_FLINK_CONF_DIR + " names " + confDir
                    + ", which is not a folder; point it at the folder holding config.yaml or unset it");
        } else {
            loaded = GlobalConfiguration.loadConfiguration(confDir, dynamic);
        }
        return loaded;
    }

    /**
     * The run's configuration as {@link #load} read it before the command ran (a command run
     * without the command line's execution strategy, as some tests do, gets its -D options alone).
     */
    public Configuration loaded() {
        return loaded != null ? loaded : dynamicConfiguration();
    }

    private Configuration dynamicConfiguration() {
        for (String key : dynamicProperties.keySet()) {
            if (isSecret(key)) {
                throw new IllegalArgumentException("-D" + key + ": credentials are not taken from the command line,"
                        + " where other users and logs can see them; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                        + " use a credentials file (~/.aws/credentials), or put the key in config.yaml");
            }
        }
        return Configuration.fromMap(dynamicProperties);
    }

    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY_PARTS.stream().anyMatch(lower::contains);
    }
}
