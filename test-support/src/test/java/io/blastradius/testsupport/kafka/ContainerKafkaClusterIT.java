package io.blastradius.testsupport.kafka;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract on an apache/kafka container; skipped (not failed) where there is no Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaClusterIT extends KafkaClusterContract {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.container();
}
