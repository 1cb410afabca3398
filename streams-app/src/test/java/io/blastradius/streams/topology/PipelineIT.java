package io.blastradius.streams.topology;

import static io.blastradius.streams.topology.TopologyHarness.MIN;
import static io.blastradius.streams.topology.TopologyHarness.T0;
import static io.blastradius.streams.topology.TopologyHarness.VANTAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.HealthState;
import io.blastradius.schemas.ImpactedService;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.app.BlastRadiusApp;
import io.blastradius.streams.config.StreamsAppConfig;
import io.blastradius.testsupport.kafka.KafkaExtension;
import io.blastradius.testsupport.kafka.KafkaTestContext;
import io.blastradius.testsupport.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real broker and the real registry, exactly-once, two partitions: a
 * DynamoDB outage in a small world, with a malformed record mixed in, is detected, attributed,
 * acknowledged and resolved, with MetaMask in its blast radius through Infura, and every alert is
 * the one the {@code TopologyTestDriver} gives for the same input; and every service is judged on
 * all the complaints and status pages of each minute as on the driver. The two upstream tasks are
 * not kept in step by Kafka Streams, and what goes through the by-service repartition arrives after
 * a task's own probes, so this is the test of the health stage's progress marks and of the
 * correlation stage's event-time alignment.
 */
class PipelineIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = KafkaExtension.embedded();
    @RegisterExtension
    static final RegistryExtension REGISTRY = new RegistryExtension();

    @TempDir
    Path driverState;

    private static final List<String> DDB_USERS = List.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7", "infura",
            "metamask");
    private static final List<String> ALL = List.of("ddb1", "ddb2", "ddb3", "ddb4", "ddb5", "ddb6", "ddb7", "ddb8", "ddb9",
            "ddb10", "infura", "metamask", "ec2u1", "ec2u2", "ec2u3", "ec2u4", "ec2u5");
    private static final byte[] GARBAGE = "garbage".getBytes(StandardCharsets.UTF_8);

    /** One input record: a probe result, a status event, or raw bytes on the probe topic. */
    private record Signal(String key, Object value, long timestamp) {
    }

    @Test
    void detectsAttributesAndResolvesAProviderOutageExactlyAsTheTopologyTestDriver(KafkaTestContext kafka) throws Exception {
        List<Signal> signals = signals();
        List<String> expected = describe(driverAlerts(signals));

        Topics topics = prepare(kafka);
        produce(kafka, topics, signals);
        kafka.track(startApp(kafka, topics, kafka.streamsConfig().get("state.dir").toString()));
        List<OutageAlert> alerts = readUntil(kafka, topics, a -> a.getState() == OutageState.RESOLVED);

        assertThat(alerts).extracting(OutageAlert::getState).containsSubsequence(OutageState.SUSPECTED,
                OutageState.CONFIRMED, OutageState.ACKNOWLEDGED, OutageState.RECOVERING, OutageState.RESOLVED);
        assertThat(describe(alerts)).containsExactlyElementsOf(expected);
        OutageAlert first = alerts.get(0);
        assertThat(first.getOutage().getScope()).isEqualTo("aws/us-east-1/dynamodb");
        assertThat(first.getOutage().getDetected().toEpochMilli() - (T0 + 60 * MIN)).isBetween(0L, 3 * MIN);
        OutageAlert last = alerts.get(alerts.size() - 1);
        List<ImpactedService> observed = last.getOutage().getBlastRadius().getObserved();
        assertThat(observed).extracting(ImpactedService::getService).containsExactlyInAnyOrderElementsOf(DDB_USERS);
        assertThat(observed.stream().filter(i -> i.getService().equals("metamask")).findFirst().orElseThrow().getPath())
                .containsExactly("metamask", "infura", "aws/us-east-1/dynamodb");
        for (int i = 0; i < alerts.size(); i++) {
            assertThat(alerts.get(i).getAlertId()).isEqualTo(first.getOutageId() + ":" + (i + 1));
        }

        List<ConsumerRecord<String, DeadLetter>> letters = kafka.consume(topics.deadLetters(), 1);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).value().getSourceTopic()).isEqualTo(topics.probeResults().name());
        assertThat(letters.get(0).value().getErrorType()).isEqualTo("SerializationException");
    }

    @Test
    void judgesEveryServiceOnAllTheComplaintsAndStatusPagesOfItsMinutesExactlyAsTheTopologyTestDriver(KafkaTestContext kafka)
            throws Exception {
        List<Signal> signals = complaintsAndStatusPages();
        List<ServiceHealth> expected;
        try (TopologyHarness h = new TopologyHarness(driverState)) {
            h.loadWorld();
            pipe(h, signals);
            expected = h.health.readValuesToList();
        }
        // what is compared moves with complaints and status pages
        assertThat(expected).anyMatch(h -> h.getState() != HealthState.HEALTHY && h.getSocial().getComplaints() > 10);
        assertThat(expected).anyMatch(h -> h.getStatus().getStatus() == ComponentStatus.MAJOR_OUTAGE);

        Topics topics = prepare(kafka);
        produce(kafka, topics, signals);
        kafka.track(startApp(kafka, topics, kafka.streamsConfig().get("state.dir").toString()));
        List<ServiceHealth> judged = kafka.consume(topics.serviceHealth().name(), new StringDeserializer(),
                topics.serviceHealth().valueSerde().deserializer(), expected.size(), Duration.ofSeconds(120))
                .stream().map(ConsumerRecord::value).toList();

        assertThat(byService(judged)).isEqualTo(byService(expected));
    }

    @Test
    void resumesFromItsChangelogsAfterARestartWithoutLosingOrRepeatingAnAlert(KafkaTestContext kafka) throws Exception {
        List<Signal> signals = signals();
        List<String> expected = describe(driverAlerts(signals));
        long split = T0 + 64 * MIN;

        Topics topics = prepare(kafka);
        produce(kafka, topics, signals.stream().filter(s -> s.timestamp() < split).toList());
        String firstStateDir = kafka.streamsConfig().get("state.dir").toString();
        try (BlastRadiusApp app = startApp(kafka, topics, firstStateDir)) {
            readUntil(kafka, topics, a -> a.getState() == OutageState.SUSPECTED);
        }
        // a fresh state directory: everything the stages keep must come back from the changelogs
        Utils.delete(Path.of(firstStateDir).toFile());
        produce(kafka, topics, signals.stream().filter(s -> s.timestamp() >= split).toList());
        kafka.track(startApp(kafka, topics, kafka.streamsConfig().get("state.dir").toString()));
        List<OutageAlert> alerts = readUntil(kafka, topics, a -> a.getState() == OutageState.RESOLVED);

        assertThat(describe(alerts)).containsExactlyElementsOf(expected);
    }

    /** Two hours of probes, DynamoDB users failing from minute 60 to 80, the provider's ack at 66, one malformed record. */
    private static List<Signal> signals() {
        List<Signal> signals = new ArrayList<>();
        for (int m = 0; m < 125; m++) {
            for (String s : ALL) {
                boolean failing = DDB_USERS.contains(s) && m >= 60 && m < 80;
                for (int v = 0; v < VANTAGES.length; v++) {
                    long at = T0 + m * MIN + v * 7_000L;
                    signals.add(new Signal(s, Records.probe(s, VANTAGES[v], !failing, at, null), at));
                }
            }
            if (m == 30) {
                signals.add(new Signal("ddb1", GARBAGE, T0 + m * MIN + 30_000));
            }
        }
        signals.add(new Signal("aws/us-east-1", Records.providerStatus("aws/us-east-1", ComponentStatus.DEGRADED, "aws-42",
                T0 + 66 * MIN), T0 + 66 * MIN));
        // as the connectors write them: record timestamps are event times, in order
        signals.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        return signals;
    }

    /**
     * Ninety minutes of healthy probes; complaints about three services (a few an hour, then a surge
     * from minute 60 to 70), each post keyed by its id and so mostly on another partition than its
     * service; and a service's own status page reporting a major outage from minute 65 to 75.
     */
    private static List<Signal> complaintsAndStatusPages() {
        List<Signal> signals = new ArrayList<>();
        int post = 0;
        for (int m = 0; m < 90; m++) {
            for (String s : ALL) {
                for (int v = 0; v < VANTAGES.length; v++) {
                    long at = T0 + m * MIN + v * 7_000L;
                    signals.add(new Signal(s, Records.probe(s, VANTAGES[v], true, at, null), at));
                }
            }
            for (String s : List.of("ec2u1", "ec2u2", "ddb8")) {
                int posts = m >= 60 && m < 70 ? 15 : (m % 4 == 0 ? 1 : 0);
                for (int i = 0; i < posts; i++) {
                    long at = T0 + m * MIN + 2_000 + i * 3_000L;
                    String id = "p" + post++;
                    signals.add(new Signal(id, Records.complaint(id, List.of(s), List.of("aws"), at), at));
                }
            }
        }
        signals.add(new Signal("ec2u4", Records.serviceStatus("ec2u4", ComponentStatus.MAJOR_OUTAGE, T0 + 65 * MIN + 30_000),
                T0 + 65 * MIN + 30_000));
        signals.add(new Signal("ec2u4", Records.serviceStatus("ec2u4", ComponentStatus.OPERATIONAL, T0 + 75 * MIN + 30_000),
                T0 + 75 * MIN + 30_000));
        signals.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        return signals;
    }

    /** The same input through the {@code TopologyTestDriver} (one partition, so one upstream task). */
    private List<OutageAlert> driverAlerts(List<Signal> signals) {
        try (TopologyHarness h = new TopologyHarness(driverState)) {
            h.loadWorld();
            pipe(h, signals);
            return h.alerts.readValuesToList();
        }
    }

    private static void pipe(TopologyHarness h, List<Signal> signals) {
        for (Signal s : signals) {
            if (s.value() instanceof ProbeResult p) {
                h.probes.pipeInput(s.key(), p, s.timestamp());
            } else if (s.value() instanceof StatusEvent e) {
                h.status.pipeInput(s.key(), e, s.timestamp());
            } else if (s.value() instanceof SocialSignal p) {
                h.social.pipeInput(s.key(), p, s.timestamp());
            } else {
                h.rawProbes.pipeInput(s.key().getBytes(StandardCharsets.UTF_8), (byte[]) s.value(), s.timestamp());
            }
        }
    }

    /** Each service's judgements in order, as what they say (one task judges a service, so its order is kept). */
    private static Map<String, List<String>> byService(List<ServiceHealth> judged) {
        Map<String, List<String>> by = new TreeMap<>();
        for (ServiceHealth h : judged) {
            by.computeIfAbsent(h.getService(), k -> new ArrayList<>()).add((h.getWindowEnd().toEpochMilli() - T0) / MIN + "m "
                    + h.getState() + " score " + h.getScore() + " complaints " + h.getSocial().getComplaints() + " status "
                    + h.getStatus().getStatus());
        }
        return by;
    }

    /** What an alert says that must not depend on how the work was split: step, time, scope, reason, blast radius. */
    private static List<String> describe(List<OutageAlert> alerts) {
        return alerts.stream().map(a -> a.getAlertId() + " " + a.getPreviousState() + "->" + a.getState() + " at "
                + (a.getAt().toEpochMilli() - T0) / 1000 + "s " + a.getOutage().getScope() + " (" + a.getReason() + ") observed "
                + a.getOutage().getBlastRadius().getObserved().stream().map(ImpactedService::getService).sorted().toList())
                .toList();
    }

    private static Topics prepare(KafkaTestContext kafka) {
        TopicNames names = kafka.topicNames();
        kafka.createTopics(names, 2);
        Topics topics = Topics.create(names, REGISTRY.serdes());
        kafka.produce(topics.services(), TopologyHarness.worldServices());
        kafka.produce(topics.serviceDependencies(), TopologyHarness.worldEdges());
        return topics;
    }

    private static void produce(KafkaTestContext kafka, Topics topics, List<Signal> signals) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Signal s : signals) {
                String topic;
                byte[] value;
                if (s.value() instanceof ProbeResult p) {
                    topic = topics.probeResults().name();
                    value = topics.probeResults().valueSerde().serializer().serialize(topic, p);
                } else if (s.value() instanceof StatusEvent e) {
                    topic = topics.statusEvents().name();
                    value = topics.statusEvents().valueSerde().serializer().serialize(topic, e);
                } else if (s.value() instanceof SocialSignal p) {
                    topic = topics.socialSignals().name();
                    value = topics.socialSignals().valueSerde().serializer().serialize(topic, p);
                } else {
                    topic = topics.probeResults().name();
                    value = (byte[]) s.value();
                }
                producer.send(new ProducerRecord<>(topic, null, s.timestamp(), s.key().getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
    }

    private static BlastRadiusApp startApp(KafkaTestContext kafka, Topics topics, String stateDir) {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsAppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(StreamsAppConfig.APPLICATION_ID, kafka.applicationId());
        props.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, REGISTRY.url());
        String probes = topics.probeResults().name();
        props.put(StreamsAppConfig.TOPIC_PREFIX, probes.substring(0, probes.length() - "probe-results".length()));
        props.put(StreamsAppConfig.STATE_DIR, stateDir);
        props.put("kafka.commit.interval.ms", "100");
        BlastRadiusApp app = new BlastRadiusApp(new StreamsAppConfig(props));
        app.start();
        return app;
    }

    /** Every alert from the start of the topic until one matches {@code last} (read_committed: only committed output). */
    private static List<OutageAlert> readUntil(KafkaTestContext kafka, Topics topics, Predicate<OutageAlert> last) {
        try (KafkaConsumer<String, OutageAlert> consumer = new KafkaConsumer<>(kafka.consumerConfig(), new StringDeserializer(),
                topics.outageAlerts().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.outageAlerts().name()));
            List<OutageAlert> alerts = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, OutageAlert> r : consumer.poll(Duration.ofMillis(500))) {
                    alerts.add(r.value());
                }
                if (alerts.stream().anyMatch(last)) {
                    return alerts;
                }
            }
            throw new AssertionError("no matching alert within 120 s; alerts so far: " + describe(alerts));
        }
    }
}
