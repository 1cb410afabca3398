package io.blastradius.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.ServiceHealth;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import io.blastradius.schemas.registry.SchemaRegistryClients;
import io.blastradius.schemas.serde.AvroSerdes;
import io.blastradius.schemas.topic.TopicNames;
import io.blastradius.schemas.topic.Topics;
import io.blastradius.streams.query.views.QueryViews;
import io.blastradius.streams.query.views.SignalMinute;
import io.blastradius.streams.topology.BlastRadiusTopology;
import io.blastradius.streams.topology.DetectionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query views beside the correlation topology, on a {@link TopologyTestDriver} with event time driven explicitly. */
class QueryViewsTest {
    private static final long T = QueryWorld.T0.toEpochMilli() + 61 * QueryWorld.MIN;
    private final String scope = "views-test-" + UUID.randomUUID();
    private final AvroSerdes serdes = new AvroSerdes(Map.of("schema.registry.url", "mock://" + scope));
    private final Topics topics = Topics.create(TopicNames.defaults(), serdes);
    private final List<String> recorded = new ArrayList<>();
    private TopologyTestDriver driver;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver() {
        Topology topology = BlastRadiusTopology.build(topics, DetectionSettings.defaults());
        QueryViews.addTo(topology, topics, Duration.ofHours(6), Duration.ofHours(6), recorded::add);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props, QueryWorld.T0);
        return driver;
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        serdes.close();
        SchemaRegistryClients.dropMockScope(scope);
    }

    @Test
    void countsEachSignalForItsServiceAndTheScopesItNames() {
        TopologyTestDriver d = driver();
        TestInputTopic<String, ProbeResult> probes = d.createInputTopic(topics.probeResults().name(), new StringSerializer(),
                topics.probeResults().valueSerde().serializer());
        TestInputTopic<String, SocialSignal> posts = d.createInputTopic(topics.socialSignals().name(), new StringSerializer(),
                topics.socialSignals().valueSerde().serializer());
        TestInputTopic<String, StatusEvent> status = d.createInputTopic(topics.statusEvents().name(), new StringSerializer(),
                topics.statusEvents().valueSerde().serializer());
        probes.pipeInput("ddb1", QueryWorld.probe("ddb1", "v-fra", false, T), T);
        probes.pipeInput("ddb1", QueryWorld.probe("ddb1", "v-iad", true, T + 1_000), T + 1_000);
        probes.pipeInput("ddb1", QueryWorld.probe("ddb1", "v-sin", false, T + 2_000), T + 2_000);
        posts.pipeInput("p-script", QueryWorld.post("p-script", List.of("metamask"), QueryWorld.SCRIPT_POST, T + 3_000), T + 3_000);
        status.pipeInput("aws/us-east-1", QueryWorld.providerStatus(T + 4_000), T + 4_000);
        d.createInputTopic(topics.probeResults().name(), new StringSerializer(), new StringSerializer())
                .pipeInput("ddb1", "not avro", T + 5_000); // dead-lettered by the topology, skipped by the views

        WindowStore<String, SignalMinute> store = d.getWindowStore(QueryViews.SIGNALS_STORE);
        long minute = T - T % QueryWorld.MIN;
        SignalMinute service = store.fetch("ddb1", minute);
        assertThat(service.checks()).isEqualTo(3);
        assertThat(service.failures()).isEqualTo(2);
        // failing checks count for the scope their address attributes to and every scope containing it
        for (String s : List.of("aws/us-east-1/dynamodb", "aws/us-east-1", "aws/global/dynamodb", "aws/global")) {
            assertThat(store.fetch(s, minute).failures()).as(s).isEqualTo(2);
        }
        SignalMinute metamask = store.fetch("metamask", minute);
        assertThat(metamask.posts()).isEqualTo(1);
        assertThat(metamask.complaints()).isEqualTo(0.9);
        assertThat(metamask.notes()).singleElement().extracting(SignalMinute.Note::text).isEqualTo(QueryWorld.SCRIPT_POST);
        SignalMinute region = store.fetch("aws/us-east-1", minute);
        assertThat(region.statusEvents()).isEqualTo(1);
        assertThat(region.worstStatus()).isEqualTo("DEGRADED");
        assertThat(region.notes()).extracting(SignalMinute.Note::title).contains(QueryWorld.STATUS_TITLE);
        assertThat(store.fetch("aws/us-east-1/dynamodb", minute).statusEvents()).isZero(); // a region's status is not its service's
        assertThat(recorded).hasSize(5);
    }

    @Test
    void keepsEachServicesHealthJudgementsByMinute() {
        TopologyTestDriver d = driver();
        TestInputTopic<String, ProbeResult> probes = d.createInputTopic(topics.probeResults().name(), new StringSerializer(),
                topics.probeResults().valueSerde().serializer());
        String[] vantages = {"v-fra", "v-iad", "v-sin", "v-gru"};
        for (int m = 0; m < 20; m++) {
            for (int v = 0; v < vantages.length; v++) {
                long at = QueryWorld.T0.toEpochMilli() + m * QueryWorld.MIN + v * 1_000L;
                probes.pipeInput("ddb1", QueryWorld.probe("ddb1", vantages[v], m < 10, at), at);
            }
        }
        WindowStore<String, ServiceHealth> history = d.getWindowStore(QueryViews.HEALTH_HISTORY_STORE);
        List<ServiceHealth> judged = new ArrayList<>();
        try (WindowStoreIterator<ServiceHealth> it = history.fetch("ddb1", QueryWorld.T0, QueryWorld.T0.plus(Duration.ofHours(1)))) {
            it.forEachRemaining(kv -> judged.add(kv.value));
        }
        assertThat(judged).isNotEmpty();
        assertThat(judged).extracting(h -> h.getState().name()).containsAnyOf("DOWN", "DEGRADED");
        assertThat(judged).allSatisfy(h -> assertThat(h.getWindowEnd()).isAfter(QueryWorld.T0).isBefore(Instant.parse("2025-10-20T06:21:00Z")));
    }
}
