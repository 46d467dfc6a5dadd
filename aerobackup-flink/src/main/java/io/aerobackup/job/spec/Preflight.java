package io.aerobackup.job.spec;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Info;
import io.aerobackup.cluster.AerospikeClients;
import io.aerobackup.cluster.InfoClient;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The checks of a run before anything is written: hosts, namespace and sets exist (a backup's or
 * replication's source), a target answers and has its namespace (a restore's or replication's).
 */
public final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

    private Preflight() {
    }

    /**
     * Checks hosts, namespace and sets; BadInputException names what is missing and what exists.
     * (The committer reads the index and UDF definitions that go into the manifest when it commits.)
     */
    public static void check(BackupSpec spec) {
        try (AerospikeClient client = connect(spec.connection(), null)) {
            InfoClient info = new InfoClient(client);
            String namespace = spec.scan().namespace();
            checkNamespace(client, namespace, "namespace");
            Set<String> sets = info.sets(namespace);
            for (String set : spec.scan().sets()) {
                if (!sets.contains(set)) {
                    throw new BadInputException("set '" + set + "' not found in namespace " + namespace
                            + (sets.isEmpty() ? " (it has no sets)" : "; it has " + String.join(", ", sets)));
                }
            }
        }
    }

    /**
     * Checks that the target cluster answers and has the namespace {@code write} writes into;
     * returns {@code write} as the target's edition wants it ({@link #withEditionDefaults}).
     * {@code hostsOption} (nullable) names the hosts option in the error of an unreachable cluster.
     */
    public static RestoreWriteOptions checkTarget(ConnectionOptions target, RestoreWriteOptions write,
                                                  String hostsOption) {
        try (AerospikeClient client = connect(target, hostsOption)) {
            checkNamespace(client, write.namespace(), "target namespace");
            return withEditionDefaults(client, write);
        }
    }

    /** A client of {@code connection}; BadInputException (naming {@code hostsOption}, nullable) when unreachable. */
    public static AerospikeClient connect(ConnectionOptions connection, String hostsOption) {
        try {
            return AerospikeClients.create(connection);
        } catch (AerospikeClients.ClusterUnreachableException e) {
            throw new BadInputException(hostsOption == null ? e.getMessage() : hostsOption + ": " + e.getMessage(), e);
        }
    }

    /** BadInputException ("{@code what} 'ns' not found; the cluster has ...") when the cluster lacks it. */
    public static void checkNamespace(AerospikeClient client, String namespace, String what) {
        Set<String> namespaces = new InfoClient(client).namespaces();
        if (!namespaces.contains(namespace)) {
            throw new BadInputException(what + " '" + namespace + "' not found; the cluster has "
                    + String.join(", ", namespaces));
        }
    }

    /**
     * Deletes become durable deletes on Enterprise Edition (they leave tombstones, so a deleted
     * record cannot come back from a replica); Community Edition refuses the flag, so it stays off there.
     */
    public static RestoreWriteOptions withEditionDefaults(AerospikeClient client, RestoreWriteOptions write) {
        String edition = Info.request(null, client.getNodes()[0], "edition");
        if (write.durableDeletes() || edition == null || !edition.contains("Enterprise")) {
            return write;
        }
        LOG.info("target is {}: deletes are applied as durable deletes", edition);
        return write.withDurableDeletes();
    }
}
