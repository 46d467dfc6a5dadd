package io.aerobackup.restore.sink;

import com.aerospike.client.Key;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import io.aerobackup.restore.record.RestoreRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Builds backup rows for restore tests: user keys whose digests match, every bin type, void-times. */
final class RestoreTestRecords {
    static final String FILE = "data/part-0001.parquet";

    private RestoreTestRecords() {
    }

    /** The void-time (server seconds) {@code ttlSeconds} from now. */
    static long voidTimeIn(long ttlSeconds) {
        return RestoreTtl.serverSeconds(System.currentTimeMillis() / 1000) + ttlSeconds;
    }

    static RestoreRecord keyed(String set, Object key, int generation, long voidTime, List<BackupBin> bins) {
        UserKey userKey = userKey(key);
        byte[] digest = new Key("any", set, io.aerobackup.record.BinValueCodec.toClientValue(userKey)).digest;
        return new RestoreRecord(new BackupRecord(digest, set, userKey, generation, voidTime,
                RecordOperation.UPSERT, bins), FILE);
    }

    static RestoreRecord unkeyed(String set, byte[] digest, int generation, long voidTime, List<BackupBin> bins) {
        return new RestoreRecord(new BackupRecord(digest, set, null, generation, voidTime,
                RecordOperation.UPSERT, bins), FILE);
    }

    static RestoreRecord delete(String set, byte[] digest) {
        return new RestoreRecord(new BackupRecord(digest, set, null, 0, 0, RecordOperation.DELETE, List.of()), FILE);
    }

    static UserKey userKey(Object key) {
        if (key instanceof Long) {
            return new UserKey(ParticleTypes.INTEGER, key);
        }
        if (key instanceof String) {
            return new UserKey(ParticleTypes.STRING, key);
        }
        return new UserKey(ParticleTypes.BLOB, key);
    }

    static byte[] digest(Random random) {
        byte[] d = new byte[BackupRecord.DIGEST_LENGTH];
        random.nextBytes(d);
        return d;
    }

    static List<BackupBin> bins(String name, Object... nameTypeValue) {
        List<BackupBin> bins = new ArrayList<>();
        bins.add(new BackupBin("name", ParticleTypes.STRING, name));
        for (int i = 0; i < nameTypeValue.length; i += 3) {
            bins.add(new BackupBin((String) nameTypeValue[i], (Integer) nameTypeValue[i + 1], nameTypeValue[i + 2]));
        }
        return bins;
    }

    /** One bin of every Aerospike type. */
    static List<BackupBin> allTypes(Random random, long i) {
        byte[] blob = new byte[16];
        random.nextBytes(blob);
        byte[] hll = new byte[23];
        random.nextBytes(hll);
        hll[0] = 0;
        hll[1] = 4;
        hll[2] = 0;
        TreeMap<Object, Object> sorted = new TreeMap<>();
        sorted.put("a", 1L);
        sorted.put("b", List.of(2L, "x"));
        Map<Object, Object> unordered = new HashMap<>();
        unordered.put(7L, "seven");
        List<BackupBin> bins = new ArrayList<>();
        bins.add(new BackupBin("int", ParticleTypes.INTEGER, i));
        bins.add(new BackupBin("dbl", ParticleTypes.DOUBLE, i + 0.5));
        bins.add(new BackupBin("str", ParticleTypes.STRING, "v\u00fc" + i));
        bins.add(new BackupBin("blob", ParticleTypes.BLOB, blob));
        bins.add(new BackupBin("bool", ParticleTypes.BOOL, i % 2 == 0));
        bins.add(new BackupBin("list", ParticleTypes.LIST, List.of(1L, "two", 3.0)));
        bins.add(new BackupBin("sorted", ParticleTypes.MAP, sorted));
        bins.add(new BackupBin("unordered", ParticleTypes.MAP, unordered));
        bins.add(new BackupBin("geo", ParticleTypes.GEOJSON, "{\"type\":\"Point\",\"coordinates\":[1.5,2.25]}"));
        bins.add(new BackupBin("hll", ParticleTypes.HLL, hll));
        return bins;
    }
}
