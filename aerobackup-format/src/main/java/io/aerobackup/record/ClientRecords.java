package io.aerobackup.record;

import com.aerospike.client.Key;
import com.aerospike.client.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what the client's scan callback delivers into backup rows (the source, tests and the demo use it). */
public final class ClientRecords {
    private ClientRecords() {
    }

    public static BackupRecord toBackupRecord(Key key, Record record) {
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
