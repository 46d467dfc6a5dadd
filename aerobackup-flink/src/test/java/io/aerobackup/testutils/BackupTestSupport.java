package io.aerobackup.testutils;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.spec.Incremental;
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

import static org.assertj.core.api.Assertions.assertThat;

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

    /**
     * A restore's records equal the originals record by record: the same digests, and for each its
     * bins, user key, set and expiry (within 2 s, as the restore recomputes the TTL).
     */
    public static void assertSameRecords(Map<String, BackupRecord> original, Map<String, BackupRecord> restored) {
        assertThat(restored.keySet()).isEqualTo(original.keySet());
        for (Map.Entry<String, BackupRecord> e : original.entrySet()) {
            BackupRecord a = e.getValue();
            BackupRecord b = restored.get(e.getKey());
            assertThat(b.bins()).as("bins of %s", e.getKey()).isEqualTo(a.bins());
            assertThat(b.userKey()).as("key of %s", e.getKey()).isEqualTo(a.userKey());
            assertThat(b.setName()).isEqualTo(a.setName());
            if (a.voidTime() == 0) {
                assertThat(b.voidTime()).isZero();
            } else {
                assertThat(Math.abs(b.voidTime() - a.voidTime())).as("TTL of %s", e.getKey()).isLessThanOrEqualTo(2);
            }
        }
    }
}
