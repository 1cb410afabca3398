package io.blastradius.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaClusterIT extends KafkaClusterContract {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();

    @Test
    void theEmbeddedBrokerIsReachedThroughLoopback(KafkaTestContext kafka) {
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:").isEqualTo(KAFKA.bootstrapServers());
    }
}
