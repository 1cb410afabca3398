package io.blastradius.testsupport.kafka;

/**
 * A Kafka cluster that a test class runs against: the in-JVM broker or a Testcontainers broker.
 * Tests see only its bootstrap servers, so the same test body runs on both.
 */
public interface KafkaCluster extends AutoCloseable {

    /** Starts the cluster; returns when it serves clients. */
    void start();

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Stops the cluster and removes its data. Bounded and idempotent. */
    @Override
    void close();
}
