package io.aerobackup.benchmark;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.execution.ProgressListener;
import io.aerobackup.job.BackupJobOptions;
import io.aerobackup.job.BackupResult;
import io.aerobackup.job.BackupRunner;
import io.aerobackup.restore.RestoreJobOptions;
import io.aerobackup.restore.RestoreResult;
import io.aerobackup.restore.RestoreRunner;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Backup and restore jobs end to end with and without encryption, in one JVM with the embedded
 * server (whose work is the same either way): loads N records of ~300 B, then alternates a full
 * backup in clear and an encrypted one, and a restore of each (--no-generation, so every restore
 * writes every record), printing wall seconds and the process's CPU seconds of each run.
 * Usage: EncryptedJobBenchmark [records] [rounds].
 */
public final class EncryptedJobBenchmark {
    private EncryptedJobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        java.nio.file.Path dir = Files.createTempDirectory("encrypted-job-bench-");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key); // a throwaway key, never printed
        java.nio.file.Path keyFile = dir.resolve("bench.key");
        Files.write(keyFile, Base64.getEncoder().encode(key));
        try (EmbeddedAerospike server = EmbeddedAerospike.builder().build().start();
             AerospikeClient client = new AerospikeClient(new ClientPolicy(), server.hosts().split(":")[0],
                     Integer.parseInt(server.hosts().split(":")[1]))) {
            String set = "encbench";
            load(client, set, records);
            System.out.printf("%,d records loaded; %d rounds (wall s / process CPU s, the embedded server's"
                    + " included)%n", records, rounds);
            for (int round = 0; round < rounds; round++) {
                for (boolean encrypted : new boolean[] {false, true}) {
                    String root = dir.resolve(encrypted ? "encrypted" : "plain").toUri().toString();
                    Map<String, String> backup = new HashMap<>(Map.of("hosts", server.hosts(), "namespace", "test",
                            "set", set, "to", root, "parallelism", "2", "checkpoint-interval", "0"));
                    if (encrypted) {
                        backup.put("encryption-key-file", keyFile.toString());
                    }
                    double cpu = cpuSeconds();
                    BackupResult b = BackupRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                            BackupJobOptions.toSpec(Configuration.fromMap(backup)), ProgressListener.NONE,
                            UnaryOperator.identity());
                    double backupCpu = cpuSeconds() - cpu;
                    Map<String, String> restore = new HashMap<>(Map.of("hosts", server.hosts(), "from", root,
                            "namespace", "test,restore", "backup", b.manifest().backupId(), "no-generation", "true",
                            "parallelism", "2"));
                    if (encrypted) {
                        restore.put("encryption-key-file", keyFile.toString());
                    }
                    cpu = cpuSeconds();
                    RestoreResult r = RestoreRunner.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                            RestoreJobOptions.toSpec(Configuration.fromMap(restore)), ProgressListener.NONE);
                    double restoreCpu = cpuSeconds() - cpu;
                    System.out.printf("round %d %-9s backup %6.2f s / %6.2f CPU-s (%,d bytes)   restore %6.2f s /"
                            + " %6.2f CPU-s (%,d written)%n", round, encrypted ? "encrypted" : "plain",
                            b.elapsed().toMillis() / 1000.0, backupCpu, b.manifest().fileBytes(),
                            r.elapsed().toMillis() / 1000.0, restoreCpu, r.written());
                }
            }
        }
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static void load(AerospikeClient client, String set, int records) {
        Random random = new Random(1);
        BatchPolicy policy = new BatchPolicy();
        policy.socketTimeout = 60_000; // a loaded, shared machine
        policy.totalTimeout = 60_000;
        for (int first = 0; first < records; first += 1000) {
            List<BatchRecord> batch = new ArrayList<>(1000);
            for (int i = first; i < Math.min(records, first + 1000); i++) {
                Bin[] bins = EmbeddedServerBenchmark.sampleBins(random, i);
                batch.add(new BatchWrite(new Key("test", set, i), Operation.array(Operation.put(bins[0]),
                        Operation.put(bins[1]), Operation.put(bins[2]), Operation.put(bins[3]))));
            }
            client.operate(policy, batch);
        }
    }
}
