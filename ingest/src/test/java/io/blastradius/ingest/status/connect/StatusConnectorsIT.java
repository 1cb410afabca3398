package io.blastradius.ingest.status.connect;

import static io.blastradius.ingest.status.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.ingest.connect.EmbeddedConnectWorker;
import io.blastradius.ingest.connect.IngestSourceConfig;
import io.blastradius.ingest.http.ScriptedHttpServer;
import io.blastradius.ingest.http.ScriptedHttpServer.Reply;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status connectors in a real Connect worker on the in-JVM broker and the real registry, reading
 * local HTTP servers that serve the real formats; the records are read back as Avro.
 */
class StatusConnectorsIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path dataDir;

    private final ScriptedHttpServer server = new ScriptedHttpServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Map<String, String> common(TopicNames names) {
        Map<String, String> config = new HashMap<>();
        config.put("tasks.max", "1");
        config.put(IngestSourceConfig.TOPIC, names.statusEvents());
        config.put(IngestSourceConfig.DEAD_LETTER_TOPIC, names.deadLetters());
        config.put(StatusFeedConfig.POLL_INTERVAL_MS, "300");
        return config;
    }

    private Map<String, String> statuspage(TopicNames names) {
        Map<String, String> config = common(names);
        config.put("connector.class", StatuspageSourceConnector.class.getName());
        config.put(StatuspageConfig.PAGES, "examplechain");
        config.put("statuspage.page.examplechain.url", server.uri("/ex").toString());
        config.put("statuspage.page.examplechain.subject", "coinbase");
        return config;
    }

    private EmbeddedConnectWorker worker(KafkaTestContext kafka) {
        return EmbeddedConnectWorker.start(kafka.bootstrapServers(), REGISTRY.url(), dataDir, Map.of());
    }

    /** Reads the topic from the start until {@code atLeast} records came and then nothing more for a second. */
    private static <V> List<ConsumerRecord<String, V>> drain(KafkaTestContext kafka, String topic, Deserializer<V> values,
                                                            int atLeast) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        Map<String, Object> config = kafka.consumerConfig();
        config.put("group.id", kafka.name("drain") + System.nanoTime());
        config.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                int before = out.size();
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() > before) {
                    quietSince = System.nanoTime();
                } else if (out.size() >= atLeast && System.nanoTime() - quietSince > Duration.ofSeconds(1).toNanos()) {
                    break;
                }
            }
        }
        assertThat(out).as("records on %s", topic).hasSizeGreaterThanOrEqualTo(atLeast);
        return out;
    }

    @Test
    void aStatuspageConnectorWritesAvroStatusEventsAndAfterARestartNeitherRepeatsNorMissesAnUpdate(
            KafkaTestContext kafka) throws Exception {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        String connector = kafka.name("statuspage");
        server.always("/ex/api/v2/summary.json", Reply.json(text("statuspage-summary.json")));
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")));

        try (EmbeddedConnectWorker worker = worker(kafka)) {
            worker.startConnectorAndAwaitTasks(connector, statuspage(names), 1, Duration.ofSeconds(60));
            List<ConsumerRecord<String, StatusEvent>> first = drain(kafka, names.statusEvents(),
                    REGISTRY.valueDeserializer(StatusEvent.class), 10);

            assertThat(first).hasSize(10);
            ConsumerRecord<String, StatusEvent> rest = first.stream()
                    .filter(r -> "h6c2y8b0qr5e".equals(r.value().getUpdateId())).findFirst().orElseThrow();
            assertThat(rest.key()).isEqualTo("coinbase");
            assertThat(rest.timestamp()).isEqualTo(rest.value().getEventTime().toEpochMilli());
            assertThat(rest.value().getStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
            assertThat(rest.value().getSource()).isEqualTo("statuspage:x7k2p9q4m1zt");
        }

        // While the worker is down the page edits an update and posts a new one.
        server.always("/ex/api/v2/incidents.json", Reply.json(text("statuspage-incidents.json")
                .replace("Funds are safe.", "Funds are safe. Only Ethereum deposits were delayed.")
                .replace("\"updated_at\": \"2026-03-02T03:35:44.118-08:00\"", "\"updated_at\": \"2026-03-03T10:00:00.000-08:00\"")
                .replace("\"incident_updates\": [", "\"incident_updates\": [{\"id\":\"pm0rtem00001\",\"status\":\"postmortem\","
                        + "\"body\":\"Postmortem published.\",\"incident_id\":\"f1r8e3w5q9zx\",\"created_at\":"
                        + "\"2026-03-04T09:00:00.000-08:00\",\"updated_at\":\"2026-03-04T09:00:00.000-08:00\","
                        + "\"display_at\":\"2026-03-04T09:00:00.000-08:00\",\"affected_components\":null},")));

        try (EmbeddedConnectWorker restarted = worker(kafka)) {
            restarted.startConnectorAndAwaitTasks(connector, statuspage(names), 1, Duration.ofSeconds(60));
            List<ConsumerRecord<String, StatusEvent>> all = drain(kafka, names.statusEvents(),
                    REGISTRY.valueDeserializer(StatusEvent.class), 12);

            assertThat(all).hasSize(12);
            assertThat(all).extracting(r -> r.value().getEventId()).doesNotHaveDuplicates();
            assertThat(all.subList(10, 12)).extracting(r -> r.value().getUpdateId())
                    .containsExactlyInAnyOrder("pm0rtem00001", "d9f3g7h1j5k0");
            assertThat(all.subList(10, 12)).filteredOn(r -> "d9f3g7h1j5k0".equals(r.value().getUpdateId()))
                    .singleElement().satisfies(r -> {
                        assertThat(r.value().getIncidentId()).isEqualTo("f1r8e3w5q9zx");
                        assertThat(r.value().getBody()).endsWith("Only Ethereum deposits were delayed.");
                    });
        }
    }

    @Test
    void theAwsGoogleAndAzureConnectorsWriteScopedEventsAndDeadLetterAnUnreadableFeed(KafkaTestContext kafka)
            throws Exception {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
        utf16.write(text("aws-health-currentevents.json").getBytes(StandardCharsets.UTF_16BE));
        server.always("/aws/currentevents", Reply.ok("application/json;charset=utf-16", utf16.toByteArray()));
        server.always("/aws/rss/ec2-us-east-1.rss", Reply.xml(text("aws-health-rss.xml")));
        server.always("/aws/rss/s3-us-east-1.rss", Reply.xml("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item>"));
        server.always("/gcp/incidents.json", Reply.json(text("gcp-incidents.json")).gzipped());
        server.always("/azure/feed", Reply.xml(text("azure-status-rss.xml")));

        Map<String, String> aws = common(names);
        aws.put("connector.class", AwsHealthSourceConnector.class.getName());
        aws.put(AwsHealthConfig.CURRENT_EVENTS_URL, server.uri("/aws/currentevents").toString());
        aws.put(AwsHealthConfig.RSS_FEEDS, "ec2-us-east-1,s3-us-east-1");
        aws.put(AwsHealthConfig.RSS_URL_TEMPLATE, server.uri("/aws/rss/").toString() + "{feed}.rss");
        Map<String, String> gcp = common(names);
        gcp.put("connector.class", GcpStatusSourceConnector.class.getName());
        gcp.put(GcpStatusConfig.INCIDENTS_URL, server.uri("/gcp/incidents.json").toString());
        Map<String, String> azure = common(names);
        azure.put("connector.class", AzureStatusSourceConnector.class.getName());
        azure.put(AzureStatusConfig.FEED_URL, server.uri("/azure/feed").toString());

        try (EmbeddedConnectWorker worker = worker(kafka)) {
            worker.startConnectorAndAwaitTasks(kafka.name("aws"), aws, 1, Duration.ofSeconds(60));
            worker.startConnectorAndAwaitTasks(kafka.name("gcp"), gcp, 1, Duration.ofSeconds(60));
            worker.startConnectorAndAwaitTasks(kafka.name("azure"), azure, 1, Duration.ofSeconds(60));

            // AWS: 6 current-event updates + 5 RSS items; GCP: 2 + 4; Azure: 2
            List<ConsumerRecord<String, StatusEvent>> events = drain(kafka, names.statusEvents(),
                    REGISTRY.valueDeserializer(StatusEvent.class), 19);
            List<ConsumerRecord<String, DeadLetter>> letters = drain(kafka, names.deadLetters(),
                    REGISTRY.valueDeserializer(DeadLetter.class), 1);

            assertThat(events).hasSize(19);
            assertThat(events).extracting(ConsumerRecord::key).contains("aws/us-east-1/ec2", "aws/us-east-1/autoscaling",
                    "aws/global/cloudfront", "gcp/us-central1/cloud-run", "gcp/europe-west4/gcs",
                    "azure/westeurope/virtual-network", "azure/eastus2/vm");
            assertThat(events).extracting(r -> r.value().getSource())
                    .containsOnly("aws-health", "gcp-status", "azure-status");
            assertThat(letters).singleElement().satisfies(r -> {
                assertThat(r.key()).endsWith("/aws/rss/s3-us-east-1.rss");
                assertThat(r.value().getErrorMessage()).contains("not well-formed");
                assertThat(r.value().getStage()).isEqualTo("ingest/" + kafka.name("aws"));
            });
        }
    }
}
