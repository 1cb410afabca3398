package io.blastradius.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.topic.TopicNames;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunTopicsTest {
    @Test
    void theRunsOutageTopicKeepsEveryVersionAndEveryOtherTopicIsCreatedAsDeployed() {
        RunTopics run = new RunTopics("eval.x.0.s.", "eval.x.0.s.app");
        Map<String, TopicNames.TopicDefinition> created = run.definitions(3).stream()
                .collect(Collectors.toMap(TopicNames.TopicDefinition::name, Function.identity()));
        Map<String, TopicNames.TopicDefinition> deployed = run.names().definitions(3).stream()
                .collect(Collectors.toMap(TopicNames.TopicDefinition::name, Function.identity()));

        String outages = run.names().outages();
        assertThat(deployed.get(outages).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(created.get(outages).configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1");
        assertThat(created.get(outages).partitions()).isEqualTo(3);
        assertThat(created.keySet()).isEqualTo(deployed.keySet());
        deployed.keySet().stream().filter(name -> !name.equals(outages))
                .forEach(name -> assertThat(created.get(name)).isEqualTo(deployed.get(name)));
    }
}
