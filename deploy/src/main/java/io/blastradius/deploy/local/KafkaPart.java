package io.blastradius.deploy.local;

import io.blastradius.embedded.kafka.BrokerSettings;
import io.blastradius.embedded.kafka.EmbeddedKafkaBroker;

/** The single-node KRaft broker in this JVM, its log under {@code <data.dir>/kafka}. */
final class KafkaPart implements StackPart {
    private EmbeddedKafkaBroker broker;

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void start(StackContext context) {
        LocalStackConfig config = context.config();
        BrokerSettings settings = BrokerSettings.inDirectory(config.dataDir().resolve("kafka"))
                .withPorts(config.kafkaPort(), config.kafkaControllerPort())
                .withOverrides(config.brokerOverrides())
                .withShutdownTimeout(config.shutdownTimeout());
        broker = EmbeddedKafkaBroker.start(settings);
        context.publishBootstrapServers(broker.bootstrapServers());
        context.addEndpoint("kafka", broker.bootstrapServers(), "bootstrap.servers");
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
