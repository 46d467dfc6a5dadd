package io.aerobackup.testutils;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.BackupSpec;
import io.aerobackup.job.Incremental;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ClientRecords;
import io.aerobackup.sink.parquet.ParquetBackupReader;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the backup integration tests: specs, reading a backup back, and the cluster's truth. */
public final class BackupTestSupport {
    private BackupTestSupport() {
    }

    public static BackupSpec spec(String hosts, ScanOptions scan, String destination, int parallelism,
                                  Duration checkpointInterval) {
        return new BackupSpec(new ConnectionOptions(hosts, Duration.ofSeconds(5)), scan, destination,
                ParquetWriteOptions.defaults(), 256L * 1024 * 1024, parallelism, checkpointInterval, Map.of(),
                Incremental.full());
    }

    /** Runs the command line as a user would; its error output goes to {@code err}, for assertion messages. */
    public static int cli(java.io.StringWriter err, String... args) {
        picocli.CommandLine cli = io.aerobackup.cli.AerobackupCli.newCommandLine();
        cli.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Every row of a committed backup, as listed by its manifest. */
    public static List<BackupRecord> readBackup(Path root, BackupManifest manifest) throws IOException {
        return readBackup(root, manifest, io.aerobackup.crypto.KeyRing.EMPTY);
    }

    /** The rows of a backup whose files may be encrypted with one of {@code keys}. */
    public static List<BackupRecord> readBackup(Path root, BackupManifest manifest, io.aerobackup.crypto.KeyRing keys)
            throws IOException {
        List<BackupRecord> rows = new ArrayList<>();
        Path dir = CatalogPaths.backupDir(root, manifest.namespace(), manifest.backupId());
        for (BackupManifest.DataFile file : manifest.files()) {
            try (ParquetBackupReader reader = ParquetBackupReader.open(new Path(dir, file.path()), keys)) {
                while (reader.hasNext()) {
                    rows.add(reader.next());
                }
            }
        }
        return rows;
    }

    /** The cluster's records of some sets, as backup rows keyed by hex digest. */
    public static Map<String, BackupRecord> clusterRecords(AerospikeClient client, String namespace, List<String> sets) {
        Map<String, BackupRecord> records = new HashMap<>();
        for (String set : sets) {
            client.scanPartitions(null, PartitionFilter.all(), namespace, set, (Key key, Record record) -> {
                BackupRecord row = ClientRecords.toBackupRecord(key, record);
                synchronized (records) {
                    records.put(row.digestHex(), row);
                }
            });
        }
        return records;
    }
}
