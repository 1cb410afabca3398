package io.blastradius.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.blastradius.schemas.BlastRadius;
import io.blastradius.schemas.Impact;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageEvidence;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's alert part on a real broker and registry: the stack's alerts reach a webhook. */
class AlertsPartIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @Test
    void deliversTheStacksAlertsToTheWebhookInTheAlertsFile(KafkaTestContext kafka, @TempDir Path dir) throws Exception {
        kafka.createTopics(kafka.topicNames(), 1);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        kafka.track(() -> server.stop(0));
        Path alerts = dir.resolve("alerts.properties");
        Files.writeString(alerts, String.join("\n",
                "bootstrap.servers=ignored:1",
                "schema.registry.url=http://ignored:1",
                "group.id=" + kafka.name("alerts"),
                "destinations=hook",
                "destination.hook.type=webhook",
                "destination.hook.url=${HOOK_URL}"));
        LocalStackConfig config = new LocalStackConfig(Map.of(LocalStackConfig.TOPICS_PREFIX, kafka.testId() + ".",
                LocalStackConfig.ALERTS_CONFIG, alerts.toString()));
        StackContext context = new StackContext(config);
        context.publishBootstrapServers(kafka.bootstrapServers());
        context.publishRegistryUrl(REGISTRY.url());
        AlertsPart part = new AlertsPart(Map.of("HOOK_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
        kafka.track(part::stop);

        part.start(context);
        Topics topics = Topics.create(kafka.topicNames(), REGISTRY.serdes());
        kafka.produce(topics.outageAlerts(), List.of(Map.entry("o1", alert())));

        String delivered = received.poll(60, TimeUnit.SECONDS);
        assertThat(delivered).startsWith("o1:1 ").contains("\"scope\":\"aws/us-east-1\"");
        assertThat(context.endpoints()).anySatisfy(e -> assertThat(e.address()).isEqualTo("hook (webhook)"));
        part.stop();
    }

    @Test
    void doesNothingWithoutAnAlertsFile() {
        StackContext context = new StackContext(new LocalStackConfig(Map.of()));
        AlertsPart part = new AlertsPart(Map.of());
        part.start(context);
        part.stop();
        assertThat(context.endpoints()).isEmpty();
    }

    private static OutageAlert alert() {
        Instant at = Instant.parse("2025-10-20T07:00:00Z");
        Outage outage = Outage.newBuilder().setOutageId("o1").setScope("aws/us-east-1").setProvider("aws")
                .setRegion("us-east-1").setState(OutageState.SUSPECTED).setOnset(at).setDetected(at).setUpdatedAt(at)
                .setConfidence(0.6)
                .setEvidence(OutageEvidence.newBuilder().setUnhealthyDependents(3).setTotalDependents(10)
                        .setExpectedUnhealthy(0.2).setSurprise(4).setAttributedProbeFailures(2).setComplaints(1)
                        .setProviderComplaints(0).build())
                .setBlastRadius(BlastRadius.newBuilder().setObserved(List.of()).setAtRisk(List.of())
                        .setImpact(Impact.newBuilder().setObservedServices(0).setAtRiskServices(0).setObservedUsers(0)
                                .setAtRiskUsers(0).setSecondOrderServices(0).build()).build())
                .build();
        return OutageAlert.newBuilder().setAlertId("o1:1").setOutageId("o1").setSequence(1)
                .setState(OutageState.SUSPECTED).setAt(at).setReason("3 of 10 dependents failing").setOutage(outage)
                .build();
    }
}
