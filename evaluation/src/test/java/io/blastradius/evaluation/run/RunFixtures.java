package io.blastradius.evaluation.run;

import io.blastradius.schemas.topic.TopicNames.TopicDefinition;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** What the runner's integration tests share: the test's cluster as a stack, and offset checks. */
final class RunFixtures {
    private RunFixtures() {
    }

    /** The test's broker and the class's registry as the run's stack; closing it leaves both to the extensions. */
    static EvaluationStack stack(KafkaTestContext kafka, String registryUrl) {
        return new EvaluationStack() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public String schemaRegistryUrl() {
                return registryUrl;
            }

            @Override
            public void ensureTopics(List<TopicDefinition> definitions) {
                kafka.provision(definitions);
            }

            @Override
            public void close() {
                // the extensions own the broker and the registry
            }
        };
    }

    /** End offset and the pipeline group's committed offset of the probe topic of the run under {@code prefix}. */
    record ProbeOffsets(long end, long committed) {
    }

    static ProbeOffsets probeOffsets(KafkaTestContext kafka, String prefix) throws Exception {
        String probes = kafka.admin().listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(prefix) && t.endsWith(".probe-results")).findFirst().orElseThrow();
        String group = probes.replace(".probe-results", ".app");
        TopicPartition tp = new TopicPartition(probes, 0);
        long end = kafka.admin().listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp)
                .get(30, TimeUnit.SECONDS).offset();
        long committed = kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).get(tp).offset();
        return new ProbeOffsets(end, committed);
    }
}
