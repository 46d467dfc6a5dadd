package io.aerobackup.cli;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.compact.CompactResult;
import io.aerobackup.compact.CompactRunner;
import io.aerobackup.compact.CompactSpec;
import io.aerobackup.execution.ExecutionOptions;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.crypto.EncryptionChecks;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code aerobackup compact}: merges a chain into a new full backup (a synthetic full), without the cluster. */
@Command(name = "compact", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = CompactCommand.Defaults.class,
        description = {"Merges a restore chain (a full backup and its deltas) into a new full backup in the catalog,"
                + " without touching the cluster, as a Flink batch job on a local mini-cluster.",
            "Each record is kept once, in its newest version, exactly as a restore merges the chain; deleted records"
                + " (DELETE rows) are left out, and records whose TTL has passed by now are dropped and counted.",
            "The new full stands for the same point in time as the chain it was made from: restore (latest and"
                + " --time) then reads the one full instead of the chain. The chain itself is not changed; prune may"
                + " delete it later. The manifest is written last, only after the job succeeded."},
        footer = {"", "Exit codes: 0 success; 1 the run failed (no manifest is written: the backup stays incomplete);"
                + " 2 bad input (unknown backup id or namespace, no catalog, damaged chain): nothing was written;"
                + " 3 interrupted."})
public final class CompactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "URI", description = "Catalog root holding the chain;"
            + " the compacted full is written there too.")
    String to;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Namespace of the chain.")
    String namespace;

    @Option(names = "--backup", paramLabel = "ID", description = "The chain point to compact: a delta id compacts"
            + " its whole chain (default: the namespace's latest backup).")
    String backupId;

    @Mixin
    ParquetFileOptionsMixin files;

    @Mixin
    ParallelismMixin parallelism;

    @Mixin
    RestartOptionsMixin restarts;

    @Mixin
    EncryptionOptionsMixin encryption;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    /** The options a compaction reads from the layers below, with their defaults. */
    static final List<ConfigOption<?>> OPTIONS = Stream.of(ParquetWriteOptions.OPTIONS, ExecutionOptions.OPTIONS,
            RestartPolicy.OPTIONS, EncryptionOptions.OPTIONS).flatMap(List::stream).toList();

    /** The defaults of {@link #OPTIONS}. */
    public static final class Defaults extends ConfigOptionDefaults {
        public Defaults() {
            super(OPTIONS);
        }
    }

    @Override
    public Integer call() throws Exception {
        Configuration config = GivenOptions.of(spec, OPTIONS);
        RestartPolicy.rejectFeedOptions(config);
        CompactSpec compact = toSpec(config);
        StreamExecutionEnvironment env = LocalFlink.environment(new Configuration(),
                RestartPolicy.from(config).flinkConfiguration(false));
        // No progress line (the job reads files, it scans no partitions); restarts are printed as they happen.
        ProgressLine restartNotices = new ProgressLine(System.err, false, spec.commandLine().getErr());
        CompactResult result = CompactRunner.run(env, compact, restartNotices);
        Map<String, Object> summary = summary(result);
        restartNotices.addTo(summary);
        spec.commandLine().getOut().println(json ? JsonOutput.write(summary) : text(result));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    CompactSpec toSpec(Configuration config) {
        long maxFileBytes;
        try {
            maxFileBytes = ParquetWriteOptions.maxFileBytes(config);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int parallelism = config.get(ExecutionOptions.PARALLELISM);
        if (parallelism < 0) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be 0 or more, was " + parallelism);
        }
        ParquetWriteOptions parquet = ParquetWriteOptions.fromConfig(config);
        try {
            EncryptionChecks.checkWriteKey(parquet.encryption());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, String> used = new LinkedHashMap<>();
        used.put("compress", parquet.codecName());
        used.put("compression-level", Integer.toString(parquet.level()));
        used.put("file-size-mib", config.get(ParquetWriteOptions.FILE_SIZE).toString());
        if (parquet.encryption().enabled()) {
            used.put("encryption", EncryptionChecks.ALGORITHM);
        }
        return new CompactSpec(to, namespace, backupId, parquet, maxFileBytes, parallelism, used);
    }

    static Map<String, Object> summary(CompactResult result) {
        BackupManifest m = result.manifest();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("backupId", m.backupId());
        s.put("kind", m.kind());
        s.put("namespace", m.namespace());
        s.put("compactedFrom", result.chain().target().backupId());
        s.put("chain", result.chain().members().stream().map(BackupManifest::backupId).toList());
        s.put("rowsRead", result.rowsRead());
        s.put("records", m.recordCount());
        s.put("deletesApplied", result.deletesApplied());
        s.put("expiredDropped", result.expired());
        s.put("files", m.files().size());
        s.put("fileBytes", m.fileBytes());
        s.put("seconds", result.elapsed().toMillis() / 1000.0);
        return s;
    }

    static String text(CompactResult result) {
        BackupManifest m = result.manifest();
        return String.format("Compacted %s (%d backup(s) in the chain, %,d rows read) into full %s of namespace %s:"
                        + " %,d records in %d file(s), %,d bytes; %,d deletes applied, %,d expired records dropped;"
                        + " %.2f s", result.chain().target().backupId(), result.chain().members().size(),
                result.rowsRead(), m.backupId(), m.namespace(), m.recordCount(), m.files().size(), m.fileBytes(),
                result.deletesApplied(), result.expired(), result.elapsed().toMillis() / 1000.0);
    }
}
