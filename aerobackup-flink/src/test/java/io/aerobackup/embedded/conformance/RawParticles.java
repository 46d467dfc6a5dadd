package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Value;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.lua.LuaInstance;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.util.Packer;
import io.aerobackup.record.BackupBin;
import io.aerobackup.source.rawscan.RawScan;
import org.luaj.vm2.LuaValue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Writes bins as given particle bytes and reads back the bytes a server stored (through the raw scan). */
final class RawParticles {
    private RawParticles() {
    }

    /** A bin value that is exactly the given particle type and bytes, whatever they hold. */
    static final class RawValue extends Value {
        private final int type;
        private final byte[] bytes;

        RawValue(int type, byte[] bytes) {
            this.type = type;
            this.bytes = bytes;
        }

        @Override
        public int estimateSize() {
            return bytes.length;
        }

        @Override
        public int write(byte[] buffer, int offset) {
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public void pack(Packer packer) {
            throw new UnsupportedOperationException("raw particle values are bin values only");
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public Object getObject() {
            return bytes;
        }

        @Override
        public LuaValue getLuaValue(LuaInstance instance) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    static void put(AerospikeClient client, Key key, String bin, int type, String hex) {
        client.put(null, key, new Bin(bin, new RawValue(type, HexFormat.of().parseHex(hex))));
    }

    /** The stored bins of one record as "type:hex", read by scanning the record's partition. */
    static Map<String, String> read(AerospikeClient client, Key key) {
        Map<String, String> bins = new HashMap<>();
        new RawScan(client.getCluster(), new ScanPolicy(), PartitionFilter.id(Partition.getPartitionId(key.digest)),
                key.namespace, key.setName, null, record -> {
                    if (Arrays.equals(record.digest(), key.digest)) {
                        synchronized (bins) {
                            for (BackupBin bin : record.bins()) {
                                String hex = HexFormat.of().formatHex(bin.particle());
                                bins.put(bin.name(), bin.particleType() + ":" + hex);
                            }
                        }
                    }
                }).run();
        return bins;
    }
}
