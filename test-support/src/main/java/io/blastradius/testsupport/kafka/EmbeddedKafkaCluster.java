package io.blastradius.testsupport.kafka;

import io.blastradius.embedded.kafka.BrokerSettings;
import io.blastradius.embedded.kafka.EmbeddedKafkaBroker;
import io.blastradius.testsupport.TempDirectories;
import java.nio.file.Path;
import java.util.Map;

/** The real KRaft broker in this JVM ({@link EmbeddedKafkaBroker}) on free loopback ports and a fresh directory. */
public final class EmbeddedKafkaCluster implements KafkaCluster {
    private final Map<String, String> brokerOverrides;
    private Path dataDir;
    private EmbeddedKafkaBroker broker;

    /** @param brokerOverrides broker configs on top of the embedded defaults */
    public EmbeddedKafkaCluster(Map<String, String> brokerOverrides) {
        this.brokerOverrides = Map.copyOf(brokerOverrides);
    }

    @Override
    public void start() {
        dataDir = TempDirectories.create("blastradius-kafka-");
        broker = EmbeddedKafkaBroker.start(BrokerSettings.inDirectory(dataDir).withOverrides(brokerOverrides));
    }

    @Override
    public String bootstrapServers() {
        if (broker == null) {
            throw new IllegalStateException("the embedded broker is not running");
        }
        return broker.bootstrapServers();
    }

    /** The running broker, for tests that need more than bootstrap servers (its cluster id, its directory). */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            broker = null;
            TempDirectories.delete(dataDir);
        }
    }

    @Override
    public String toString() {
        return broker == null ? "embedded Kafka (stopped)" : broker.toString();
    }
}
