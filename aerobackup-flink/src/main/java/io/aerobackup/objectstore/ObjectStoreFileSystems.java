package io.aerobackup.objectstore;

import io.aerobackup.execution.BadInputException;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginManager;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets up Flink's file systems for a local run, as a Flink cluster process does at start:
 * {@code FileSystem.initialize} with the run's Flink configuration (s3.endpoint,
 * s3.path.style.access, ...), the credentials of the environment, and the file system plugins.
 * Must run before anything touches a path: Flink keeps the file systems it creates.
 */
public final class ObjectStoreFileSystems {
    /**
     * The AWS SDK 1.x inside the S3 plugin prints a maintenance-mode notice to stderr whenever it starts;
     * it is noise to someone running a backup (the SDK is the plugin's, not aerobackup's choice).
     */
    private static final String SDK_NOTICE_PROPERTY = "aws.java.v1.disableDeprecationAnnouncement";

    /**
     * One plugin manager per folder and process: it keeps each plugin's class loader, so a second run in
     * the same JVM (tests, an embedding program) does not load the plugin's classes again.
     */
    private static final Map<Path, PluginManager> PLUGIN_MANAGERS = new ConcurrentHashMap<>();

    private ObjectStoreFileSystems() {
    }

    /**
     * @param withPlugins load the plugins (the S3 file system): only when the run uses an object store,
     *                    since opening the plugin and its class loader costs start-up time otherwise wasted
     */
    public static void initialize(Configuration flinkConfig, Map<String, String> environment, boolean withPlugins) {
        Configuration fsConfig = new Configuration(flinkConfig);
        PluginManager plugins = null;
        if (withPlugins) {
            S3Credentials.addTo(fsConfig, environment);
            System.getProperties().putIfAbsent(SDK_NOTICE_PROPERTY, "true");
            plugins = PluginFolder.locate(environment).map(folder -> PLUGIN_MANAGERS.computeIfAbsent(
                    folder.toAbsolutePath().normalize(), key -> pluginManager(key, fsConfig))).orElse(null);
        }
        FileSystem.initialize(fsConfig, plugins);
    }

    /** Where the plugins were looked for, for an error message. */
    public static String pluginFolder(Map<String, String> environment) {
        return PluginFolder.describe(environment);
    }

    private static PluginManager pluginManager(Path folder, Configuration config) {
        try {
            return new DefaultPluginManager(new DirectoryBasedPluginFinder(folder).findPlugins(),
                    CoreOptions.getPluginParentFirstLoaderPatterns(config));
        } catch (IOException e) {
            throw new BadInputException("cannot read the Flink plugins folder " + folder + " (" + e.getMessage()
                    + "): fix or unset FLINK_PLUGINS_DIR", e);
        }
    }
}
