package io.aerobackup.cli;

import picocli.CommandLine.Option;

/**
 * How backup data files are written, shared by the commands that write them (backup, compact,
 * import-asb). Declarations only: the defaults are {@code ParquetWriteOptions}' ConfigOptions.
 */
public final class ParquetFileOptionsMixin {
    @Option(names = "--compress", paramLabel = "CODEC",
            description = "zstd, snappy, gzip or none (default ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--compression-level", paramLabel = "LEVEL",
            description = "ZSTD level (1-22, default ${DEFAULT-VALUE}: the fastest; higher levels save a few percent"
                    + " of space).")
    Integer compressionLevel;

    @Option(names = "--file-size", paramLabel = "MiB",
            description = "Roll data files at about this size (default ${DEFAULT-VALUE}).")
    long fileSizeMiB;

    @Option(names = "--row-group-size", paramLabel = "MiB",
            description = "Parquet row group size (default ${DEFAULT-VALUE}).")
    int rowGroupMiB;
}
