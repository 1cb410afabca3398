package io.blastradius.testsupport.kafka;

import io.blastradius.embedded.kafka.BrokerSettings;
import io.blastradius.embedded.kafka.EmbeddedKafkaBroker;
import io.blastradius.testsupport.TempDirectories;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.utils.Exit;

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
        guardTheTestJvm();
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

    /**
     * Kafka answers some fatal broker errors by exiting the JVM, which in a test would take the
     * whole test run down with a "forked VM terminated" and no report. In a test JVM an exit
     * request becomes an exception in the thread that made it, as in Kafka's own test harness.
     */
    private static void guardTheTestJvm() {
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("the embedded Kafka broker asked to exit the JVM (status " + status + "): "
                    + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("the embedded Kafka broker asked to halt the JVM (status " + status + "): "
                    + message);
        });
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
