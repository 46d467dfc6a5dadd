package io.aerobackup.config;

import com.aerospike.client.Host;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** How to reach the cluster. Immutable and serializable, so it travels with the job graph. */
public final class ConnectionOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> HOSTS = ConfigOptions.key("hosts").stringType().noDefaultValue();
    /** Milliseconds. */
    public static final ConfigOption<Long> CONNECT_TIMEOUT = ConfigOptions.key("connect-timeout").longType()
            .defaultValue(5000L);
    /** The connection's options, TLS and login ({@link SecurityOptions#OPTIONS}) included. */
    public static final List<ConfigOption<?>> OPTIONS = Stream.concat(Stream.of(HOSTS, CONNECT_TIMEOUT),
            SecurityOptions.OPTIONS.stream()).toList();

    private final String hosts;
    private final Duration connectTimeout;
    private final SecurityOptions security;

    /** Plain connection: no TLS, no login. */
    public ConnectionOptions(String hosts, Duration connectTimeout) {
        this(hosts, connectTimeout, SecurityOptions.NONE);
    }

    public ConnectionOptions(String hosts, Duration connectTimeout, SecurityOptions security) {
        this.hosts = validateHosts(hosts);
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.security = Objects.requireNonNull(security, "security");
    }

    public static ConnectionOptions from(ReadableConfig config) {
        return new ConnectionOptions(config.get(HOSTS), Duration.ofMillis(config.get(CONNECT_TIMEOUT)),
                SecurityOptions.from(config));
    }

    /** Checks a {@code host[:tls-name]:port[,...]} list, naming the bad entry. */
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

    /** The seeds; with TLS, hosts that name no TLS name of their own get {@code --tls-name}. */
    public Host[] parsedHosts() {
        Host[] parsed = Host.parseHosts(hosts, 3000);
        if (security.tls()) {
            for (int i = 0; i < parsed.length; i++) {
                if (parsed[i].tlsName == null) {
                    // --tls-name, else the host's own name, as HTTPS checks a server's name
                    String tlsName = security.tlsName() != null ? security.tlsName() : parsed[i].name;
                    parsed[i] = new Host(parsed[i].name, tlsName, parsed[i].port);
                }
            }
        }
        return parsed;
    }

    public SecurityOptions security() {
        return security;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }
}
