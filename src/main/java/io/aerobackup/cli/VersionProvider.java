package io.aerobackup.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The version shown by {@code aerobackup --version}: the jar manifest's Implementation-Version
 * when present, else the {@code pom.properties} that Maven packs into the jar.
 */
public final class VersionProvider implements IVersionProvider {

    static final String UNKNOWN = "(development build)";

    private static final String POM_PROPERTIES =
            "/META-INF/maven/io.aerobackup/aerobackup/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "aerobackup " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** The aerobackup version, or {@link #UNKNOWN} when running from compiled classes. */
    public static String version() {
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                String fromPom = pom.getProperty("version");
                if (fromPom != null && !fromPom.isBlank()) {
                    return fromPom;
                }
            }
        } catch (IOException e) {
            // Unreadable descriptor: fall through to UNKNOWN rather than fail --version.
        }
        return UNKNOWN;
    }
}
