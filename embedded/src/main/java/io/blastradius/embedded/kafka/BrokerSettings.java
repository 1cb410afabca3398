package io.blastradius.embedded.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run an {@link EmbeddedKafkaBroker}.
 *
 * @param dataDir the broker's own log directory (created and formatted on first use, reused as is
 *     afterwards); nothing else may live in it, the broker treats every sub-directory as a partition
 * @param port the client listener port, or 0 to pick a free one
 * @param controllerPort the KRaft controller listener port, or 0 to pick a free one
 * @param overrides broker configs applied last, over the defaults of {@link EmbeddedKafkaBroker}
 * @param shutdownTimeout how long {@link EmbeddedKafkaBroker#close()} waits for the broker to stop
 */
public record BrokerSettings(Path dataDir, int port, int controllerPort, Map<String, String> overrides,
        Duration shutdownTimeout) {

    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (port < 0 || port > 65535 || controllerPort < 0 || controllerPort > 65535) {
            throw new IllegalArgumentException("ports must be in 0..65535, got " + port + " and " + controllerPort);
        }
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("client and controller listeners need different ports, got " + port);
        }
        overrides = Map.copyOf(overrides);
    }

    /** Free ephemeral ports, default configs, 30 s to shut down: what a test wants. */
    public static BrokerSettings inDirectory(Path dataDir) {
        return new BrokerSettings(dataDir, 0, 0, Map.of(), Duration.ofSeconds(30));
    }

    public BrokerSettings withPorts(int clientPort, int controllerListenerPort) {
        return new BrokerSettings(dataDir, clientPort, controllerListenerPort, overrides, shutdownTimeout);
    }

    /** These settings with {@code more} broker configs on top of the existing overrides. */
    public BrokerSettings withOverrides(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(overrides);
        merged.putAll(more);
        return new BrokerSettings(dataDir, port, controllerPort, merged, shutdownTimeout);
    }

    public BrokerSettings withShutdownTimeout(Duration timeout) {
        return new BrokerSettings(dataDir, port, controllerPort, overrides, timeout);
    }
}
