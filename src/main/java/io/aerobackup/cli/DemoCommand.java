package io.aerobackup.cli;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.demo.SampleData;
import io.aerobackup.embedded.EmbeddedAerospike;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code aerobackup demo}: no set-up needed. Starts the embedded server, loads a varied sample
 * data set and reads it back with a partition-parallel scan, printing D (bytes), B (bandwidth)
 * and T (time) of the article's time model, T = D / B.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the demo on the embedded server: loads sample data and scans it, "
                + "printing D, B and T.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--records", defaultValue = "30000", paramLabel = "N",
            description = "Sample records to load. Default: ${DEFAULT-VALUE}.")
    private int records;

    @Option(names = "--nodes", defaultValue = "3", paramLabel = "N",
            description = "Nodes of the embedded cluster. Default: ${DEFAULT-VALUE}.")
    private int nodes;

    @Override
    public Integer call() {
        if (records < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--records must be at least 1, was " + records);
        }
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().nodes(nodes).build().start();
             AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(server.hosts(), 3000))) {
            System.out.printf("Embedded Aerospike cluster: %d node(s) at %s%n", nodes, server.hosts());
            long start = System.nanoTime();
            long bytes = SampleData.load(client, "test", records, 42);
            System.out.printf("Loaded %,d sample records (%d sets, every value type, user keys, TTLs) in %.2f s%n",
                    records, SampleData.SETS.size(), (System.nanoTime() - start) / 1e9);
            AtomicLong scanned = new AtomicLong();
            start = System.nanoTime();
            client.scanPartitions(null, PartitionFilter.all(), "test", null, (k, r) -> scanned.incrementAndGet());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("Partition scan of namespace 'test': %,d records%n", scanned.get());
            System.out.printf("  D = %,d bytes of bin data%n", bytes);
            System.out.printf("  B = %.1f MB/s%n", bytes / seconds / 1e6);
            System.out.printf("  T = D / B = %.3f s%n", seconds);
            System.out.println("The full backup job (Parquet files and a manifest) arrives with the backup feature;"
                    + " this demo measures the scan it will run.");
            return scanned.get() == records ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        }
    }
}
