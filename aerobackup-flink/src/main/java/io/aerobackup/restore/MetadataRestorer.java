package io.aerobackup.restore;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Language;
import com.aerospike.client.ResultCode;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.query.IndexCollectionType;
import com.aerospike.client.query.IndexType;
import io.aerobackup.catalog.BackupManifest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Registers a backup's UDF modules and creates its secondary indexes in the target, waiting until ready. */
final class MetadataRestorer {
    private MetadataRestorer() {
    }

    static int restoreUdfs(AerospikeClient client, BackupManifest manifest) {
        for (BackupManifest.Udf udf : manifest.udfs()) {
            String source = new String(Base64.getDecoder().decode(udf.contentBase64()), StandardCharsets.UTF_8);
            client.registerUdfString(null, source, udf.name(), Language.LUA).waitTillComplete();
        }
        return manifest.udfs().size();
    }

    /** Creates each index in the target namespace (set remapped); an index that already exists is kept. */
    static int restoreIndexes(AerospikeClient client, BackupManifest manifest, String namespace,
                              java.util.function.UnaryOperator<String> targetSet) {
        int created = 0;
        for (BackupManifest.SecondaryIndex index : manifest.secondaryIndexes()) {
            if (index.bin() == null) {
                throw new IllegalStateException("index " + index.name() + " is defined on an expression; restoring"
                        + " expression indexes is not supported yet (create it by hand, or restore with --no-indexes)");
            }
            IndexType type = IndexType.valueOf(index.type().toUpperCase(Locale.ROOT));
            IndexCollectionType collection = IndexCollectionType.valueOf(
                    index.indexType() == null ? "DEFAULT" : index.indexType().toUpperCase(Locale.ROOT));
            CTX[] ctx = index.context() == null ? null : CTX.fromBase64(index.context());
            String set = index.set() == null ? null : targetSet.apply(index.set());
            try {
                client.createIndex(null, namespace, set, index.name(), index.bin(), type, collection, ctx)
                        .waitTillComplete();
                created++;
            } catch (AerospikeException e) {
                if (e.getResultCode() != ResultCode.INDEX_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        return created;
    }
}
