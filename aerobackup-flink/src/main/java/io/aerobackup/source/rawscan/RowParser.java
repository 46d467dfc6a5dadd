package io.aerobackup.source.rawscan;

import com.aerospike.client.command.FieldType;
import com.aerospike.client.command.ParticleType;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one record row of a scan response (its fields, then its bin ops) straight from the
 * response buffer into a {@link BackupRecord}: no Java object per value, one String per distinct
 * bin or set name. Wire layout after the row header, all integers big-endian:
 * <pre>
 *   field: size(4) type(1) data(size - 1)            digest, set name, user key (type byte + value)
 *   op:    size(4) op(1) particle type(1) version(1) name length(1) name value(size - 4 - name length)
 * </pre>
 * Not thread-safe; each scan command has its own.
 */
final class RowParser {
    private static final int OP_HEADER = 8;

    private final NameCache binNames = new NameCache(256);
    private final NameCache setNames = new NameCache(64);
    private int end;

    /** The offset just after the last row parsed or skipped. */
    int end() {
        return end;
    }

    /** Skips {@code count} length-prefixed items (fields or ops) starting at {@code offset}. */
    void skip(byte[] buf, int offset, int count) {
        int p = offset;
        for (int i = 0; i < count; i++) {
            p += 4 + readInt(buf, p);
        }
        end = p;
    }

    /** The record whose fields and ops start at {@code offset}. */
    BackupRecord parse(byte[] buf, int offset, int fieldCount, int opCount, int generation, int expiration) {
        byte[] digest = null;
        String setName = null;
        UserKey userKey = null;
        int p = offset;
        for (int i = 0; i < fieldCount; i++) {
            int size = readInt(buf, p) - 1;
            int type = buf[p + 4];
            int data = p + 5;
            if (type == FieldType.DIGEST_RIPE) {
                digest = Arrays.copyOfRange(buf, data, data + size);
            } else if (type == FieldType.TABLE) {
                setName = size == 0 ? null : setNames.get(buf, data, size);
            } else if (type == FieldType.KEY) {
                userKey = WireValues.userKey(buf, data, size);
            }
            p = data + size;
        }
        if (digest == null || digest.length != BackupRecord.DIGEST_LENGTH) {
            throw new IllegalStateException("the server sent a scan row without a 20-byte digest field ("
                    + fieldCount + " fields, set " + setName + ")");
        }
        List<BackupBin> bins = new ArrayList<>(opCount);
        for (int i = 0; i < opCount; i++) {
            int size = readInt(buf, p);
            int particleType = buf[p + 5] & 0xFF;
            int nameLength = buf[p + 7] & 0xFF;
            int value = p + OP_HEADER + nameLength;
            int valueLength = size - 4 - nameLength;
            if (particleType != ParticleType.NULL) {
                // The client drops NULL values too: a bin never holds one.
                String name = binNames.get(buf, p + OP_HEADER, nameLength);
                bins.add(BackupBin.ofServerParticle(name, particleType,
                        WireValues.particle(name, particleType, buf, value, valueLength)));
            }
            p = value + valueLength;
        }
        end = p;
        return new BackupRecord(digest, setName, userKey, generation, expiration, RecordOperation.UPSERT, bins);
    }

    private static int readInt(byte[] buf, int p) {
        return ((buf[p] & 0xFF) << 24) | ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
    }
}
