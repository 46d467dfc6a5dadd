package io.aerobackup.config;

import com.aerospike.client.Host;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How to reach the cluster. Immutable and serializable, so it travels with the job graph. */
public final class ConnectionOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> HOSTS = ConfigOptions.key("hosts").stringType().noDefaultValue();
    /** Milliseconds. */
    public static final ConfigOption<Long> CONNECT_TIMEOUT = ConfigOptions.key("connect-timeout").longType()
            .defaultValue(5000L);
    public static final List<ConfigOption<?>> OPTIONS = List.of(HOSTS, CONNECT_TIMEOUT);

    private final String hosts;
    private final Duration connectTimeout;

    public ConnectionOptions(String hosts, Duration connectTimeout) {
        this.hosts = validateHosts(hosts);
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    public static ConnectionOptions from(ReadableConfig config) {
        return new ConnectionOptions(config.get(HOSTS), Duration.ofMillis(config.get(CONNECT_TIMEOUT)));
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
