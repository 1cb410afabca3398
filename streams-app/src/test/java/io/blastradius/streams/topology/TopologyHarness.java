package io.blastradius.streams.topology;

import io.blastradius.schemas.DeadLetter;
import io.blastradius.schemas.DependencyKind;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceDependency;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.ServiceInfo;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The topology on a {@link TopologyTestDriver} with an in-memory registry, plus a small world:
 * ten DynamoDB users in us-east-1 (one organisation each), MetaMask through Infura, five EC2 users.
 */
final class TopologyHarness implements AutoCloseable {
    static final long T0 = Instant.parse("2025-10-20T06:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;
    static final String[] VANTAGES = {"v-fra", "v-iad", "v-sin", "v-gru"};

    final String scope = "topology-test-" + UUID.randomUUID();
    final AvroSerdes serdes = new AvroSerdes(Map.of("schema.registry.url", "mock://" + scope));
    final Topics topics = Topics.create(TopicNames.defaults(), serdes);
    final Topology topology;
    final TopologyTestDriver driver;
    final TestInputTopic<String, ProbeResult> probes;
    final TestInputTopic<String, SocialSignal> social;
    final TestInputTopic<String, StatusEvent> status;
    final TestInputTopic<String, ServiceDependency> dependencies;
    final TestInputTopic<String, ServiceInfo> services;
    final TestInputTopic<byte[], byte[]> rawProbes;
    final TestOutputTopic<String, ServiceHealth> health;
    final TestOutputTopic<String, Outage> outages;
    final TestOutputTopic<String, OutageAlert> alerts;
    final TestOutputTopic<String, DeadLetter> deadLetters;

    TopologyHarness(Path stateDir) {
        this(stateDir, DetectionSettings.defaults());
    }

    TopologyHarness(Path stateDir, DetectionSettings settings) {
        topology = BlastRadiusTopology.build(topics, settings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "blastradius-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(T0));
        StringSerializer keys = new StringSerializer();
        StringDeserializer keyReader = new StringDeserializer();
        probes = driver.createInputTopic(topics.probeResults().name(), keys, topics.probeResults().valueSerde().serializer());
        social = driver.createInputTopic(topics.socialSignals().name(), keys, topics.socialSignals().valueSerde().serializer());
        status = driver.createInputTopic(topics.statusEvents().name(), keys, topics.statusEvents().valueSerde().serializer());
        dependencies = driver.createInputTopic(topics.serviceDependencies().name(), keys,
                topics.serviceDependencies().valueSerde().serializer());
        services = driver.createInputTopic(topics.services().name(), keys, topics.services().valueSerde().serializer());
        rawProbes = driver.createInputTopic(topics.probeResults().name(), new ByteArraySerializer(), new ByteArraySerializer());
        health = driver.createOutputTopic(topics.serviceHealth().name(), keyReader, topics.serviceHealth().valueSerde().deserializer());
        outages = driver.createOutputTopic(topics.outages().name(), keyReader, topics.outages().valueSerde().deserializer());
        alerts = driver.createOutputTopic(topics.outageAlerts().name(), keyReader, topics.outageAlerts().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), keyReader, topics.deadLetters().valueSerde().deserializer());
    }

    /** The small world of these tests, on the catalog topics. */
    void loadWorld() {
        worldServices().forEach(e -> services.pipeInput(e.getKey(), e.getValue()));
        worldEdges().forEach(e -> dependencies.pipeInput(e.getKey(), e.getValue()));
    }

    /** The services of the small world, keyed as on the services topic. */
    static List<Map.Entry<String, ServiceInfo>> worldServices() {
        List<Map.Entry<String, ServiceInfo>> list = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            list.add(Map.entry("ddb" + i, Records.service("ddb" + i, "DynamoDB user " + i, "org-ddb" + i, 1_000_000L)));
        }
        for (int i = 1; i <= 5; i++) {
            list.add(Map.entry("ec2u" + i, Records.service("ec2u" + i, "EC2 user " + i, "org-ec2u" + i, 100_000L)));
        }
        list.add(Map.entry("infura", Records.service("infura", "Infura", "Consensys", 400_000L)));
        list.add(Map.entry("metamask", Records.service("metamask", "MetaMask", "Consensys", 30_000_000L)));
        return list;
    }

    /** The dependency edges of the small world, keyed {@code service|target}. */
    static List<Map.Entry<String, ServiceDependency>> worldEdges() {
        List<Map.Entry<String, ServiceDependency>> list = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            list.add(edgeEntry("ddb" + i, "aws/us-east-1/dynamodb", DependencyKind.DATABASE));
        }
        for (int i = 1; i <= 5; i++) {
            list.add(edgeEntry("ec2u" + i, "aws/us-east-1/ec2", DependencyKind.COMPUTE));
        }
        list.add(edgeEntry("infura", "aws/us-east-1/dynamodb", DependencyKind.DATABASE));
        list.add(edgeEntry("metamask", "infura", DependencyKind.RPC));
        return list;
    }

    private static Map.Entry<String, ServiceDependency> edgeEntry(String service, String target, DependencyKind kind) {
        return Map.entry(service + "|" + target, Records.dependency(service, target, kind));
    }

    void edge(String service, String target, DependencyKind kind) {
        dependencies.pipeInput(service + "|" + target, Records.dependency(service, target, kind));
    }

    /** One check of {@code service} from every vantage in minute {@code minute} after T0. */
    void probeMinute(String service, int minute, boolean failing, String attributedScope) {
        for (int v = 0; v < VANTAGES.length; v++) {
            long at = T0 + minute * MIN + v * 7_000L + (service.hashCode() & 0xfff);
            probes.pipeInput(service, Records.probe(service, VANTAGES[v], !failing, at, attributedScope), at);
        }
    }

    @Override
    public void close() {
        driver.close();
        serdes.close();
        SchemaRegistryClients.dropMockScope(scope);
    }
}
