package io.aerobackup.job.spec;

import com.aerospike.client.AerospikeClient;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.cluster.InfoClient;
import io.aerobackup.execution.BadInputException;

import java.util.Set;

/** The checks of a backup run before anything is written: hosts, namespace and sets exist. */
public final class Preflight {
    private Preflight() {
    }

    /**
     * Checks hosts, namespace and sets; BadInputException names what is missing and what exists.
     * (The committer reads the index and UDF definitions that go into the manifest when it commits.)
     */
    public static void check(BackupSpec spec) {
        AerospikeClient client;
        try {
            client = AerospikeClients.create(spec.connection());
        } catch (AerospikeClients.ClusterUnreachableException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        try (client) {
            InfoClient info = new InfoClient(client);
            String namespace = spec.scan().namespace();
            Set<String> namespaces = info.namespaces();
            if (!namespaces.contains(namespace)) {
                throw new BadInputException("namespace '" + namespace + "' not found; the cluster has "
                        + String.join(", ", namespaces));
            }
            Set<String> sets = info.sets(namespace);
            for (String set : spec.scan().sets()) {
                if (!sets.contains(set)) {
                    throw new BadInputException("set '" + set + "' not found in namespace " + namespace
                            + (sets.isEmpty() ? " (it has no sets)" : "; it has " + String.join(", ", sets)));
                }
            }
        }
    }
}
