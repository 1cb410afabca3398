package io.blastradius.evaluation.run;

import io.blastradius.schemas.topic.TopicNames.TopicDefinition;
import java.util.List;

/**
 * The Kafka cluster and schema registry a run uses: started for the run (the embedded stack) or an
 * existing one. Closing it stops what it started and nothing else.
 */
public interface EvaluationStack extends AutoCloseable {
    String bootstrapServers();

    /** Confluent-compatible registry URL(s), as {@code schema.registry.url} takes them. */
    String schemaRegistryUrl();

    /** Makes the topics exist with their configs (idempotent). */
    void ensureTopics(List<TopicDefinition> definitions) throws Exception;

    @Override
    void close() throws Exception;
}
