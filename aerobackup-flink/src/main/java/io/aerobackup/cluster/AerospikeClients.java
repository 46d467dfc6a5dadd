package io.aerobackup.cluster;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.policy.AuthMode;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.TlsPolicy;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.SecurityOptions;

/**
 * Creates every client the product uses, from {@link ConnectionOptions}: a bounded connect time,
 * TLS and login as the options say, and an error that says which hosts failed and why.
 */
public final class AerospikeClients {
    private AerospikeClients() {
    }

    public static AerospikeClient create(ConnectionOptions options) {
        ClientPolicy policy = policy(options);
        try {
            return new AerospikeClient(policy, options.parsedHosts());
        } catch (AerospikeException e) {
            throw new ClusterUnreachableException(ConnectFailures.describe(options, policy, e), e);
        }
    }

    /** The client policy of these options; reads the password (and key files) now. */
    static ClientPolicy policy(ConnectionOptions options) {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = (int) options.connectTimeout().toMillis();
        policy.loginTimeout = Math.max(policy.loginTimeout, policy.timeout);
        policy.failIfNotConnected = true;
        SecurityOptions security = options.security();
        if (security.tls()) {
            TlsPolicy tls = new TlsPolicy();
            tls.context = TlsContexts.create(security.caFile(), security.certFile(), security.keyFile());
            tls.protocols = security.protocols().toArray(new String[0]);
            policy.tlsPolicy = tls;
        }
        policy.authMode = security.authMode();
        if (security.user() != null && security.authMode() != AuthMode.PKI) {
            policy.user = security.user();
            policy.password = Passwords.read(security.password());
        }
        return policy;
    }

    /** No node of the seed list answered, or none let this client in (TLS, login). */
    public static final class ClusterUnreachableException extends RuntimeException {
        public ClusterUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
