package io.aerobackup.cli;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.query.PartitionFilter;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.demo.SampleData;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ClientRecords;
import io.aerobackup.sink.parquet.ParquetBackupReader;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The demo's after-backup steps: change the source, then compare a restored namespace with the backup. */
final class DemoChanges {
    private DemoChanges() {
    }

    /** Updates every 10th record and deletes every 25th; returns how many were touched. */
    static int changeAndDelete(AerospikeClient client, String namespace, int records) {
        int touched = 0;
        for (int i = 0; i < records; i += 10) {
            Key key = SampleData.key(namespace, SampleData.SETS.get(i % SampleData.SETS.size()), i);
            client.put(null, key, new Bin("name", "changed after the backup"));
            touched++;
        }
        for (int i = 5; i < records; i += 25) {
            Key key = SampleData.key(namespace, SampleData.SETS.get(i % SampleData.SETS.size()), i);
            client.delete(null, key);
            touched++;
        }
        return touched;
    }

    /** Counts target records equal to, different from, or missing against the backup's rows. */
    static Comparison compare(AerospikeClient client, java.nio.file.Path root, BackupManifest manifest,
                              String targetNamespace) throws IOException {
        Map<String, List<BackupBin>> restored = new HashMap<>();
        client.scanPartitions(null, PartitionFilter.all(), targetNamespace, null, (key, record) -> {
            BackupRecord row = ClientRecords.toBackupRecord(key, record);
            synchronized (restored) {
                restored.put(row.digestHex(), row.bins());
            }
        });
        long equal = 0;
        long different = 0;
        long missing = 0;
        Path dir = CatalogPaths.backupDir(new Path(root.toUri()), manifest.namespace(), manifest.backupId());
        for (BackupManifest.DataFile file : manifest.files()) {
            try (ParquetBackupReader reader = ParquetBackupReader.open(new Path(dir, file.path()))) {
                while (reader.hasNext()) {
                    BackupRecord row = reader.next();
                    List<BackupBin> bins = restored.get(row.digestHex());
                    if (bins == null) {
                        missing++;
                    } else if (new java.util.HashSet<>(bins).equals(new java.util.HashSet<>(row.bins()))) {
                        equal++;
                    } else {
                        different++;
                    }
                }
            }
        }
        return new Comparison(equal, different, missing);
    }

    record Comparison(long equal, long different, long missing) {
    }
}
