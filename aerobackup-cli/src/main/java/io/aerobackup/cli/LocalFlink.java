package io.aerobackup.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * The environment a command runs its job in: a local cluster whose REST endpoint is on a free
 * loopback port, so the run can read its job's failure history (restarts and their causes) while
 * it waits.
 */
final class LocalFlink {
    private LocalFlink() {
    }

    /**
     * A local environment with the command's Flink {@code settings} ({@link FlinkConfigurationLoader}), its
     * {@code restartStrategy} (which wins over the settings) and a reachable REST endpoint.
     */
    static StreamExecutionEnvironment environment(Configuration settings, Configuration restartStrategy) {
        Configuration local = new Configuration(settings);
        local.addAll(restartStrategy);
        int port = freePort();
        local.set(RestOptions.ADDRESS, "127.0.0.1");
        local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        local.set(RestOptions.PORT, port);
        local.set(RestOptions.BIND_PORT, String.valueOf(port));
        // The REST API caches a job's state this long (default 3 s); a restart should show at once.
        local.set(WebOptions.REFRESH_INTERVAL, Duration.ofMillis(200));
        return StreamExecutionEnvironment.getExecutionEnvironment(local);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free local port for Flink's REST endpoint", e);
        }
    }
}
