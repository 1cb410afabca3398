package io.blastradius.alerts.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blastradius.alerts.config.AlertsConfig;
import io.blastradius.alerts.delivery.DeliveryProgress;
import io.blastradius.alerts.testing.AlertFixtures;
import io.blastradius.alerts.testing.FakePagerDuty;
import io.blastradius.alerts.testing.IdempotentReceiver;
import io.blastradius.alerts.testing.Receiver;
import io.blastradius.alerts.testing.Receiver.Answer;
import io.blastradius.alerts.testing.Receiver.Request;
import io.blastradius.schemas.AlertDeadLetter;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The subscriber on the real in-JVM broker and the real registry, delivering to local HTTP receivers. */
class AlertSubscriberIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTING_KEY = "R0UT1NGKEY00000000000000000000AB";

    private static Map<String, String> settings(KafkaTestContext kafka) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", kafka.bootstrapServers());
        c.put("schema.registry.url", REGISTRY.url());
        c.put("topics.prefix", kafka.testId() + ".");
        c.put("group.id", kafka.name("alerts"));
        c.put("commit.interval.ms", "100");
        c.put("shutdown.timeout.ms", "5000");
        c.put("destinations", "");
        return c;
    }

    /** Adds a destination with quick retries to {@code c}. */
    private static void destination(Map<String, String> c, String name, String type, String url, String... extra) {
        c.merge("destinations", name, (a, b) -> a.isEmpty() ? b : a + "," + b);
        String p = "destination." + name + ".";
        c.put(p + "type", type);
        c.put(p + "url", url);
        c.put(p + "timeout.ms", "2000");
        c.put(p + "retry.initial.backoff.ms", "20");
        c.put(p + "retry.max.backoff.ms", "300");
        c.put(p + "retry.max.attempts", "8");
        for (int i = 0; i < extra.length; i += 2) {
            c.put(p + extra[i], extra[i + 1]);
        }
    }

    private static AlertSubscriber start(KafkaTestContext kafka, Map<String, String> settings) {
        return kafka.track(AlertSubscriber.create(new AlertsConfig(settings, Map.of())).start());
    }

    private static Topics topics(KafkaTestContext kafka) {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 3);
        return Topics.create(names, REGISTRY.serdes());
    }

    private static void produce(KafkaTestContext kafka, Topics topics, List<OutageAlert> alerts) {
        kafka.produce(topics.outageAlerts(), alerts.stream().map(a -> Map.entry(a.getOutageId(), a)).toList());
    }

    /** The alerts of several outages interleaved as the topology would write them: by event time. */
    private static List<OutageAlert> interleaved(List<List<OutageAlert>> lifecycles) {
        List<OutageAlert> all = new ArrayList<>();
        lifecycles.forEach(all::addAll);
        all.sort((a, b) -> a.getAt().compareTo(b.getAt()));
        return all;
    }

    private static Map<String, List<String>> byOutage(List<Request> requests) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Request r : requests) {
            String id = r.header("Idempotency-Key");
            out.computeIfAbsent(id.substring(0, id.lastIndexOf(':')), k -> new ArrayList<>()).add(id);
        }
        return out;
    }

    private static long committed(KafkaTestContext kafka, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static void awaitCommitted(KafkaTestContext kafka, String group, long expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = committed(kafka, group);
            if (seen == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("committed " + seen + " records, expected " + expected);
    }

    @Test
    void aSlowDestinationHoldsUpNeitherTheOthersNorAnythingButTheCommit(KafkaTestContext kafka) throws Exception {
        Topics topics = topics(kafka);
        CountDownLatch slowReleased = new CountDownLatch(1);
        try (Receiver slow = new Receiver(); IdempotentReceiver fast = new IdempotentReceiver()) {
            slow.answer(r -> {
                try {
                    slowReleased.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Answer.status(200);
            });
            Map<String, String> c = settings(kafka);
            destination(c, "slow", "webhook", slow.url("/hook").toString(), "timeout.ms", "90000");
            destination(c, "fast", "webhook", fast.url().toString());
            List<OutageAlert> alerts = interleaved(List.of(AlertFixtures.lifecycle("aws-use1", "aws/us-east-1"),
                    AlertFixtures.lifecycle("cf-global", "cloudflare/global/cdn")));
            produce(kafka, topics, alerts);
            start(kafka, c);

            fast.awaitEffects(10, WAIT);
            Thread.sleep(500); // a few commit intervals
            assertThat(committed(kafka, c.get("group.id"))).as("nothing committed while 'slow' owes the first alerts")
                    .isZero();
            assertThat(slow.requests()).hasSizeLessThanOrEqualTo(2); // one per outage, each stuck on its first alert

            slowReleased.countDown();
            slow.await(10, WAIT);
            awaitCommitted(kafka, c.get("group.id"), 10);
            assertThat(byOutage(slow.requests())).containsEntry("aws-use1", ids("aws-use1"))
                    .containsEntry("cf-global", ids("cf-global"));
            assertThat(byOutage(fast.effects())).containsEntry("aws-use1", ids("aws-use1"));
        }
    }

    private static void awaitRequest(Receiver receiver, String alertId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (receiver.requests().stream().noneMatch(r -> alertId.equals(r.header("Idempotency-Key")))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(alertId + " never arrived");
            }
            Thread.sleep(20);
        }
    }

    private static List<String> ids(String outageId) {
        return List.of(outageId + ":1", outageId + ":2", outageId + ":3", outageId + ":4", outageId + ":5");
    }

    @Test
    void aCrashMidOutageLosesNothingAndTheIdempotencyKeyAbsorbsWhatComesAgain(KafkaTestContext kafka) throws Exception {
        Topics topics = topics(kafka);
        List<List<OutageAlert>> outages = List.of(AlertFixtures.lifecycle("o1", "aws/us-east-1"),
                AlertFixtures.lifecycle("o2", "gcp/global"), AlertFixtures.lifecycle("o3", "cloudflare/global/cdn"));
        CountDownLatch crashed = new CountDownLatch(1);
        try (IdempotentReceiver hook = new IdempotentReceiver(); FakePagerDuty pd = new FakePagerDuty(ROUTING_KEY)) {
            // o3:2 is under way when the process dies: its answer never comes
            hook.failWith(r -> r.header("Idempotency-Key").equals("o3:2") && crashed.getCount() > 0
                    ? Answer.hang() : null);
            Map<String, String> c = settings(kafka);
            c.put("commit.interval.ms", "600000"); // the crash comes before any commit: everything is read again
            destination(c, "hook", "webhook", hook.url().toString());
            destination(c, "pd", "pagerduty", pd.url().toString(), "routing.key", ROUTING_KEY);
            // the outages are under way: the first three transitions of each
            produce(kafka, topics, interleaved(outages.stream().map(l -> l.subList(0, 3)).toList()));

            AlertSubscriber first = AlertSubscriber.create(new AlertsConfig(c, Map.of())).start();
            hook.awaitEffects(7, WAIT); // all but o3:2, which hangs, and o3:3, which waits behind it
            awaitRequest(hook.receiver(), "o3:2");
            pd.receiver().await(3, WAIT); // the three CONFIRMED triggers
            first.abort();
            crashed.countDown();
            assertThat(committed(kafka, c.get("group.id"))).isZero();
            int deliveredBeforeCrash = hook.effects().size();
            assertThat(deliveredBeforeCrash).isEqualTo(7);

            // the outages go on while the subscriber is down, and it comes back
            produce(kafka, topics, interleaved(outages.stream().map(l -> l.subList(3, 5)).toList()));
            c.put("commit.interval.ms", "100");
            AlertSubscriber second = start(kafka, c);
            hook.awaitEffects(15, WAIT);
            awaitCommitted(kafka, c.get("group.id"), 15);
            second.close();

            Map<String, List<String>> effects = byOutage(hook.effects());
            assertThat(effects).containsEntry("o1", ids("o1")).containsEntry("o2", ids("o2")).containsEntry("o3", ids("o3"));
            assertThat(hook.duplicates()).as("what was delivered before the crash came again").isEqualTo(deliveredBeforeCrash);
            for (String outage : List.of("o1", "o2", "o3")) {
                List<FakePagerDuty.Incident> incidents = pd.incidents("blastradius/" + outage);
                assertThat(incidents).as(outage).hasSize(1);
                assertThat(incidents.get(0).open).isFalse();
                assertThat(incidents.get(0).actions).as(outage).containsExactly("trigger", "trigger", "resolve");
            }
        }
    }

    /**
     * Waits for a commit that covers all {@code records} and in which each destination of
     * {@code owed} still owes exactly that many of them (the committed offsets themselves may lie
     * behind, held by the destination that owes most).
     */
    private static void awaitProgress(KafkaTestContext kafka, String group, long records, Map<String, Integer> owed)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long covered = 0;
            Map<String, Integer> owing = new HashMap<>();
            owed.keySet().forEach(d -> owing.put(d, 0));
            for (OffsetAndMetadata o : offsets.values()) {
                if (o == null) {
                    continue;
                }
                DeliveryProgress progress = DeliveryProgress.decode(o.metadata());
                covered += progress == null ? o.offset() : progress.next();
                if (progress != null) {
                    owed.keySet().forEach(d -> owing.merge(d, progress.owed().get(d).size(), Integer::sum));
                }
            }
            seen = offsets.toString();
            if (covered == records && owing.equals(owed)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no commit with " + owed + " owed yet: " + seen);
    }

    /** Issue 9, item 4, where the committed offset cannot help: one destination holds it back when the process dies. */
    @Test
    void aCrashWhileOneDestinationHoldsBackTheCommitSendsTheOthersNothingAgain(KafkaTestContext kafka)
            throws Exception {
        Topics topics = topics(kafka);
        List<List<OutageAlert>> outages = List.of(AlertFixtures.lifecycle("o1", "aws/us-east-1"),
                AlertFixtures.lifecycle("o2", "gcp/global"));
        CountDownLatch crashed = new CountDownLatch(1);
        try (IdempotentReceiver stuck = new IdempotentReceiver(); FakePagerDuty pd = new FakePagerDuty(ROUTING_KEY);
                Receiver slack = new Receiver()) {
            // the webhook hangs on o1's first alert until the process dies: its partition's offset stays at 0
            stuck.failWith(r -> r.header("Idempotency-Key").equals("o1:1") && crashed.getCount() > 0
                    ? Answer.hang() : null);
            slack.answer(r -> Answer.status(200, "ok")); // Slack has no idempotency key: every request is a message
            Map<String, String> c = settings(kafka);
            destination(c, "stuck", "webhook", stuck.url().toString(), "timeout.ms", "600000");
            destination(c, "pd", "pagerduty", pd.url().toString(), "routing.key", ROUTING_KEY);
            destination(c, "slack", "slack", slack.url("/services/T0/B0/x").toString());
            // whole outages, so PagerDuty has resolved both incidents before the crash
            produce(kafka, topics, interleaved(outages));

            AlertSubscriber first = AlertSubscriber.create(new AlertsConfig(c, Map.of())).start();
            pd.receiver().await(4, WAIT); // per outage: the CONFIRMED trigger and the RESOLVED resolve
            slack.await(10, WAIT);
            awaitRequest(stuck.receiver(), "o1:1");
            stuck.awaitEffects(5, WAIT); // o2's
            // committed: the stuck webhook owes o1's five alerts, PagerDuty and Slack nothing
            awaitProgress(kafka, c.get("group.id"), 10, Map.of("stuck", 5, "pd", 0, "slack", 0));
            assertThat(committed(kafka, c.get("group.id"))).as("o1's partition held at o1:1").isLessThan(10);
            first.abort();
            crashed.countDown();
            int pdRequests = pd.receiver().requests().size();

            AlertSubscriber second = start(kafka, c);
            stuck.awaitEffects(10, WAIT);
            awaitCommitted(kafka, c.get("group.id"), 10);
            second.close();

            assertThat(pd.receiver().requests()).as("PagerDuty got nothing again").hasSize(pdRequests);
            for (String outage : List.of("o1", "o2")) {
                List<FakePagerDuty.Incident> incidents = pd.incidents("blastradius/" + outage);
                assertThat(incidents).as(outage).hasSize(1);
                assertThat(incidents.get(0).actions).as(outage).containsExactly("trigger", "resolve");
                assertThat(incidents.get(0).open).isFalse();
            }
            assertThat(slack.requests()).as("no Slack message twice").hasSize(10);
            assertThat(byOutage(stuck.effects())).containsEntry("o1", ids("o1")).containsEntry("o2", ids("o2"));
            assertThat(stuck.duplicates()).isZero();
            // o1's alerts at least were read again and passed over (PagerDuty's filter leaves SUSPECTED out)
            assertThat(second.stats().get("pd").duplicates()).isGreaterThanOrEqualTo(4);
            assertThat(second.stats().get("slack").duplicates()).isGreaterThanOrEqualTo(5);
        }
    }

    /** Issue 9, item 2: the resolve after a restart mid-outage, through a filter that the resolve alone would not pass. */
    @Test
    void aResolveAfterARestartMidOutageReachesPagerDutyThroughAConfidenceFilter(KafkaTestContext kafka)
            throws Exception {
        Topics topics = topics(kafka);
        List<OutageAlert> lifecycle = AlertFixtures.lifecycle("o1", "aws/us-east-1"); // confidence 0.9 confirmed, 0.3 resolved
        try (FakePagerDuty pd = new FakePagerDuty(ROUTING_KEY)) {
            Map<String, String> c = settings(kafka);
            destination(c, "pd", "pagerduty", pd.url().toString(), "routing.key", ROUTING_KEY,
                    "filter.min.confidence", "0.8");
            produce(kafka, topics, lifecycle.subList(0, 3));
            AlertSubscriber first = start(kafka, c);
            pd.receiver().await(1, WAIT);
            awaitCommitted(kafka, c.get("group.id"), 3);
            first.close();

            produce(kafka, topics, lifecycle.subList(3, 5));
            AlertSubscriber second = start(kafka, c);
            awaitCommitted(kafka, c.get("group.id"), 5);
            second.close();

            assertThat(lifecycle.get(4).getOutage().getConfidence()).isLessThan(0.8);
            List<FakePagerDuty.Incident> incidents = pd.incidents("blastradius/o1");
            assertThat(incidents).hasSize(1);
            assertThat(incidents.get(0).actions).containsExactly("trigger", "resolve");
            assertThat(incidents.get(0).open).isFalse();
        }
    }

    @Test
    void deadLettersWhatADestinationRefusesAsAvroAndMovesOn(KafkaTestContext kafka) throws Exception {
        Topics topics = topics(kafka);
        try (Receiver refusing = new Receiver(); IdempotentReceiver fine = new IdempotentReceiver()) {
            refusing.answer(r -> r.header("Idempotency-Key").endsWith(":5") ? Answer.status(200)
                    : Answer.status(422, "{\"error\":\"unprocessable\"}"));
            Map<String, String> c = settings(kafka);
            destination(c, "refusing", "webhook", refusing.url("/hook").toString());
            destination(c, "fine", "webhook", fine.url().toString());
            produce(kafka, topics, AlertFixtures.lifecycle("o1", "aws/us-east-1"));
            start(kafka, c);

            List<ConsumerRecord<String, AlertDeadLetter>> letters = kafka.consume(topics.alertDeadLetters(), 4);
            assertThat(letters).extracting(ConsumerRecord::key).containsOnly("o1");
            assertThat(letters).extracting(r -> r.value().getAlert().getAlertId())
                    .containsExactly("o1:1", "o1:2", "o1:3", "o1:4");
            assertThat(letters.get(0).value().getDestination()).isEqualTo("refusing");
            assertThat(letters.get(0).value().getLastStatus()).isEqualTo(422);
            assertThat(letters.get(0).value().getSubscriberGroup()).isEqualTo(c.get("group.id"));
            assertThat(letters.get(0).value().getSourceTopic()).isEqualTo(topics.outageAlerts().name());
            fine.awaitEffects(5, WAIT);
            awaitCommitted(kafka, c.get("group.id"), 5);
            assertThat(refusing.requests()).hasSize(5); // refused outright: no retries
        }
    }

    @Test
    void passesOverAnUnreadableRecordLeavingItOnTheDeadLetterTopic(KafkaTestContext kafka) throws Exception {
        Topics topics = topics(kafka);
        try (IdempotentReceiver hook = new IdempotentReceiver()) {
            kafka.produce(new ByteArraySerializer(), new ByteArraySerializer(), List.of(new ProducerRecord<>(
                    topics.outageAlerts().name(), 0, "o1".getBytes(StandardCharsets.UTF_8),
                    "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))));
            List<OutageAlert> alerts = AlertFixtures.lifecycle("o1", "aws/us-east-1");
            kafka.produce(topics.outageAlerts().keySerde().serializer(), topics.outageAlerts().valueSerde().serializer(),
                    alerts.stream().map(a -> new ProducerRecord<>(topics.outageAlerts().name(), 0, a.getOutageId(), a))
                            .toList());
            Map<String, String> c = settings(kafka);
            destination(c, "hook", "webhook", hook.url().toString());
            start(kafka, c);

            hook.awaitEffects(5, WAIT);
            List<ConsumerRecord<String, DeadLetter>> letters = kafka.consume(topics.deadLetters(), 1);
            DeadLetter letter = letters.get(0).value();
            assertThat(letter.getStage()).isEqualTo("alerts/deserialize");
            assertThat(letter.getOffset()).isZero();
            assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("{\"not\":\"avro\"}");
            awaitCommitted(kafka, c.get("group.id"), 6);
        }
    }

    @Test
    void publishesTheJsonFormKeyedByOutageInOrder(KafkaTestContext kafka) throws Exception {
        Topics topics = topics(kafka);
        Map<String, String> c = settings(kafka);
        c.put("json.topic.enabled", "true");
        c.put("dashboard.url", "http://127.0.0.1:8080/#/outages/{outageId}");
        produce(kafka, topics, interleaved(List.of(AlertFixtures.lifecycle("o1", "aws/us-east-1"),
                AlertFixtures.lifecycle("o2", "gcp/global"))));
        start(kafka, c);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.consume(kafka.topicNames().outageAlertsJson(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), 10);
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode alert = JSON.readTree(r.value());
            assertThat(alert.get("schema").asText()).isEqualTo("blastradius.outage-alert/v1");
            assertThat(new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("application/json");
            byKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(alert.get("alertId").asText());
            assertThat(alert.at("/links/dashboard").asText()).startsWith("http://127.0.0.1:8080/#/outages/o");
        }
        assertThat(byKey).containsEntry("o1", ids("o1")).containsEntry("o2", ids("o2"));
    }

    /**
     * The check of issue 9: several outages replayed to a PagerDuty-like and a Slack-like receiver,
     * both failing now and then (500s, 429 with Retry-After, a timeout); one incident per outage,
     * triggered and resolved once, in order, and every Slack message once, in order.
     */
    @Test
    void pagerDutyAndSlackGetOneIncidentPerOutageTriggeredAndResolvedOnceInOrderDespiteFailures(KafkaTestContext kafka)
            throws Exception {
        Topics topics = topics(kafka);
        List<List<OutageAlert>> lifecycles = new ArrayList<>();
        String[] scopes = {"aws/us-east-1", "aws/us-east-1/dynamodb", "gcp/global/service-control",
            "cloudflare/global/cdn", "azure/westeurope", "aws/eu-west-1"};
        for (int i = 0; i < scopes.length; i++) {
            lifecycles.add(AlertFixtures.lifecycle("outage-" + i, scopes[i]));
        }
        AtomicInteger pdCalls = new AtomicInteger();
        AtomicInteger slackCalls = new AtomicInteger();
        try (FakePagerDuty pd = new FakePagerDuty(ROUTING_KEY);
                IdempotentReceiver slack = new IdempotentReceiver(r -> {
                    JsonNode m = readJson(r.body());
                    return m.at("/blocks/4/elements/0/text").asText() + m.at("/blocks/3/elements/0/text").asText();
                }, Answer.status(200, "ok"));
                IdempotentReceiver down = new IdempotentReceiver()) {
            pd.failWith(r -> switch (pdCalls.incrementAndGet() % 5) {
                case 1 -> Answer.status(500, "internal error");
                case 3 -> Answer.rateLimited(1);
                default -> null;
            });
            slack.failWith(r -> switch (slackCalls.incrementAndGet() % 7) {
                case 2 -> Answer.status(503);
                case 4 -> Answer.hang();
                case 6 -> new Answer(429, "rate_limited", Map.of("Retry-After", "1"), Duration.ZERO);
                default -> null;
            });
            down.failWith(r -> Answer.status(500));
            Map<String, String> c = settings(kafka);
            c.put("dashboard.url", "http://127.0.0.1:8080/#/outages/{outageId}");
            destination(c, "pagerduty", "pagerduty", pd.url().toString(), "routing.key", ROUTING_KEY, "updates", "true");
            destination(c, "slack", "slack", slack.url().toString(), "timeout.ms", "500");
            destination(c, "down", "webhook", down.url().toString(), "retry.max.attempts", "3", "retry.budget.ms",
                    "1000", "retry.resolve.budget.ms", "2000");
            produce(kafka, topics, interleaved(lifecycles));
            start(kafka, c);

            awaitCommitted(kafka, c.get("group.id"), 30);
            for (List<OutageAlert> lifecycle : lifecycles) {
                String outage = lifecycle.get(0).getOutageId();
                List<FakePagerDuty.Incident> incidents = pd.incidents("blastradius/" + outage);
                assertThat(incidents).as(outage).hasSize(1);
                assertThat(incidents.get(0).actions).as(outage)
                        .containsExactly("trigger", "trigger", "trigger", "resolve");
                assertThat(incidents.get(0).events.stream().limit(3)
                        .map(e -> e.at("/payload/custom_details/state").asText()).toList())
                        .containsExactly("CONFIRMED", "ACKNOWLEDGED", "RECOVERING");
                assertThat(incidents.get(0).open).isFalse();
            }
            assertThat(pd.incidents()).hasSize(6);

            Map<String, List<String>> slackStates = new HashMap<>();
            for (Request r : slack.effects()) {
                // "CONFIRMED: provider outage of aws/us-east-1 (confidence 0.90, 2 observed, 1 at risk)"
                String text = readJson(r.body()).get("text").asText();
                String scope = text.substring(text.indexOf(" of ") + 4, text.indexOf(" ("));
                slackStates.computeIfAbsent(scope, k -> new ArrayList<>()).add(text.substring(0, text.indexOf(':')));
            }
            assertThat(slackStates).hasSize(6).allSatisfy((scope, states) -> assertThat(states).as(scope)
                    .containsExactly("SUSPECTED", "CONFIRMED", "ACKNOWLEDGED", "RECOVERING", "RESOLVED"));
            assertThat(slack.duplicates()).isZero();

            List<ConsumerRecord<String, AlertDeadLetter>> letters = kafka.consume(topics.alertDeadLetters(), 30);
            assertThat(letters).allSatisfy(l -> assertThat(l.value().getDestination()).isEqualTo("down"));
            assertThat(letters.stream().map(l -> l.value().getAlert().getAlertId()).collect(Collectors.toSet())).hasSize(30);
            assertThat(letters).filteredOn(l -> l.value().getAlert().getState() == OutageState.RESOLVED).hasSize(6)
                    .allSatisfy(l -> assertThat(l.value().getAttempts()).as("a resolve outlasts retry.max.attempts")
                            .isGreaterThan(3));
            assertThat(letters).filteredOn(l -> l.value().getAlert().getState() != OutageState.RESOLVED)
                    .allSatisfy(l -> assertThat(l.value().getAttempts()).isLessThanOrEqualTo(3));
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
