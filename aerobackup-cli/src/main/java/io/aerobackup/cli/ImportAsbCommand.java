package io.aerobackup.cli;

import io.aerobackup.asb.AsbFormatException;
import io.aerobackup.asb.AsbImporter;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.crypto.EncryptionChecks;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code aerobackup import-asb}: asbackup .asb files into one new full backup of the catalog. */
@Command(name = "import-asb", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = ImportAsbCommand.Defaults.class,
        description = {"Imports asbackup text backups (.asb, versions 3.0 and 3.1; plain, zstd or gzip, detected by"
                + " their magic bytes) into ONE new full backup of the catalog, without touching a cluster.",
            "Records keep their digest, set, user key, generation, void-time (the .asb '+ t' value, in seconds since"
                + " 2010-01-01; 0 = never expires) and every bin with the particle bytes the server stores. Secondary"
                + " indexes ('* i') and UDFs ('* u') go into the manifest, so restore recreates them.",
            "Every file is parsed and checked first; nothing is written when one is malformed (the error names the"
                + " file, the line and what was expected). The manifest is written last; its point in time is the"
                + " import time, and its options name the source (importedFrom, sourceNamespace)."},
        footer = {"", "Exit codes: 0 success; 1 the import failed while writing (the uncommitted backup folder is"
                + " removed); 2 bad input (malformed .asb, no .asb files, unusable catalog): nothing was written."})
public final class ImportAsbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR_OR_FILE", description = "An .asb file, or a folder"
            + " whose *.asb files (as asbackup --directory writes them) are imported together.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "URI", description = "Catalog root to add the full to.")
    String to;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Namespace of the new backup in"
            + " the catalog (the .asb records must all be of one namespace, which may have another name).")
    String namespace;

    @Mixin
    ParquetFileOptionsMixin files;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Mixin
    EncryptionOptionsMixin encryption;

    /** The defaults of the data file options. */
    public static final class Defaults extends ConfigOptionDefaults {
        public Defaults() {
            super(ParquetWriteOptions.OPTIONS);
        }
    }

    @Override
    public Integer call() throws Exception {
        Configuration config = GivenOptions.of(spec, java.util.stream.Stream.concat(
                ParquetWriteOptions.OPTIONS.stream(), EncryptionOptions.OPTIONS.stream()).toList());
        long maxFileBytes = ParquetWriteOptions.maxFileBytes(config);
        ParquetWriteOptions parquet = ParquetWriteOptions.fromConfig(config);
        encryption.keyRing(spec); // a missing or malformed key is bad input before anything is parsed
        try {
            EncryptionChecks.checkWriteKey(parquet.encryption());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        AsbImporter.Result result;
        try {
            result = AsbImporter.run(from, to, namespace, parquet, maxFileBytes);
        } catch (AsbFormatException | FileNotFoundException | Catalog.CatalogException e) {
            throw new BadInputException("nothing was imported: " + e.getMessage(), e);
        }
        BackupManifest m = result.manifest();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("backupId", m.backupId());
        s.put("kind", m.kind());
        s.put("namespace", m.namespace());
        s.put("sourceNamespace", result.sourceNamespace());
        s.put("asbFiles", result.files().size());
        s.put("records", m.recordCount());
        s.put("secondaryIndexes", m.secondaryIndexes().size());
        s.put("udfs", m.udfs().size());
        s.put("files", m.files().size());
        s.put("fileBytes", m.fileBytes());
        spec.commandLine().getOut().println(json ? JsonOutput.write(s) : String.format("Imported %d .asb file(s)"
                        + " into full %s of namespace %s: %,d records, %d secondary index(es), %d UDF(s), %d data"
                        + " file(s), %,d bytes", result.files().size(), m.backupId(), m.namespace(), m.recordCount(),
                m.secondaryIndexes().size(), m.udfs().size(), m.files().size(), m.fileBytes()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
