package io.aerobackup.cli;

import io.aerobackup.config.TimeArguments;
import io.aerobackup.asb.AsbExporter;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.ChainException;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.catalog.RestoreChain;
import io.aerobackup.catalog.BackupVerifier;
import io.aerobackup.catalog.EncryptedBackups;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.restore.RestoreRunner;
import io.aerobackup.execution.BadInputException;
import org.apache.flink.core.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code aerobackup export-asb}: a chain point of the catalog as an .asb file for asrestore. */
@Command(name = "export-asb", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a chain point of the catalog (the latest backup, --backup ID or --time T) as an"
                + " asbackup text file (.asb, version 3.1) that asrestore --directory DIR loads, without a cluster.",
            "Each record is written once, in its newest version, as a restore merges the chain; deleted records are"
                + " left out. UDFs and secondary indexes of the chain point come first (indexes on an expression,"
                + " which .asb cannot express, are skipped and counted). The file is DIR/NS_00000.asb, uncompressed"
                + " unless --compress zstd (then restore it with asrestore --compress zstd)."},
        footer = {"", "Exit codes: 0 success; 1 the export failed; 2 bad input (unknown backup id or namespace,"
                + " the file exists already)."})
public final class ExportAsbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URI", description = "Catalog root.")
    String from;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Namespace to export.")
    String namespace;

    @Option(names = "--backup", paramLabel = "ID", description = "The chain point to export (default: the latest).")
    String backupId;

    @Option(names = "--time", paramLabel = "TIME", description = "Export the latest chain point at or before TIME"
            + " (UTC ISO-8601 or epoch seconds).")
    String time;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Folder to write the .asb file to.")
    java.nio.file.Path to;

    @Option(names = "--compress", paramLabel = "zstd", description = "Compress the file with zstd (default: none).")
    String compress;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Mixin
    EncryptionOptionsMixin encryption;

    @Override
    public Integer call() throws Exception {
        if (backupId != null && time != null) {
            throw new IllegalArgumentException("--backup and --time cannot be used together");
        }
        if (compress != null && !compress.equals("zstd") && !compress.equals("none")) {
            throw new IllegalArgumentException("--compress takes zstd or none, was " + compress);
        }
        Instant at = time == null ? null : TimeArguments.parse("--time", time);
        Catalog catalog = new Catalog(new Path(from));
        RestoreChain chain;
        AsbExporter.Result result;
        try {
            chain = backupId != null ? ChainResolver.resolve(catalog, namespace, backupId)
                    : at != null ? ChainResolver.atTime(catalog, namespace, at) : ChainResolver.latest(catalog, namespace);
            KeyRing keys = encryption.keyRing(spec);
            List<BackupVerifier.Problem> problems = EncryptedBackups.check(catalog, chain.members(), keys);
            if (!problems.isEmpty()) {
                throw new BadInputException("cannot export " + chain.target().backupId() + "; nothing was written: "
                        + RestoreRunner.describe(problems));
            }
            result = AsbExporter.run(catalog, chain, to, "zstd".equals(compress), keys);
        } catch (ChainException | FileAlreadyExistsException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("backupId", chain.target().backupId());
        s.put("namespace", namespace);
        s.put("file", result.file().toString());
        s.put("records", result.records());
        s.put("secondaryIndexes", result.indexes());
        s.put("secondaryIndexesSkipped", result.indexesSkipped());
        s.put("udfs", result.udfs());
        spec.commandLine().getOut().println(json ? JsonOutput.write(s) : String.format("Exported %s (%d backup(s) in"
                        + " the chain) of namespace %s to %s: %,d records, %d secondary index(es) (%d skipped),"
                        + " %d UDF(s)", chain.target().backupId(), chain.members().size(), namespace, result.file(),
                result.records(), result.indexes(), result.indexesSkipped(), result.udfs()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
