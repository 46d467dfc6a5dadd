package io.aerobackup.config;

import com.aerospike.client.Host;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/** How to reach the cluster. Immutable and serializable, so it travels with the job graph. */
public final class ConnectionOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String hosts;
    private final Duration connectTimeout;

    public ConnectionOptions(String hosts, Duration connectTimeout) {
        this.hosts = validateHosts(hosts);
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** Checks a {@code host:port[,host:port]} list, naming the bad entry. */
    public static String validateHosts(String hosts) {
        if (hosts == null || hosts.isBlank()) {
            throw new IllegalArgumentException("--hosts is required: host:port[,host:port]");
        }
        for (String entry : hosts.split(",")) {
            String e = entry.trim();
            int colon = e.lastIndexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                throw new IllegalArgumentException("--hosts entry '" + e + "' is not host:port");
            }
            try {
                int port = Integer.parseInt(e.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("--hosts entry '" + e + "' has an invalid port; expected 1-65535");
            }
        }
        return hosts.trim();
    }

    public String hosts() {
        return hosts;
    }

    public Host[] parsedHosts() {
        return Host.parseHosts(hosts, 3000);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }
}
