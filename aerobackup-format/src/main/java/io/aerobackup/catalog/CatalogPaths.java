package io.aerobackup.catalog;

import org.apache.flink.core.fs.Path;

/** The catalog layout: {@code <root>/<namespace>/<backupId>/manifest.json} and {@code .../data/*.parquet}. */
public final class CatalogPaths {
    public static final String MANIFEST = "manifest.json";
    public static final String DATA = "data";
    /** Marks a folder as an aerobackup catalog, so a backup never writes into someone else's folder. */
    public static final String MARKER = "aerobackup-catalog.json";

    private CatalogPaths() {
    }

    public static Path namespaceDir(Path root, String namespace) {
        return new Path(root, namespace);
    }

    public static Path backupDir(Path root, String namespace, String backupId) {
        return new Path(namespaceDir(root, namespace), backupId);
    }

    public static Path dataDir(Path root, String namespace, String backupId) {
        return new Path(backupDir(root, namespace, backupId), DATA);
    }

    public static Path manifest(Path root, String namespace, String backupId) {
        return new Path(backupDir(root, namespace, backupId), MANIFEST);
    }

    public static Path marker(Path root) {
        return new Path(root, MARKER);
    }
}
