package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.SubjectType;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIT {
    @TempDir
    Path dataDir;

    private LocalStackConfig config() {
        return new LocalStackConfig(Map.of(
                LocalStackConfig.DATA_DIR, dataDir.toString(),
                LocalStackConfig.KAFKA_PORT, "0",
                LocalStackConfig.KAFKA_CONTROLLER_PORT, "0",
                LocalStackConfig.REGISTRY_PORT, "0",
                LocalStackConfig.QUERY_PORT, "0",
                LocalStackConfig.TOPICS_PARTITIONS, "2",
                LocalStackConfig.REPLAY_SCENARIO, LocalStackConfig.NO_REPLAY));
    }

    static StatusEvent event(String id) {
        Instant at = Instant.parse("2025-10-20T06:55:00Z");
        return StatusEvent.newBuilder().setEventId(id).setSource("aws-health").setSubjectType(SubjectType.PROVIDER)
                .setSubject("aws/us-east-1").setProvider("aws").setRegion("us-east-1")
                .setStatus(ComponentStatus.PARTIAL_OUTAGE).setEventTime(at).setIngestTime(at).build();
    }

    @Test
    void stoppingAndStartingAgainKeepsTopicsRecordsAndSchemaIds() throws Exception {
        TopicNames names = config().topicNames();
        String subject = names.statusEvents() + "-value";
        int schemaId;
        String firstRegistryUrl;
        try (LocalStack stack = LocalStack.create(config()).start();
                AvroSerdes serdes = new AvroSerdes(stack.context().serdeConfig());
                KafkaTestContext kafka = KafkaTestContext.on(stack.context().bootstrapServers(), "first-run")) {
            firstRegistryUrl = stack.context().registryUrl();
            String dashboard = stack.context().endpoints().stream().filter(e -> e.name().equals("dashboard"))
                    .findFirst().orElseThrow().address();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>blastradius</title>");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard
                    + "health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            // no query.api.token set: the API is open (regression: the default password's mask became the token)
            HttpResponse<String> outages = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard
                    + "api/v1/outages")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(outages.statusCode()).as(outages.body()).isEqualTo(200);
            kafka.produce(Topics.create(names, serdes).statusEvents(),
                    List.of(Map.entry("aws/us-east-1", event("a")), Map.entry("aws/us-east-1", event("b")),
                            Map.entry("aws/us-east-1", event("c"))));
            schemaId = serdes.client().getId(subject, StatusEvent.getClassSchema());
        }

        try (LocalStack again = LocalStack.create(config()).start();
                AvroSerdes fresh = new AvroSerdes(again.context().serdeConfig());
                KafkaTestContext kafka = KafkaTestContext.on(again.context().bootstrapServers(), "second-run")) {
            assertThat(again.context().registryUrl()).isNotEqualTo(firstRegistryUrl); // port 0: a new port, same data
            assertThat(kafka.admin().listTopics().names().get()).containsAll(names.all());
            ConfigResource alerts = new ConfigResource(ConfigResource.Type.TOPIC, names.outageAlerts());
            assertThat(kafka.admin().describeConfigs(List.of(alerts)).all().get().get(alerts).get("retention.ms").value())
                    .isEqualTo("-1");
            // a fresh deserializer knows no ids: it fetches them from the restarted registry
            List<ConsumerRecord<String, StatusEvent>> read = kafka.consume(Topics.create(names, fresh).statusEvents(), 3);
            assertThat(read).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder(event("a"), event("b"), event("c"));
            assertThat(fresh.client().getId(subject, StatusEvent.getClassSchema())).isEqualTo(schemaId);
            assertThat(fresh.client().register(subject, StatusEvent.getClassSchema())).isEqualTo(schemaId);
            assertThat(fresh.client().getVersions(subject)).containsExactly(1);
        }
    }

    @Test
    void aStackThatCannotStartStopsWhatItStartedAndSaysWhy() throws Exception {
        try (LocalStack first = LocalStack.create(config()).start()) {
            // the same data directory is locked by the running broker
            LocalStack second = LocalStack.create(config());
            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("kafka part")
                    .hasMessageContaining("in use");
            assertThat(first.context().bootstrapServers()).isNotBlank();
        }
    }
}
