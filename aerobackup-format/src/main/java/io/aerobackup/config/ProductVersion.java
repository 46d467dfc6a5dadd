package io.aerobackup.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The aerobackup version written into manifests and shown by {@code aerobackup --version}: the jar
 * manifest's Implementation-Version when present, else the {@code pom.properties} that Maven packs
 * into the jar.
 */
public final class ProductVersion {

    /** What {@link #version()} returns when running from compiled classes. */
    public static final String UNKNOWN = "(development build)";

    private static final String POM_PROPERTIES = "/META-INF/maven/io.aerobackup/aerobackup-format/pom.properties";

    private ProductVersion() {
    }

    /** The aerobackup version, or {@link #UNKNOWN} when running from compiled classes. */
    public static String version() {
        String fromManifest = ProductVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = ProductVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                String fromPom = pom.getProperty("version");
                if (fromPom != null && !fromPom.isBlank()) {
                    return fromPom;
                }
            }
        } catch (IOException e) {
            // Unreadable descriptor: fall through to UNKNOWN rather than fail --version or a backup.
        }
        return UNKNOWN;
    }
}
