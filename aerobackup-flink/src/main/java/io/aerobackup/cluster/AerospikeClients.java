package io.aerobackup.cluster;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.config.ConnectionOptions;

/** Creates clients with a bounded connect time and an error that says which hosts failed. */
public final class AerospikeClients {
    private AerospikeClients() {
    }

    public static AerospikeClient create(ConnectionOptions options) {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = (int) options.connectTimeout().toMillis();
        policy.failIfNotConnected = true;
        try {
            return new AerospikeClient(policy, options.parsedHosts());
        } catch (AerospikeException e) {
            throw new ClusterUnreachableException("cannot connect to Aerospike at " + options.hosts() + " within "
                    + options.connectTimeout().toMillis() + " ms: " + e.getMessage()
                    + " (check --hosts and that the cluster is running)", e);
        }
    }

    /** No node of the seed list answered. */
    public static final class ClusterUnreachableException extends RuntimeException {
        public ClusterUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
