package io.aerobackup.cli;

import io.aerobackup.config.ProductVersion;
import picocli.CommandLine.IVersionProvider;

/** The text of {@code aerobackup --version}: the {@link ProductVersion} and the Java running it. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "aerobackup " + ProductVersion.version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
