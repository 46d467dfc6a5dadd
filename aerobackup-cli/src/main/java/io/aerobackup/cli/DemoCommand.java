package io.aerobackup.cli;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.demo.SampleData;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.job.BackupJobOptions;
import io.aerobackup.job.BackupResult;
import io.aerobackup.job.BackupRunner;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.restore.RestoreResult;
import io.aerobackup.restore.RestoreRunner;
import io.aerobackup.restore.RestoreSpec;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * {@code aerobackup demo}: no set-up needed. Starts the embedded server, loads a varied sample
 * data set, runs a full backup on a local Flink mini-cluster into a folder, changes the source,
 * restores the backup into another namespace and compares it record by record, printing D
 * (bytes), B (bandwidth) and T (time) of the time model T = D / B for backup and restore.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the demo on the embedded server: sample data, backup, restore, comparison, with D, B and T.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--records", defaultValue = "30000", paramLabel = "N",
            description = "Sample records to load. Default: ${DEFAULT-VALUE}.")
    private int records;

    @Option(names = "--nodes", defaultValue = "3", paramLabel = "N",
            description = "Nodes of the embedded cluster. Default: ${DEFAULT-VALUE}.")
    private int nodes;

    @Option(names = "--to", paramLabel = "DIR", description = "Where to write the backup (default: a new temporary folder).")
    private Path to;

    @Override
    public Integer call() throws Exception {
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1, was " + records);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path destination = to != null ? to : Files.createTempDirectory("aerobackup-demo-");
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().nodes(nodes).build().start();
             AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(server.hosts(), 3000))) {
            out.printf("1. Embedded Aerospike cluster: %d node(s) at %s%n", nodes, server.hosts());
            long start = System.nanoTime();
            SampleData.load(client, "test", records, 42);
            out.printf("2. Loaded %,d sample records into namespace 'test' (sets %s; every value type, user keys,"
                    + " TTLs) in %.1f s%n", records, String.join(", ", SampleData.SETS), (System.nanoTime() - start) / 1e9);
            out.flush();
            // A full backup with every other option at its default, as `aerobackup backup` takes it.
            BackupSpec backup = BackupJobOptions.toSpec(Configuration.fromMap(Map.of(
                    ConnectionOptions.HOSTS.key(), server.hosts(), BackupJobOptions.NAMESPACE.key(), "test",
                    BackupJobOptions.TO.key(), destination.toUri().toString())));
            ProgressLine progress = ProgressLine.forTerminal(false, spec.commandLine().getErr());
            BackupResult result;
            try {
                result = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(), backup, progress,
                        UnaryOperator.identity());
            } finally {
                progress.finish();
            }
            out.printf("3. Full backup on a local Flink mini-cluster into %s%n", destination);
            out.println(BackupCommand.text(result).replaceAll("(?m)^", "   "));
            int changed = DemoChanges.changeAndDelete(client, "test", records);
            out.printf("4. Changed and deleted %,d records in 'test' after the backup%n", changed);
            out.flush();
            RestoreResult restored = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    new RestoreSpec(backup.connection(), destination.toUri().toString(), "test",
                            result.manifest().backupId(), null, RestoreWriteOptions.builder("restore").build(), 0,
                            false, false, true), ProgressListener.NONE);
            out.printf("5. Restored the backup into namespace 'restore'%n");
            out.println(RestoreCommand.text(restored).replaceAll("(?m)^", "   "));
            DemoChanges.Comparison comparison = DemoChanges.compare(client, destination, result.manifest(), "restore");
            out.printf("6. Compared record by record with the backup: %,d equal, %,d different, %,d missing%n",
                    comparison.equal(), comparison.different(), comparison.missing());
            out.printf("Try: bin/aerobackup list --from %s   and   bin/aerobackup verify --from %s%n", destination,
                    destination);
            out.flush();
            return result.manifest().recordCount() == records && comparison.equal() == records
                    ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        }
    }
}
