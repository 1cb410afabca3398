package io.blastradius.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The query service on a real topology: two instances of the app on the in-JVM broker and the real
 * registry, fed a small world in which DynamoDB in us-east-1 fails. Whichever instance is asked,
 * the answer is the same and names the host that served it. The last test stops an instance while
 * queries keep coming.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryServiceIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static KafkaTestContext kafka;
    private static TwoInstances instances;
    private static ApiClient a;
    private static ApiClient b;
    private static String outageId;

    @BeforeAll
    static void startTwoInstancesAndFeedTheWorld() throws Exception {
        kafka = KafkaTestContext.on(KAFKA.bootstrapServers(), "query-it");
        instances = new TwoInstances(kafka, REGISTRY.serdeConfig(), REGISTRY.serdes());
        instances.world.publishCatalog();
        instances.startBoth();
        instances.world.publishMinutes(0, QueryWorld.END);
        a = instances.clientOf(instances.a);
        b = instances.clientOf(instances.b);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ApiClient.Answer r = a.get("/api/v1/outages?state=ACKNOWLEDGED");
            return r.status() == 200 && r.data().size() == 1;
        });
        outageId = a.get("/api/v1/outages").data().get(0).get("id").asText();
        System.out.println("the outage: " + a.get("/api/v1/outages/" + outageId).data());
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void eitherInstanceListsTheSameOutagesAndNamesTheHostThatServedIt() {
        ApiClient.Answer fromA = a.get("/api/v1/outages?state=active");
        ApiClient.Answer fromB = b.get("/api/v1/outages?state=active");
        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromB.status()).isEqualTo(200);
        assertThat(fromA.data()).isEqualTo(fromB.data());
        JsonNode outage = fromA.data().get(0);
        assertThat(outage.get("scope").asText()).isEqualTo(QueryWorld.SCOPE);
        assertThat(outage.get("state").asText()).isEqualTo("ACKNOWLEDGED");
        // how far ahead of the provider: the whole replay is fed at once here, so the correlation stage may
        // see the provider's post before the probes' evidence; the gradual replay of DashboardBrowserIT shows a lead
        assertThat(outage.get("leadSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(outage.get("acknowledged").asText()).isNotBlank();
        assertThat(outage.has("blastRadius")).isFalse(); // lists carry summaries
        assertThat(fromA.servedBy()).isEqualTo(TwoInstances.hostOf(instances.a));
        assertThat(fromB.servedBy()).isEqualTo(TwoInstances.hostOf(instances.b));
        // the outages store lives on the correlation stage, which decides for every provider on one partition:
        // it was answered, by whichever instance owns it
        Set<Integer> partitions = new java.util.TreeSet<>();
        fromA.json().path("meta").path("sources").forEach(s -> s.path("partitions").forEach(p -> partitions.add(p.asInt())));
        assertThat(partitions).containsExactly(0);
    }

    @Test
    @Order(2)
    void anOutageIsServedByItsOwnerWhicheverInstanceIsAsked() {
        ApiClient.Answer fromA = a.get("/api/v1/outages/" + outageId);
        ApiClient.Answer fromB = b.get("/api/v1/outages/" + outageId);
        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromB.status()).isEqualTo(200);
        assertThat(fromA.data()).isEqualTo(fromB.data());
        assertThat(fromA.servedBy()).isEqualTo(fromB.servedBy())
                .isIn(TwoInstances.hostOf(instances.a), TwoInstances.hostOf(instances.b));
        assertThat(fromA.json().path("meta").path("replica").asText()).isEqualTo("active");
        JsonNode o = fromA.data();
        assertThat(o.path("transitions")).extracting(t -> t.get("to").asText())
                .containsSubsequence("SUSPECTED", "CONFIRMED", "ACKNOWLEDGED");
        assertThat(o.path("evidence").path("statusIncidentIds").get(0).asText()).isEqualTo("aws-42");
        assertThat(o.path("evidence").path("unhealthyDependents").asInt()).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(3)
    void theBlastRadiusShowsTheSecondOrderPathThroughInfura() {
        ApiClient.Answer r = b.get("/api/v1/outages/" + outageId + "/blast-radius");
        assertThat(r.status()).isEqualTo(200);
        JsonNode observed = r.data().get("observed");
        JsonNode metamask = StreamSupport.stream(observed.spliterator(), false)
                .filter(i -> i.get("service").asText().equals("metamask")).findFirst().orElseThrow();
        assertThat(metamask.get("path")).extracting(JsonNode::asText).containsExactly("metamask", "infura", QueryWorld.SCOPE);
        assertThat(r.data().path("impact").path("secondOrderServices").asInt()).isEqualTo(1);
        assertThat(r.data().path("impact").path("observedUsers").asLong()).isGreaterThanOrEqualTo(30_000_000L);
    }

    @Test
    @Order(4)
    void theTimelineCarriesTheThreeSignalsAndTheirTextVerbatim() {
        ApiClient.Answer fromA = a.get("/api/v1/outages/" + outageId + "/timeline");
        ApiClient.Answer fromB = b.get("/api/v1/outages/" + outageId + "/timeline");
        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.data()).isEqualTo(fromB.data());
        JsonNode t = fromA.data();
        List<JsonNode> minutes = new ArrayList<>();
        t.get("minutes").forEach(minutes::add);
        assertThat(minutes).isNotEmpty();
        int failuresBefore = minutes.stream().filter(m -> m.get("t").asText().compareTo("2025-10-20T07:00") < 0)
                .mapToInt(m -> m.get("probeFailures").asInt()).sum();
        int failuresDuring = minutes.stream().filter(m -> m.get("t").asText().compareTo("2025-10-20T07:01") >= 0)
                .mapToInt(m -> m.get("probeFailures").asInt()).max().orElse(0);
        assertThat(failuresBefore).isZero();
        assertThat(failuresDuring).isEqualTo(QueryWorld.HIT.size() * 4); // every check of every hit service, every minute
        assertThat(minutes.stream().mapToDouble(m -> m.get("complaints").asDouble()).sum()).isGreaterThan(1.0);
        assertThat(minutes.stream().mapToInt(m -> m.get("statusEvents").asInt()).sum()).isEqualTo(1);
        List<String> texts = new ArrayList<>();
        t.get("notes").forEach(n -> texts.add(n.path("text").asText("") + n.path("title").asText("")));
        assertThat(texts).contains(QueryWorld.SCRIPT_POST, QueryWorld.ONERROR_POST, QueryWorld.STATUS_BODY + QueryWorld.STATUS_TITLE);
    }

    @Test
    @Order(5)
    void aScopeTimelineEndsAtItsLatestSignal() {
        ApiClient.Answer r = b.get("/api/v1/scopes/aws/us-east-1/dynamodb/timeline");
        assertThat(r.status()).isEqualTo(200);
        JsonNode minutes = r.data().get("minutes");
        assertThat(minutes.get(minutes.size() - 1).get("t").asText()).isEqualTo("2025-10-20T07:29:00Z"); // minute 89, the last fed
        int attributed = 0;
        for (JsonNode m : minutes) {
            attributed += m.get("probeFailures").asInt();
        }
        assertThat(attributed).isGreaterThan(0);
        assertThat(a.get("/api/v1/scopes/aws/us-east-1/dynamodb/timeline").data()).isEqualTo(r.data());
    }

    @Test
    @Order(6)
    void aServiceShowsItsCurrentHealthAndHistoryFromEitherInstance() {
        ApiClient.Answer fromA = a.get("/api/v1/services/metamask");
        ApiClient.Answer fromB = b.get("/api/v1/services/metamask");
        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.data()).isEqualTo(fromB.data());
        assertThat(fromA.servedBy()).isEqualTo(fromB.servedBy());
        JsonNode s = fromA.data();
        assertThat(s.get("name").asText()).isEqualTo("MetaMask");
        assertThat(s.path("health").path("state").asText()).isIn("DOWN", "DEGRADED");
        assertThat(s.get("history").size()).isGreaterThan(1);
        assertThat(s.get("dependencies").get(0).get("target").asText()).isEqualTo("infura");
    }

    @Test
    @Order(7)
    void badParametersAre400NamingTheParameterAndUnknownIdsAre404() {
        assertBad(a.get("/api/v1/outages?limit=0"), "limit");
        assertBad(a.get("/api/v1/outages?limit=abc"), "limit");
        assertBad(a.get("/api/v1/outages?from=yesterday"), "from");
        assertBad(a.get("/api/v1/outages?from=2025-10-21T00:00:00Z&to=2025-10-20T00:00:00Z"), "from");
        assertBad(a.get("/api/v1/outages?state=BROKEN"), "state");
        assertBad(a.get("/api/v1/outages?provder=aws"), "provder");
        assertBad(a.get("/api/v1/outages?cursor=%21%21"), "cursor");
        assertBad(a.get("/api/v1/outages?scope=AWS//x/y"), "scope");
        assertBad(a.get("/api/v1/outages/" + outageId + "/timeline?before=-5"), "before");
        assertBad(b.get("/api/v1/services/Not%20An%20Id"), "service");
        ApiClient.Answer missing = b.get("/api/v1/outages/aws-eu-west-1-20250101T0000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").path("code").asText()).isEqualTo("not_found");
        assertThat(a.get("/api/v1/services/no-such-service").status()).isEqualTo(404);
        assertThat(a.get("/api/v1/nothing-here").status()).isEqualTo(404);
    }

    private static void assertBad(ApiClient.Answer r, String parameter) {
        assertThat(r.status()).as(r.raw().uri() + " " + r.raw().body()).isEqualTo(400);
        assertThat(r.json().path("error").path("parameter").asText()).isEqualTo(parameter);
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    }

    @Test
    @Order(8)
    void searchFiltersAndPagesTheOutages() {
        assertThat(a.get("/api/v1/outages?provider=aws&region=us-east-1&providerService=dynamodb").data()).hasSize(1);
        assertThat(a.get("/api/v1/outages?service=metamask").data()).hasSize(1);
        assertThat(a.get("/api/v1/outages?scope=aws/us-east-1").data()).hasSize(1);
        assertThat(a.get("/api/v1/outages?provider=gcp").data()).isEmpty();
        assertThat(a.get("/api/v1/outages?service=ec2u1").data()).isEmpty();
        assertThat(a.get("/api/v1/outages?state=resolved").data()).isEmpty();
        assertThat(a.get("/api/v1/outages?to=2025-10-20T06:30:00Z").data()).isEmpty();
        assertThat(a.get("/api/v1/outages?from=2025-10-20T07:05:00Z&to=2025-10-20T07:10:00Z").data()).hasSize(1);
        ApiClient.Answer page = a.get("/api/v1/outages?limit=1");
        assertThat(page.json().path("page").path("limit").asInt()).isEqualTo(1);
        assertThat(page.json().path("page").path("next").isNull()).isTrue();
    }

    @Test
    @Order(9)
    void theApiNeedsTheTokenButHealthAndMetricsDoNot() {
        ApiClient.Answer denied = a.getWithoutToken("/api/v1/outages");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(new ApiClient(instances.a.baseUrl(), "wrong").get("/api/v1/outages").status()).isEqualTo(401);
        assertThat(a.getWithoutToken("/internal/v1/outages?partitions=0").status()).isEqualTo(401);
        assertThat(a.getWithoutToken("/health/live").status()).isEqualTo(200);
        ApiClient.Answer ready = a.getWithoutToken("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("streamsState").asText()).isEqualTo("RUNNING");
        assertThat(a.getWithoutToken("/api/openapi.json").json().get("paths").has("/api/v1/outages/{id}/blast-radius")).isTrue();
        String metrics = a.getWithoutToken("/metrics").raw().body();
        assertThat(metrics).contains("blastradius_outages{state=\"ACKNOWLEDGED\"} 1.0", "blastradius_outage_alerts_total",
                "kafka_stream_", "jvm_memory_used_bytes", "http_server_requests_seconds_count",
                "blastradius_input_records_total");
    }

    @Test
    @Order(10)
    void theLiveStreamResumesFromALastEventIdAndSendsHeartbeats() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instances.b.baseUrl() + "/api/v1/events"))
                .header("Authorization", "Bearer " + TwoInstances.TOKEN)
                .header("Last-Event-ID", "0.0.0_0.0.0")
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        boolean heartbeat = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String line;
            while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                }
                if (line.startsWith(": heartbeat")) {
                    heartbeat = true;
                }
                if (heartbeat && events.stream().filter("transition"::equals).count() >= 3) {
                    break;
                }
            }
        }
        assertThat(events).contains("transition", "outage");
        assertThat(heartbeat).isTrue();
    }

    @Test
    @Order(11)
    void whileAnInstanceLeavesEveryAnswerIsRightOrRetryAndNoneHangs() throws Exception {
        String reference = a.get("/api/v1/outages/" + outageId).data().toString();
        QueryService leaving = instances.b;
        Thread stopper = new Thread(leaving::close);
        stopper.start();
        int ok = 0;
        int retry = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (System.nanoTime() < deadline && (stopper.isAlive() || ok < 20)) {
            long started = System.nanoTime();
            ApiClient.Answer r = a.get("/api/v1/outages/" + outageId);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(tookMs).as("answer time").isLessThan(5_000);
            if (r.status() == 200) {
                assertThat(r.data().toString()).isEqualTo(reference);
                ok++;
            } else {
                assertThat(r.status()).as(r.raw().body()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isNotNull();
                retry++;
            }
            Thread.sleep(20);
        }
        stopper.join(30_000);
        instances.b = null;
        assertThat(ok).isGreaterThan(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.get("/api/v1/outages/" + outageId).status() == 200
                && a.get("/api/v1/outages").status() == 200);
        assertThat(a.get("/api/v1/outages/" + outageId).servedBy()).isEqualTo(TwoInstances.hostOf(instances.a));
        System.out.printf("during the instance's departure: %d answers, %d retry%n", ok, retry);
    }
}
