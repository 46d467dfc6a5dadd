package io.aerobackup.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.GlobalConfiguration;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flink settings for the local mini-cluster of a command, as {@code flink run} takes them on a
 * cluster: the {@code config.yaml} in {@code $FLINK_CONF_DIR} (when set), then each {@code -D
 * key=value}, which wins. Cluster-level keys such as metric reporters only take effect here, since
 * the local run starts its own cluster.
 */
public final class FlinkConfigMixin {
    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = {"A Flink setting for the local run, repeatable, e.g. -D metrics.reporter.prom.port=9249;"
                + " wins over the config.yaml in $FLINK_CONF_DIR. See conf/prometheus.yaml."})
    Map<String, String> properties = new LinkedHashMap<>();

    /** The settings; an IllegalArgumentException names a FLINK_CONF_DIR that is not a folder. */
    public Configuration configuration() {
        Configuration dynamic = Configuration.fromMap(properties);
        String dir = System.getenv(ConfigConstants.ENV_FLINK_CONF_DIR);
        if (dir == null || dir.isBlank()) {
            return dynamic;
        }
        if (!Files.isDirectory(Path.of(dir))) {
            throw new IllegalArgumentException(ConfigConstants.ENV_FLINK_CONF_DIR + " is not a folder: " + dir);
        }
        return GlobalConfiguration.loadConfiguration(dir, dynamic);
    }
}
