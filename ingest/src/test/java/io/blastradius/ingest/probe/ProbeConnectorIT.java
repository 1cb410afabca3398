package io.blastradius.ingest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.blastradius.ingest.connect.EmbeddedConnectWorker;
import io.blastradius.ingest.connect.IngestSourceConfig;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.DependencySource;
import io.blastradius.schemas.ProbeErrorClass;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe connector in a real Connect worker on the in-JVM broker and the real registry, probing
 * local HTTP and HTTPS servers through a local DNS server, with a range file that puts loopback in
 * CloudFront: results and inferred dependencies land on their topics as Avro.
 */
class ProbeConnectorIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path dir;

    private LocalDnsServer dns;
    private ScriptedServer http;
    private ScriptedServer https;
    private TestCertificates certs;

    @BeforeEach
    void startServers() throws Exception {
        certs = new TestCertificates();
        http = ScriptedServer.http();
        https = ScriptedServer.https(certs.server(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(9)),
                "secure.test"));
        dns = new LocalDnsServer()
                .a("api.test", "127.0.0.1", 60)
                .a("secure.test", "127.0.0.1", 60)
                .cname("www.shop.test", "d111abcdef8.cloudfront.net", 300)
                .a("d111abcdef8.cloudfront.net", "127.0.0.1", 60);
    }

    @AfterEach
    void stopServers() throws Exception {
        http.close();
        https.close();
        dns.close();
    }

    private Map<String, String> connectorConfig(TopicNames names) throws Exception {
        Path ranges = dir.resolve("ip-ranges.json");
        Files.writeString(ranges, """
                {"syncToken": "1", "createDate": "2026-01-01-00-00-00",
                 "prefixes": [
                   {"ip_prefix": "127.0.0.0/8", "region": "GLOBAL", "service": "AMAZON", "network_border_group": "GLOBAL"},
                   {"ip_prefix": "127.0.0.0/8", "region": "GLOBAL", "service": "CLOUDFRONT", "network_border_group": "GLOBAL"}],
                 "ipv6_prefixes": []}""");
        Path truststore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            certs.trustStore().store(out, "secret".toCharArray());
        }
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", ProbeSourceConnector.class.getName());
        c.put("tasks.max", "2");
        c.put(IngestSourceConfig.TOPIC, names.probeResults());
        c.put(IngestSourceConfig.DEAD_LETTER_TOPIC, names.deadLetters());
        c.put(ProbeConnectorConfig.DEPENDENCIES_TOPIC, names.serviceDependencies());
        c.put(ProbeConnectorConfig.TARGETS, String.join(",",
                "shop|http://www.shop.test:" + http.port() + "/ok",
                "vault|https://secure.test:" + https.port() + "/ok",
                "down|HTTP|http://api.test:" + http.port() + "/status/503",
                "gone|https://missing.test/",
                "stuck|http://api.test:" + http.port() + "/hang"));
        c.put(ProbeConnectorConfig.INTERVAL_MS, "400");
        // Limits for classification, not speed: no local step comes near them even on a loaded 2-core
        // machine, except the hanging target's first byte, which never comes and ends it as READ_TIMEOUT.
        c.put(ProbeConnectorConfig.CHECK_TIMEOUT_MS, "30000");
        c.put(ProbeConnectorConfig.DNS_TIMEOUT_MS, "10000");
        c.put(ProbeConnectorConfig.CONNECT_TIMEOUT_MS, "10000");
        c.put(ProbeConnectorConfig.TLS_TIMEOUT_MS, "10000");
        c.put(ProbeConnectorConfig.FIRST_BYTE_TIMEOUT_MS, "3000");
        c.put(ProbeConnectorConfig.VANTAGE_ID, "probe-it");
        c.put(ProbeConnectorConfig.VANTAGE_REGION, "local");
        c.put(ProbeConnectorConfig.VANTAGE_ASN, "64512");
        c.put(ProbeConnectorConfig.RESOLVERS, "127.0.0.1:" + dns.udpAddress().getPort());
        c.put(ProbeConnectorConfig.RANGE_SOURCES, "aws=" + ranges);
        c.put(ProbeConnectorConfig.TRUSTSTORE_PATH, truststore.toString());
        c.put(ProbeConnectorConfig.TRUSTSTORE_PASSWORD, "secret");
        c.put(ProbeConnectorConfig.INFERENCE_MIN_CONFIDENCE, "0.5");
        return c;
    }

    /**
     * Registers the value schemas before two tasks race to do it: Apicurio answers the loser of two
     * concurrent first registrations of one subject with 409 "already exists", which the registry
     * client reads as "incompatible" (reported to the schemas owner; not what this test is about).
     */
    private static void registerValueSchemas(TopicNames names) {
        io.blastradius.schemas.serde.AvroSerdes serdes = REGISTRY.serdes();
        serdes.value(ProbeResult.class).serializer().serialize(names.probeResults(), sampleResult());
        serdes.value(ServiceDependency.class).serializer().serialize(names.serviceDependencies(), ServiceDependency.newBuilder()
                .setService("s").setTarget("aws/global").setKind(DependencyKind.HOSTING).setConfidence(1)
                .setTargetType(io.blastradius.schemas.DependencyTargetType.SCOPE)
                .setCriticality(io.blastradius.schemas.Criticality.CRITICAL).setSource(DependencySource.INFERRED)
                .setUpdatedAt(Instant.EPOCH).build());
    }

    private static ProbeResult sampleResult() {
        return ProbeResult.newBuilder().setProbeId("p").setCheckId("c")
                .setVantage(io.blastradius.schemas.Vantage.newBuilder().setId("v").setRegion("r").build())
                .setTarget(io.blastradius.schemas.ProbeTarget.newBuilder().setService("s").setEndpoint("e")
                        .setProtocol(io.blastradius.schemas.ProbeProtocol.HTTP).build())
                .setStartedAt(Instant.EPOCH).setIngestTime(Instant.EPOCH).setDurationMs(0).setSuccess(true)
                .setErrorClass(ProbeErrorClass.NONE).setTimings(io.blastradius.schemas.ProbeTimings.newBuilder().build())
                .build();
    }

    @Test
    void probesFromTwoTasksAndPublishesResultsAndInferredDependencies(KafkaTestContext kafka) throws Exception {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 1);
        registerValueSchemas(names);
        String connector = kafka.name("probe");
        try (EmbeddedConnectWorker worker = EmbeddedConnectWorker.start(kafka.bootstrapServers(), REGISTRY.url(),
                dir.resolve("connect"), Map.of())) {
            ConnectorStateInfo state = worker.startConnectorAndAwaitTasks(connector, connectorConfig(names), 2,
                    Duration.ofSeconds(60));
            assertThat(state.tasks()).hasSize(2);

            // every target reported at least once, the fast ones several times
            List<ConsumerRecord<String, ProbeResult>> records = new ArrayList<>();
            Map<String, List<ProbeResult>> byService = new HashMap<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                records.clear();
                records.addAll(kafka.consume(names.probeResults(), new StringDeserializer(),
                        REGISTRY.valueDeserializer(ProbeResult.class), 1, Duration.ofSeconds(30)));
                byService.clear();
                byService.putAll(records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(ConsumerRecord::value, Collectors.toList()))));
                assertThat(byService).containsKeys("shop", "vault", "down", "gone", "stuck");
                assertThat(byService.get("shop")).hasSizeGreaterThanOrEqualTo(3);
            });
            assertThat(records).allSatisfy(r -> {
                assertThat(r.value().getTarget().getService()).isEqualTo(r.key());
                assertThat(r.timestamp()).isEqualTo(r.value().getStartedAt().toEpochMilli());
                assertThat(r.value().getVantage().getId()).isEqualTo("probe-it");
                assertThat(r.value().getVantage().getAsn()).isEqualTo(64512L);
            });
            assertThat(byService.get("shop")).allSatisfy(r -> {
                assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue();
                assertThat(r.getCnames()).containsExactly("d111abcdef8.cloudfront.net");
                assertThat(r.getAttributions().get(0).getProviderService()).isEqualTo("cloudfront");
            });
            assertThat(byService.get("vault")).allSatisfy(r -> assertThat(r.getSuccess()).as(r.getErrorMessage()).isTrue());
            assertThat(byService.get("down")).allMatch(r -> r.getErrorClass() == ProbeErrorClass.HTTP_5XX);
            assertThat(byService.get("gone")).allMatch(r -> r.getErrorClass() == ProbeErrorClass.DNS_NXDOMAIN);
            assertThat(byService.get("stuck")).allMatch(r -> r.getErrorClass() == ProbeErrorClass.READ_TIMEOUT);
            // the hanging target ran less often than the others, but did not hold them back
            assertThat(byService.get("shop").size()).isGreaterThan(byService.get("stuck").size());

            List<ConsumerRecord<String, ServiceDependency>> deps = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                deps.clear();
                deps.addAll(kafka.consume(names.serviceDependencies(), new StringDeserializer(),
                        REGISTRY.valueDeserializer(ServiceDependency.class), 1, Duration.ofSeconds(20)));
                assertThat(deps).extracting(ConsumerRecord::key).contains("shop|aws/global/cloudfront");
            });
            ServiceDependency shop = deps.stream().filter(r -> r.key().equals("shop|aws/global/cloudfront"))
                    .map(ConsumerRecord::value).findFirst().orElseThrow();
            assertThat(shop.getSource()).isEqualTo(DependencySource.INFERRED);
            assertThat(shop.getKind()).isEqualTo(DependencyKind.CDN);
            assertThat(shop.getConfidence()).isGreaterThanOrEqualTo(0.5);
            assertThat(deps).noneMatch(r -> r.key().startsWith("gone|"));
        }
    }
}
