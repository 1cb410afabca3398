package io.blastradius.testsupport.kafka;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A broker in a Docker container ({@code apache/kafka} at the version of the Kafka clients on the
 * classpath), through Testcontainers. Needs a Docker engine: test classes that use it carry
 * {@code @Testcontainers(disabledWithoutDocker = true)} so they are reported as skipped where there
 * is none.
 */
public final class ContainerKafkaCluster implements KafkaCluster {
    private final DockerImageName image;
    private KafkaContainer container;

    public ContainerKafkaCluster() {
        this(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()));
    }

    public ContainerKafkaCluster(DockerImageName image) {
        this.image = image;
    }

    @Override
    public void start() {
        // built here, not in the constructor: a class skipped for lack of Docker never touches Docker
        container = new KafkaContainer(image);
        container.start();
    }

    @Override
    public String bootstrapServers() {
        if (container == null) {
            throw new IllegalStateException("the Kafka container is not running");
        }
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    @Override
    public String toString() {
        return "Kafka container " + image;
    }
}
