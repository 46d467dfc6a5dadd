package io.aerobackup.objectstore;

import org.apache.flink.configuration.ConfigConstants;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.Map;
import java.util.Optional;

/**
 * The folder Flink file system plugins are loaded from in local runs: {@code FLINK_PLUGINS_DIR} when set
 * (as Flink does), else {@code plugins/} beside the aerobackup jar or classes folder, i.e. {@code
 * target/plugins}, where the build copies the S3 plugin. Plugins keep their own class loader there, so
 * the plugin's Hadoop and AWS SDK never meet the classpath's.
 */
final class PluginFolder {
    static final String BUNDLED = "plugins";

    private PluginFolder() {
    }

    static Optional<Path> locate(Map<String, String> environment) {
        String configured = environment.get(ConfigConstants.ENV_FLINK_PLUGINS_DIR);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Paths.get(configured));
        }
        return besideThisCode().filter(Files::isDirectory);
    }

    /** Where the user is told the plugin was looked for. */
    static String describe(Map<String, String> environment) {
        String configured = environment.get(ConfigConstants.ENV_FLINK_PLUGINS_DIR);
        if (configured != null && !configured.isBlank()) {
            return configured + " (" + ConfigConstants.ENV_FLINK_PLUGINS_DIR + ")";
        }
        return besideThisCode().map(Path::toString).orElse(BUNDLED);
    }

    private static Optional<Path> besideThisCode() {
        CodeSource source = PluginFolder.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty(); // not loaded from a file (an unusual class loader): FLINK_PLUGINS_DIR only
        }
        try {
            return Optional.ofNullable(Paths.get(source.getLocation().toURI()).getParent())
                    .map(parent -> parent.resolve(BUNDLED));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
