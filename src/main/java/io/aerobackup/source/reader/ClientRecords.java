package io.aerobackup.source.reader;

import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.BinValueCodec;
import io.aerobackup.record.RecordOperation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what the client's scan callback delivers into backup rows. */
final class ClientRecords {
    private ClientRecords() {
    }

    static BackupRecord toBackupRecord(Key key, Record record) {
        List<BackupBin> bins = new ArrayList<>(record.bins == null ? 0 : record.bins.size());
        if (record.bins != null) {
            for (Map.Entry<String, Object> bin : record.bins.entrySet()) {
                if (bin.getValue() != null) {
                    bins.add(BinValueCodec.fromClient(bin.getKey(), bin.getValue()));
                }
            }
        }
        return new BackupRecord(key.digest, key.setName, BinValueCodec.userKeyFromClient(key.userKey), record.generation,
                record.expiration, RecordOperation.UPSERT, bins);
    }
}
